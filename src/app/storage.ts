import { getArticle, listReads, listSaved, markRead, type SavedInfo } from '../shared/article-store.ts';
import { addBookmark, listBookmarks, listProgress, removeBookmark } from '../shared/bookmark-store.ts';
import { type Bookmark, openReaderDB, type ReaderDatabase, type ReadingProgress } from '../shared/db.ts';
import type { PostMeta } from '../shared/types.ts';
import { setStatus } from './status.ts';
import { createStore } from './store.ts';

let connection: Promise<ReaderDatabase | null> | undefined;

/**
 * The page's database connection, or null when the browser has no usable IndexedDB (then the reader reads from the
 * network, and says so on the offline page). Never rejects.
 */
export function pageDB(): Promise<ReaderDatabase | null> {
  connection ??= openReaderDB({
    onVersionChange: () => {
      connection = Promise.resolve(null);
      setStatus({ storage: 'version-change' });
    },
    onBlocked: () => setStatus({ storage: 'blocked' }),
    onTerminated: () => {
      connection = undefined;
    },
  }).then(
    (db) => {
      setStatus({ storage: 'ok' });
      return db;
    },
    () => {
      setStatus({ storage: 'unavailable' });
      return null;
    },
  );
  return connection;
}

/** Close the page's connection (tests; a later call opens a new one). */
export async function closePageDB(): Promise<void> {
  const db = await connection;
  connection = undefined;
  db?.close();
}

/** A saved article matching the index, if there is one and storage works. */
export async function savedArticle(post: PostMeta) {
  const db = await pageDB();
  if (!db) return undefined;
  try {
    return await getArticle(db, post);
  } catch {
    return undefined;
  }
}

/** What the device holds for the reader: saved articles, reads, bookmarks (newest first) and reading positions. */
export interface DeviceState {
  saved: Map<string, SavedInfo>;
  reads: Map<string, string>;
  bookmarks: Map<string, Bookmark>;
  progress: Map<string, ReadingProgress>;
  loaded: boolean;
}

export const emptyDeviceState = (): DeviceState => ({
  saved: new Map(),
  reads: new Map(),
  bookmarks: new Map(),
  progress: new Map(),
  loaded: false,
});

export const deviceState = createStore<DeviceState>(emptyDeviceState());

/** Read what is saved and read from the database into `deviceState`. */
export async function refreshDeviceState(): Promise<void> {
  const db = await pageDB();
  if (!db) return;
  try {
    const [saved, reads, bookmarks, progress] = await Promise.all([
      listSaved(db),
      listReads(db),
      listBookmarks(db),
      listProgress(db),
    ]);
    deviceState.set({
      saved: new Map(saved.map((s) => [s.slug, s])),
      reads: new Map(reads.map((r) => [r.slug, r.hash])),
      bookmarks: new Map(bookmarks.map((b) => [b.slug, b])),
      progress: new Map(progress.map((p) => [p.slug, p])),
      loaded: true,
    });
  } catch {
    // A failed read leaves the last known state; the marks are a convenience.
  }
}

/** Run a change against the database, then refresh what the page shows; false when storage is unavailable. */
export async function change(action: (db: ReaderDatabase) => Promise<unknown>): Promise<boolean> {
  const db = await pageDB();
  if (!db) return false;
  try {
    await action(db);
  } catch {
    return false;
  } finally {
    await refreshDeviceState();
  }
  return true;
}

/** Bookmark a post, or remove its bookmark. The first bookmark asks the browser to keep storage for good. */
export async function toggleBookmark(post: Pick<PostMeta, 'slug' | 'title'>): Promise<boolean> {
  const { bookmarks } = deviceState.get();
  if (bookmarks.has(post.slug)) return change((db) => removeBookmark(db, post.slug));
  if (bookmarks.size === 0) void navigator.storage?.persist?.().catch(() => false);
  return change((db) => addBookmark(db, { slug: post.slug, title: post.title, addedAt: Date.now() }));
}

/** Remember that this version of the post was opened. */
export async function rememberRead(post: PostMeta): Promise<void> {
  const db = await pageDB();
  if (!db) return;
  try {
    await markRead(db, post);
  } catch {
    return;
  }
}
