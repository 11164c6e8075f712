import type { SyncProgress } from '../shared/offline-sync.ts';
import { createStore } from './store.ts';

/** Whether the page can use IndexedDB: unknown until first tried. */
export type StorageState = 'unknown' | 'ok' | 'unavailable' | 'version-change' | 'blocked';

/** Everything the reader is told about the app itself, kept apart from the posts. */
export interface AppStatus {
  storage: StorageState;
  /** A new version is installed and waiting; calling it applies the update with one reload. */
  applyUpdate?: (() => void) | undefined;
  /** The latest save-all progress from the service worker, or from the page itself. */
  sync?: SyncProgress | undefined;
  /** Why the reader's last change (a bookmark, a position) could not be stored. */
  writeError?: string | undefined;
  /** Why offline reading cannot work in this browser (the worker could not install). */
  offlineUnavailable?: string | undefined;
  /** Why the last sync stopped short, when it failed as a whole. */
  syncError?: string | undefined;
  /** The browser says it has no network, or a request just failed for lack of one. */
  offline: boolean;
}

export const appStatus = createStore<AppStatus>({ storage: 'unknown', offline: false });

/** Change part of the status. */
export const setStatus = (change: Partial<AppStatus>): void => appStatus.update((s) => ({ ...s, ...change }));
