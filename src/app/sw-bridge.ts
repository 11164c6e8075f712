import { Workbox } from 'workbox-window';
import type { WorkerMessage } from '../shared/messages.ts';
import { BASE } from './paths.ts';
import { requestSync } from './sw-messages.ts';
import { setStatus } from './status.ts';
import { refreshDeviceState } from './storage.ts';

const HOURLY = 60 * 60 * 1000;
let workbox: Workbox | undefined;

/**
 * The only code that talks to the service worker: registers it, turns a waiting worker into a "new version" prompt
 * that applies with one reload, relays save progress, and checks for updates when the page is shown and hourly.
 */
export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator) || workbox) return;
  const wb = (workbox = new Workbox(`${BASE}sw.js`, { scope: BASE }));

  wb.addEventListener('waiting', () => {
    setStatus({
      applyUpdate: () => {
        // Reload once the new worker has taken over, never before: the old one keeps serving until then.
        wb.addEventListener('controlling', () => location.reload());
        wb.messageSkipWaiting();
      },
    });
  });

  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
    if (event.data?.type !== 'SYNC_PROGRESS') return;
    setStatus({ sync: event.data.progress });
    void refreshDeviceState();
  });

  // A first visit: once the new worker controls the page, make sure every post gets saved.
  navigator.serviceWorker.addEventListener('controllerchange', () => requestSync());

  void wb.register().then(
    () => {
      // A page controlled from the start checks that what it saved is still there (the browser may have evicted it).
      requestSync();
    },
    () => undefined,
  );

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void wb.update().catch(() => undefined);
  });
  setInterval(() => void wb.update().catch(() => undefined), HOURLY);
}
