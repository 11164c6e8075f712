import { hydrate, render } from 'preact';
import posts from 'virtual:posts';
import { App } from './App.tsx';
import { setHydrating } from './article-parts.ts';
import { listenForInstall } from './install.ts';
import { adoptPrerenderedArticle } from './article-source.ts';
import { matchRoute } from '../shared/routes.ts';
import { pageHead } from './head.ts';
import { preloadPage } from './lazy-pages.ts';
import { setStatus } from './status.ts';
import { refreshDeviceState } from './storage.ts';
import { currentPath } from './use-path.ts';
import './styles.css';

const root = document.getElementById('app')!;
const path = currentPath();
const prerendered = root.querySelector<HTMLElement>('[data-path]')?.dataset.path;
adoptPrerenderedArticle(posts, root);

// The prerendered page for this path is hydrated in place. Anything else is rendered afresh: the dev server's empty
// shell, or the shell the service worker serves offline for a post whose page it does not keep.
await preloadPage(matchRoute(path).kind);
if (prerendered === path) {
  setHydrating(true);
  hydrate(<App posts={posts} path={path} />, root);
  setHydrating(false);
} else {
  root.textContent = '';
  render(<App posts={posts} path={path} />, root);
  document.title = pageHead(path, posts).title;
}

const onNetwork = () => setStatus({ offline: !navigator.onLine });
addEventListener('online', onNetwork);
addEventListener('offline', onNetwork);
onNetwork();
void refreshDeviceState();
listenForInstall();

// A post opens without waiting for its page's code: fetched once the browser is idle.
const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
idle(() => void preloadPage('post'));

// The worker is registered after the page has painted, and only in a build (in dev, /sw.js is the app's HTML).
if (import.meta.env.PROD) {
  const start = () => void import('./sw-bridge.ts').then((bridge) => bridge.startServiceWorker());
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
}
