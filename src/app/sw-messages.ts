import type { PageMessage } from '../shared/messages.ts';

/** Ask the service worker to save every post again; false when no worker controls the page. */
export function requestSync(): boolean {
  const controller = navigator.serviceWorker?.controller;
  if (!controller) return false;
  controller.postMessage({ type: 'SYNC' } satisfies PageMessage);
  return true;
}
