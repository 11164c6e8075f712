import { type Bookmark, type ReaderDatabase, type ReadingProgress, readTx } from './db.ts';

// The reader's own records: bookmarks and reading positions.

/** Bookmark a post (again: its date moves to now). */
export async function addBookmark(db: ReaderDatabase, bookmark: Bookmark): Promise<void> {
  await db.put('bookmarks', bookmark);
}

export async function removeBookmark(db: ReaderDatabase, slug: string): Promise<void> {
  await db.delete('bookmarks', slug);
}

/** Every bookmark, newest first. */
export async function listBookmarks(db: ReaderDatabase): Promise<Bookmark[]> {
  const all = await readTx(db, 'bookmarks').store.index('by-added').getAll();
  return all.reverse();
}

/**
 * Add bookmarks from an import in one transaction: all of them or, on any error, none. Bookmarks already on the
 * device are kept as they are. Returns the bookmarks added.
 */
export async function mergeBookmarks(db: ReaderDatabase, incoming: readonly Bookmark[]): Promise<Bookmark[]> {
  const tx = db.transaction('bookmarks', 'readwrite');
  const existing = new Set(await tx.store.getAllKeys());
  const fresh = incoming.filter((b) => !existing.has(b.slug));
  await Promise.all([...fresh.map((b) => tx.store.put(b)), tx.done]);
  return fresh;
}

/**
 * Store a reading position, committed at once: written as the page is left (pagehide), a transaction left to commit
 * on its own is aborted when the document goes away.
 */
export async function saveProgress(db: ReaderDatabase, progress: ReadingProgress): Promise<void> {
  const tx = db.transaction('progress', 'readwrite');
  const done = Promise.all([tx.store.put(progress), tx.done]);
  tx.commit();
  await done;
}

export const getProgress = (db: ReaderDatabase, slug: string): Promise<ReadingProgress | undefined> =>
  readTx(db, 'progress').store.get(slug);

export const listProgress = (db: ReaderDatabase): Promise<ReadingProgress[]> => readTx(db, 'progress').store.getAll();
