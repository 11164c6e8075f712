import { type ReaderDatabase, readTx } from './db.ts';
import { asPolicy, type OfflinePolicy } from './offline-set.ts';

/** An index file's text, if it is kept on the device. */
export async function getIndexFile(db: ReaderDatabase, name: string): Promise<string | undefined> {
  return (await readTx(db, 'index').store.get(name))?.text;
}

/** Keep a verified index file. */
export async function putIndexFile(db: ReaderDatabase, name: string, text: string): Promise<void> {
  await db.put('index', { name, text });
}

/** The names of the index files kept. */
export const listIndexFiles = (db: ReaderDatabase): Promise<string[]> => readTx(db, 'index').store.getAllKeys();

/** Drop index files that no version of the blog names any more, in one transaction. */
export async function removeIndexFiles(db: ReaderDatabase, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const tx = db.transaction('index', 'readwrite');
  await Promise.all([...names.map((n) => tx.store.delete(n)), tx.done]);
}

const POLICY_KEY = 'offline';

/** What the reader chose to keep offline (the default until they choose). */
export async function getOfflinePolicy(db: ReaderDatabase): Promise<OfflinePolicy> {
  return asPolicy(await readTx(db, 'settings').store.get(POLICY_KEY));
}

export async function setOfflinePolicy(db: ReaderDatabase, policy: OfflinePolicy): Promise<void> {
  await db.put('settings', policy, POLICY_KEY);
}
