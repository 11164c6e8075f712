import { getArticle, listReads, listSaved, markRead, type SavedInfo } from '../shared/article-store.ts';
import { openReaderDB, type ReaderDatabase } from '../shared/db.ts';
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

/** What is saved on the device (slug → hash), and which version of each post was read. */
export interface DeviceState {
  saved: Map<string, SavedInfo>;
  reads: Map<string, string>;
  loaded: boolean;
}

export const deviceState = createStore<DeviceState>({ saved: new Map(), reads: new Map(), loaded: false });

/** Read what is saved and read from the database into `deviceState`. */
export async function refreshDeviceState(): Promise<void> {
  const db = await pageDB();
  if (!db) return;
  try {
    const [saved, reads] = await Promise.all([listSaved(db), listReads(db)]);
    deviceState.set({
      saved: new Map(saved.map((s) => [s.slug, s])),
      reads: new Map(reads.map((r) => [r.slug, r.hash])),
      loaded: true,
    });
  } catch {
    // A failed read leaves the last known state; the marks are a convenience.
  }
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
