import { evictOneArticle, listReads, listSaved, markRead, type SavedInfo } from '../shared/article-store.ts';
import { type Bookmark, isQuotaError, openReaderDB, type ReaderDatabase, type ReadingProgress } from '../shared/db.ts';
import { addBookmark, listBookmarks, listProgress, removeBookmark, saveProgress } from '../shared/reader-records.ts';
import type { PostMeta } from '../shared/types.ts';
import { appStatus, setStatus } from './status.ts';
import { createStore } from './store.ts';

let connection: Promise<ReaderDatabase | null> | undefined;

/**
 * The page's database connection, or null when the browser has no usable IndexedDB (then the reader reads from the
 * network, and says so on the settings page). Never rejects.
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

/** What the device holds for the reader: saved articles, reads, bookmarks and reading positions. */
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

/** Read what the device holds into `deviceState`: once at start, and after the storage was cleared. */
export async function loadDeviceState(): Promise<void> {
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

/** Change one map of the device state, copying only that map. */
function updateMap<K extends 'saved' | 'reads' | 'bookmarks' | 'progress'>(
  key: K,
  change: (map: DeviceState[K]) => void,
): void {
  deviceState.update((s) => {
    const map = new Map(s[key] as Map<string, unknown>) as DeviceState[K];
    change(map);
    return { ...s, [key]: map };
  });
}

/** Apply what a sync changed, as it reports it: no re-reading. */
export function applySavedChanges(changed: readonly SavedInfo[], removed: readonly string[]): void {
  if (changed.length === 0 && removed.length === 0) return;
  updateMap('saved', (saved) => {
    for (const slug of removed) saved.delete(slug);
    for (const info of changed) saved.set(info.slug, info);
  });
}

/** How many saved articles a write of the reader's own may remove to make room, before it gives up. */
const EVICT_FOR_ROOM = 5;

/**
 * Run a write of the reader's own (a bookmark, a position, a setting) against the database. The reader's records
 * come before articles that can be downloaded again: on a full disk, saved articles nobody holds are removed and the
 * write tried again; never the post the write is `about` (removing the post being bookmarked would make room for the
 * bookmark only to download it again). False, with the reason told, when storage is unavailable or the write still
 * failed.
 */
export async function write(action: (db: ReaderDatabase) => Promise<unknown>, about?: string): Promise<boolean> {
  const db = await pageDB();
  if (!db) return false;
  for (let attempt = 0; ; attempt++) {
    try {
      await action(db);
      if (appStatus.get().writeError) setStatus({ writeError: undefined });
      return true;
    } catch (e) {
      const evicted =
        isQuotaError(e) && attempt < EVICT_FOR_ROOM
          ? await evictOneArticle(db, about).catch(() => undefined)
          : undefined;
      if (evicted) {
        applySavedChanges([], [evicted]);
        continue;
      }
      setStatus({
        writeError: isQuotaError(e)
          ? 'Your device’s storage is full: this change could not be saved. Free some space, or remove saved posts in Settings.'
          : 'This change could not be saved on this device.',
      });
      return false;
    }
  }
}

/** Bookmark a post, or remove its bookmark. The first bookmark asks the browser to keep storage for good. */
export async function toggleBookmark(post: Pick<PostMeta, 'slug' | 'title'>): Promise<boolean> {
  const { bookmarks } = deviceState.get();
  if (bookmarks.has(post.slug)) {
    const ok = await write((db) => removeBookmark(db, post.slug), post.slug);
    if (ok) updateMap('bookmarks', (b) => b.delete(post.slug));
    return ok;
  }
  if (bookmarks.size === 0) void navigator.storage?.persist?.().catch(() => false);
  const bookmark: Bookmark = { slug: post.slug, title: post.title, addedAt: Date.now() };
  const ok = await write((db) => addBookmark(db, bookmark), post.slug);
  if (ok) updateMap('bookmarks', (b) => b.set(post.slug, bookmark));
  // A bookmarked post is always kept offline: ask the worker (through the bridge) to save it now.
  if (ok) void import('./sw-bridge.ts').then((bridge) => bridge.requestSync());
  return ok;
}

/** Add bookmarks that were stored by an import. */
export function rememberBookmarks(added: readonly Bookmark[]): void {
  updateMap('bookmarks', (b) => added.forEach((x) => b.set(x.slug, x)));
}

/** Store a reading position, and show it. */
export async function storeProgress(progress: ReadingProgress): Promise<boolean> {
  const ok = await write((db) => saveProgress(db, progress), progress.slug);
  if (ok) updateMap('progress', (p) => p.set(progress.slug, progress));
  return ok;
}

/** Remember that this version of the post was opened. */
export async function rememberRead(post: Pick<PostMeta, 'slug' | 'hash'>): Promise<void> {
  if (await write((db) => markRead(db, post), post.slug)) updateMap('reads', (r) => r.set(post.slug, post.hash));
}

/** Close the page's connection (a later call opens a new one). */
export async function closePageDB(): Promise<void> {
  const db = await connection;
  connection = undefined;
  db?.close();
}
