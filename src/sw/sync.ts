/// <reference lib="webworker" />
import manifest from 'virtual:index-manifest';
import type { WorkerMessage } from '../shared/messages.ts';
import { type SyncProgress, syncOffline } from '../shared/offline-sync.ts';
import { roomGauge } from '../shared/room.ts';
import { getDB } from './db.ts';

declare const self: ServiceWorkerGlobalScope;

/** Pages hear about progress at most this often; what changed in between is merged into one message. */
const REPORT_EVERY_MS = 250;

let running: Promise<SyncProgress | undefined> | undefined;

async function tell(message: WorkerMessage): Promise<void> {
  for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
    client.postMessage(message);
  }
}

/** Progress reports merged over REPORT_EVERY_MS: the latest counts, and every change since the last report. */
function throttled(send: (progress: SyncProgress) => void) {
  let pending: SyncProgress | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (pending) send(pending);
    pending = undefined;
  };
  return (progress: SyncProgress) => {
    pending = pending
      ? {
          ...progress,
          changed: [...pending.changed, ...progress.changed],
          removed: [...pending.removed, ...progress.removed],
        }
      : progress;
    if (progress.done) {
      clearTimeout(timer);
      flush();
    } else timer ??= setTimeout(flush, REPORT_EVERY_MS);
  };
}

/** Keep the reader's offline set: one run at a time; progress, and failure, told to every page. */
export function syncAll(): Promise<SyncProgress | undefined> {
  running ??= (async () => {
    try {
      const db = await getDB();
      return await syncOffline(db, {
        manifest,
        fetchFile: (name) => fetch(import.meta.env.BASE_URL + name, { cache: 'no-cache' }),
        // A new gauge each run: what the last run stored is in the browser's next answer.
        hasRoom: roomGauge(async () => navigator.storage?.estimate?.()),
        onProgress: throttled((progress) => void tell({ type: 'SYNC_PROGRESS', progress })),
      });
    } catch (e) {
      // No IndexedDB (private mode, disabled, evicted mid-way) or no network: pages still read from the network,
      // and a page showing progress must hear that this run is over.
      await tell({ type: 'SYNC_FAILED', message: e instanceof Error ? e.message : String(e) });
      return undefined;
    } finally {
      running = undefined;
    }
  })();
  return running;
}
