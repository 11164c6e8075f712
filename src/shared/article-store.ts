import { type ReaderDatabase, readTx, type ReadRecord, type SavedInfo, type StoredArticle } from './db.ts';
import type { Article, PostRef } from './types.ts';

export type { SavedInfo };

/** The summary the lists read of a saved article, without its body. */
export const savedInfoOf = ({ slug, hash, title, bytes, savedAt }: StoredArticle): SavedInfo => ({
  slug,
  hash,
  title,
  bytes,
  savedAt,
});

/** Store a verified article and its summary in one transaction: all of it or, on any error, nothing. */
export async function saveArticle(db: ReaderDatabase, article: Article, bytes: number): Promise<SavedInfo> {
  const record: StoredArticle = { ...article, bytes, savedAt: Date.now() };
  const tx = db.transaction(['articles', 'saved'], 'readwrite');
  const info = savedInfoOf(record);
  await Promise.all([tx.objectStore('articles').put(record), tx.objectStore('saved').put(info), tx.done]);
  return info;
}

/** A saved article, if it is the version named. */
export async function getArticle(db: ReaderDatabase, ref: Pick<PostRef, 'slug' | 'hash'>) {
  const stored = await readTx(db, 'articles').store.get(ref.slug);
  return stored?.hash === ref.hash ? stored : undefined;
}

/** A saved article whatever its version (opened by address, or a post that left the blog). */
export const getAnyArticle = (db: ReaderDatabase, slug: string): Promise<StoredArticle | undefined> =>
  readTx(db, 'articles').store.get(slug);

/** Every saved article's slug, hash, title, size and date, without reading the bodies. */
export const listSaved = (db: ReaderDatabase): Promise<SavedInfo[]> => readTx(db, 'saved').store.getAll();

/** Remove saved articles by slug, in one transaction. */
export async function removeArticles(db: ReaderDatabase, slugs: Iterable<string>): Promise<void> {
  const list = [...slugs];
  if (list.length === 0) return;
  const tx = db.transaction(['articles', 'saved'], 'readwrite');
  await Promise.all([
    ...list.flatMap((slug) => [tx.objectStore('articles').delete(slug), tx.objectStore('saved').delete(slug)]),
    tx.done,
  ]);
}

/** Remember that the reader opened this version of a post. */
export async function markRead(db: ReaderDatabase, post: Pick<PostRef, 'slug' | 'hash'>): Promise<void> {
  await db.put('reads', { slug: post.slug, hash: post.hash, readAt: Date.now() });
}

/** Which version of each post the reader last opened. */
export async function listReads(db: ReaderDatabase): Promise<ReadRecord[]> {
  return readTx(db, 'reads').store.getAll();
}

/**
 * Make room for the reader's own records: remove the saved article longest unread that is neither bookmarked nor
 * being read nor `spare` (the post the record is about), deciding and removing in one transaction (it can be
 * downloaded again). Returns its slug, if any.
 */
export async function evictOneArticle(db: ReaderDatabase, spare?: string): Promise<string | undefined> {
  const tx = db.transaction(['articles', 'saved', 'bookmarks', 'progress'], 'readwrite');
  const [bookmarked, reading, saved] = await Promise.all([
    tx.objectStore('bookmarks').getAllKeys(),
    tx.objectStore('progress').getAllKeys(),
    tx.objectStore('saved').getAll(),
  ]);
  const kept = new Set([...bookmarked, ...reading, ...(spare === undefined ? [] : [spare])]);
  const victim = saved.filter((s) => !kept.has(s.slug)).sort((a, b) => a.savedAt - b.savedAt)[0];
  if (victim)
    await Promise.all([tx.objectStore('articles').delete(victim.slug), tx.objectStore('saved').delete(victim.slug)]);
  await tx.done;
  return victim?.slug;
}
