import type { SyncProgress } from './offline-sync.ts';
import { isCount, isObject, isStrings } from './guards.ts';

/** Messages a page sends its service worker. */
export type PageMessage = { type: 'SKIP_WAITING' } | { type: 'SYNC' };

/** Messages the service worker sends its pages. */
export type WorkerMessage =
  { type: 'SYNC_PROGRESS'; progress: SyncProgress } | { type: 'SYNC_FAILED'; message: string };

/** A message from a page, checked; undefined for anything else. */
export function asPageMessage(v: unknown): PageMessage | undefined {
  if (!isObject(v)) return undefined;
  if (v.type === 'SKIP_WAITING' || v.type === 'SYNC') return { type: v.type };
  return undefined;
}

function isProgress(v: unknown): v is SyncProgress {
  return (
    isObject(v) &&
    typeof v.total === 'number' &&
    typeof v.saved === 'number' &&
    typeof v.bytes === 'number' &&
    typeof v.done === 'boolean' &&
    typeof v.quotaExceeded === 'boolean' &&
    isStrings(v.failed) &&
    isStrings(v.removed) &&
    Array.isArray(v.changed) &&
    v.changed.every((c) => isObject(c) && typeof c.slug === 'string' && typeof c.hash === 'string') &&
    (v.search === undefined || (isObject(v.search) && isCount(v.search.files) && isCount(v.search.handled)))
  );
}

/** A message from the worker, checked; undefined for anything else. */
export function asWorkerMessage(v: unknown): WorkerMessage | undefined {
  if (!isObject(v)) return undefined;
  if (v.type === 'SYNC_PROGRESS' && isProgress(v.progress)) return { type: 'SYNC_PROGRESS', progress: v.progress };
  if (v.type === 'SYNC_FAILED' && typeof v.message === 'string') return { type: 'SYNC_FAILED', message: v.message };
  return undefined;
}
