import { Workbox } from 'workbox-window';
import { asWorkerMessage, type PageMessage } from '../shared/messages.ts';
import { formatBytes } from './format.ts';
import { BASE } from './paths.ts';
import { appStatus, setStatus } from './status.ts';
import { applySavedChanges } from './storage.ts';

const HOURLY = 60 * 60 * 1000;
/**
 * A sync that has said nothing for this long is taken as stopped (the browser ended the worker) and asked again. An
 * ask to a running sync is ignored by the worker, so asking early costs nothing.
 */
const SILENT_SYNC_MS = 5_000;
let workbox: Workbox | undefined;
let silence: ReturnType<typeof setTimeout> | undefined;

/** Ask the service worker to bring the offline set up to date; false when no worker controls the page. */
export function requestSync(): boolean {
  const controller = navigator.serviceWorker?.controller;
  if (!controller) return false;
  controller.postMessage({ type: 'SYNC' } satisfies PageMessage);
  // Expect to hear back: a worker the browser stopped before its first report reached the page is asked again too.
  if (silence === undefined) watchSync(false);
  return true;
}

/** How many times a silent sync is asked again (a minute) before the page stops saying it is running. */
const SILENT_ASKS = 12;

// While a sync reports progress, expect to hear from it; when it goes quiet, ask again, and again while it stays
// quiet (an ask can reach a worker that is being stopped): a stopped worker restarts and the sync resumes where it
// stopped, as what is stored is skipped. After SILENT_ASKS asks in vain, the page says saving stopped.
function watchSync(done: boolean, asks = 0): void {
  clearTimeout(silence);
  silence = undefined;
  if (done) return;
  silence = setTimeout(() => {
    if (asks < SILENT_ASKS && requestSync()) return watchSync(false, asks + 1);
    const { sync } = appStatus.get();
    setStatus({ sync: sync && { ...sync, done: true }, syncError: 'the reader’s worker stopped and did not resume' });
  }, SILENT_SYNC_MS);
}

function onMessage(event: MessageEvent): void {
  const message = asWorkerMessage(event.data);
  if (message?.type === 'SYNC_PROGRESS') {
    const { progress } = message;
    applySavedChanges(progress.changed, progress.removed);
    setStatus({ sync: progress, syncError: undefined });
    watchSync(progress.done);
  } else if (message?.type === 'SYNC_FAILED') {
    const { sync } = appStatus.get();
    setStatus({ sync: sync && { ...sync, done: true }, syncError: message.message });
    watchSync(true);
  }
}

/** Tell the reader that offline reading cannot work here, and why, unless a working worker is still in place. */
async function explainNoWorker(): Promise<void> {
  const registration = await navigator.serviceWorker.getRegistration(BASE).catch(() => undefined);
  if (registration?.active) return; // an update that was replaced: the current worker still serves
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  const quota = estimate?.quota !== undefined ? ` (it allows this site ${formatBytes(estimate.quota)})` : '';
  setStatus({
    offlineUnavailable: `Offline reading is unavailable: the browser did not let the reader keep its files${quota}. Posts can still be read while online.`,
  });
}

/**
 * The only code that talks to the service worker: registers it, turns a waiting worker into a "new version" prompt
 * that applies with one reload, relays save progress, and checks for updates when the page is shown and hourly.
 */
export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator) || workbox) return;
  const wb = (workbox = new Workbox(`${BASE}sw.js`, { scope: BASE }));

  let reloading = false;
  const reload = () => {
    if (reloading) return;
    reloading = true;
    location.reload();
  };
  wb.addEventListener('waiting', () => {
    setStatus({
      applyUpdate: () => {
        // Reload once the new worker has taken over, never before: the old one keeps serving until then.
        wb.addEventListener('controlling', reload);
        wb.messageSkipWaiting();
        // No worker waits any more when another tab applied the update: no 'controlling' comes for this click.
        void navigator.serviceWorker.getRegistration().then((r) => {
          if (!r?.waiting && !r?.installing) reload();
        });
      },
    });
  });

  navigator.serviceWorker.addEventListener('message', onMessage);

  // A first visit: once the new worker controls the page, make sure the offline set gets saved. A page that had a
  // worker already was updated under it (by another tab): its code and index are the old version's, so it offers
  // the reload that brings the new one.
  const hadController = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    requestSync();
    if (hadController && !reloading) setStatus({ applyUpdate: reload });
  });

  // An installing worker that fails (storage refused: the quota is too small for the shell) becomes redundant.
  wb.addEventListener('redundant', () => void explainNoWorker());
  void wb.register().then(
    // A page controlled from the start checks that what it saved is still there (the browser may have evicted it).
    () => requestSync(),
    () => void explainNoWorker(),
  );

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void wb.update().catch(() => undefined);
  });
  setInterval(() => void wb.update().catch(() => undefined), HOURLY);
}
