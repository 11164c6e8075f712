import type { SyncProgress } from './article-sync.ts';

/** Messages a page sends its service worker. */
export type PageMessage = { type: 'SKIP_WAITING' } | { type: 'SYNC' };

/** Messages the service worker sends its pages. */
export type WorkerMessage = { type: 'SYNC_PROGRESS'; progress: SyncProgress };
