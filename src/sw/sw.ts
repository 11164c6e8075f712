/// <reference lib="webworker" />
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { asPageMessage } from '../shared/messages.ts';
import { repairPrecache } from './precache-repair.ts';
import { answerNavigation } from './routes.ts';
import { syncAll } from './sync.ts';

declare const self: ServiceWorkerGlobalScope;

// The shell: the first home page, settings, bookmarks, the neutral shell and "not found", scripts, styles, icons.
// Post pages, other list pages, article payloads and the index are kept in IndexedDB by the sync instead.
const SHELL = self.__WB_MANIFEST;
precacheAndRoute(SHELL);
cleanupOutdatedCaches();

registerRoute(({ request }) => request.mode === 'navigate', answerNavigation);

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
  // Saving runs beside activation, not in it: requests from pages would otherwise wait for every download.
  void syncAll();
});

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const message = asPageMessage(event.data);
  if (message?.type === 'SKIP_WAITING') void self.skipWaiting();
  // Each page load asks: a good moment to check that neither the shell nor the saved posts were evicted.
  if (message?.type === 'SYNC') event.waitUntil(Promise.all([repairPrecache(SHELL), syncAll()]));
});
