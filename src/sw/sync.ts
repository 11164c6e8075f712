/// <reference lib="webworker" />
import posts from 'virtual:post-refs';
import { type SyncProgress, syncArticles } from '../shared/article-sync.ts';
import { listBookmarks } from '../shared/bookmark-store.ts';
import type { WorkerMessage } from '../shared/messages.ts';
import { workerDB } from './db.ts';

declare const self: ServiceWorkerGlobalScope;

let running: Promise<SyncProgress | undefined> | undefined;

async function tell(message: WorkerMessage): Promise<void> {
  for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
    client.postMessage(message);
  }
}

/** Save every post of this version's index into IndexedDB; one run at a time, progress sent to every page. */
export function syncAll(): Promise<SyncProgress | undefined> {
  running ??= (async () => {
    try {
      const db = await workerDB();
      const keep = new Set((await listBookmarks(db)).map((b) => b.slug));
      return await syncArticles(db, posts, {
        keep,
        fetchPayload: (name) => fetch(import.meta.env.BASE_URL + name, { cache: 'no-cache' }),
        onProgress: (progress) => void tell({ type: 'SYNC_PROGRESS', progress }),
      });
    } catch {
      // No IndexedDB here (private mode, disabled, evicted mid-way): pages still read from the network.
      return undefined;
    } finally {
      running = undefined;
    }
  })();
  return running;
}
