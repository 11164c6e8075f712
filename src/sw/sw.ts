/// <reference lib="webworker" />
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import type { PageMessage } from '../shared/messages.ts';
import { answerArticle, answerNavigation, isArticleRequest } from './routes.ts';
import { syncAll } from './sync.ts';

declare const self: ServiceWorkerGlobalScope;

// The shell: prerendered pages (not posts: their bodies live in IndexedDB), scripts, styles, icons.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(({ url, request }) => request.method === 'GET' && isArticleRequest(url), answerArticle);
registerRoute(({ request }) => request.mode === 'navigate', answerNavigation);

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
  // Saving runs beside activation, not in it: requests from pages would otherwise wait for every download.
  void syncAll();
});

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const message = event.data as PageMessage | undefined;
  if (message?.type === 'SKIP_WAITING') void self.skipWaiting();
  if (message?.type === 'SYNC') event.waitUntil(syncAll());
});
