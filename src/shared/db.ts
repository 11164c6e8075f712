import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Article } from './types.ts';
import type { OfflinePolicy } from './offline-set.ts';

/**
 * An article kept on the device for reading offline: the payload as it arrived, and when. Articles saved by
 * version 2 of the database lack the metadata fields (their posts are re-saved, or kept for a bookmark).
 */
export interface StoredArticle extends Article {
  /** Size of the payload it came from, in bytes. */
  bytes: number;
  /** When it was saved, ms since the epoch. */
  savedAt: number;
}

/** The summary of a saved article, kept apart from its body so that lists never read the bodies. */
export type SavedInfo = Pick<StoredArticle, 'slug' | 'hash' | 'bytes' | 'savedAt'> & { title?: string };

/** An index file kept for offline lists: the manifest or a list chunk, as the text that arrived. */
export interface StoredIndexFile {
  name: string;
  text: string;
}

/** The reader's choices kept in the database, where the worker can read them. */
export interface StoredSettings {
  offline: OfflinePolicy;
}

/** That a reader opened a post, and which version of it. */
export interface ReadRecord {
  slug: string;
  hash: string;
  readAt: number;
}

/** A post the reader saved for later. */
export interface Bookmark {
  slug: string;
  /** The title when bookmarked, so the bookmark still reads well if the post leaves the blog. */
  title: string;
  addedAt: number;
}

/** Where the reader is in a post. */
export interface ReadingProgress {
  slug: string;
  /** The top-level block of the article at the top of the screen, and how far into it (0 to 1). */
  block: number;
  offset: number;
  /** How much of the article is behind the reader, 0 to 1, for lists. */
  fraction: number;
  finished: boolean;
  /** The post's title, for "Continue reading" with no index at hand. */
  title?: string;
  updatedAt: number;
}

interface ReaderDB extends DBSchema {
  articles: { key: string; value: StoredArticle };
  saved: { key: string; value: SavedInfo };
  reads: { key: string; value: ReadRecord };
  bookmarks: { key: string; value: Bookmark; indexes: { 'by-added': number } };
  progress: { key: string; value: ReadingProgress };
  index: { key: string; value: StoredIndexFile };
  settings: { key: string; value: StoredSettings[keyof StoredSettings] };
}

export type ReaderDatabase = IDBPDatabase<ReaderDB>;

export const DB_NAME = 'linux-systems-reader';
export const DB_VERSION = 3;

/** What the owner of a connection is told about other tabs and the browser. */
export interface ConnectionEvents {
  /** A newer version of the app wants to upgrade the database: this connection has been closed. */
  onVersionChange?: () => void;
  /** This upgrade waits for an older tab to let go of the database. */
  onBlocked?: () => void;
  /** The browser closed the connection (storage cleared, disk error). */
  onTerminated?: () => void;
}

/**
 * Open the database, upgrading it from whatever version it is at. One step per version, so that a reader whose
 * database is several versions old upgrades through each of them in turn.
 */
export async function openReaderDB(events: ConnectionEvents = {}): Promise<ReaderDatabase> {
  // async: a browser that throws from indexedDB.open (storage disabled) rejects instead of throwing at the caller.
  return await openDB<ReaderDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('articles', { keyPath: 'slug' });
        db.createObjectStore('saved', { keyPath: 'slug' });
        db.createObjectStore('reads', { keyPath: 'slug' });
      }
      if (oldVersion < 2) {
        db.createObjectStore('bookmarks', { keyPath: 'slug' }).createIndex('by-added', 'addedAt');
        db.createObjectStore('progress', { keyPath: 'slug' });
      }
      if (oldVersion < 3) {
        // The index leaves the bundles: its chunks are kept here, and the reader's offline choice beside them.
        // Articles saved by version 2 stay readable; the next sync replaces those whose post is still on the blog.
        db.createObjectStore('index', { keyPath: 'name' });
        db.createObjectStore('settings');
      }
    },
    blocked() {
      events.onBlocked?.();
    },
    blocking(_current, _next, event) {
      // Let the newer version upgrade instead of hanging: close, and tell the owner to reload.
      (event.target as IDBDatabase).close();
      events.onVersionChange?.();
    },
    terminated() {
      events.onTerminated?.();
    },
  });
}

type StoreName = 'articles' | 'saved' | 'reads' | 'bookmarks' | 'progress' | 'index' | 'settings';

/**
 * A read-only transaction whose abort (storage cleared, connection force-closed) is handled: idb rejects `tx.done`
 * then, and a read that only awaits its request would leave that rejection unhandled.
 */
export function readTx<Name extends StoreName>(db: ReaderDatabase, store: Name) {
  const tx = db.transaction(store, 'readonly');
  tx.done.catch(() => undefined);
  return tx;
}

/** Whether an error is the browser refusing to store more (the origin's quota, or a full disk). */
export const isQuotaError = (e: unknown): boolean =>
  e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');
