import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { TocEntry } from './types.ts';

/** An article kept on the device for reading offline. */
export interface StoredArticle {
  slug: string;
  hash: string;
  html: string;
  toc: TocEntry[];
  /** Size of the payload it came from, in bytes. */
  bytes: number;
  /** When it was saved, ms since the epoch. */
  savedAt: number;
}

/** The summary of a saved article, kept apart from its body so that lists never read the bodies. */
export type SavedInfo = Pick<StoredArticle, 'slug' | 'hash' | 'bytes' | 'savedAt'>;

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
  updatedAt: number;
}

interface ReaderDB extends DBSchema {
  articles: { key: string; value: StoredArticle };
  saved: { key: string; value: SavedInfo };
  reads: { key: string; value: ReadRecord };
  bookmarks: { key: string; value: Bookmark; indexes: { 'by-added': number } };
  progress: { key: string; value: ReadingProgress };
}

export type ReaderDatabase = IDBPDatabase<ReaderDB>;

export const DB_NAME = 'linux-systems-reader';
export const DB_VERSION = 2;

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
