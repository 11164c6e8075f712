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

interface ReaderDB extends DBSchema {
  articles: { key: string; value: StoredArticle };
  saved: { key: string; value: SavedInfo };
  reads: { key: string; value: ReadRecord };
}

export type ReaderDatabase = IDBPDatabase<ReaderDB>;

export const DB_NAME = 'linux-systems-reader';
export const DB_VERSION = 1;

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
