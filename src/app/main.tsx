import { hydrate, render } from 'preact';
import { isListRoute, matchRoute } from '../shared/routes.ts';
import { App } from './App.tsx';
import { setHydrating } from './article-parts.ts';
import { adoptPrerenderedArticle } from './article-source.ts';
import { listenForInstall } from './install.ts';
import { preloadPage } from './lazy-pages.ts';
import { fetchList, rememberChunkName } from './list-source.ts';
import { watchNetwork } from './network.ts';
import { readPrerenderData } from './prerendered.ts';
import { loadDeviceState } from './storage.ts';
import { currentPath } from './use-path.ts';
import './styles.css';

const root = document.getElementById('app')!;
const path = currentPath();
const route = matchRoute(path);
const prerendered = root.querySelector<HTMLElement>('[data-path]')?.dataset.path;

// The prerendered page for this path is hydrated in place, with the data it was rendered from: a post's from the
// page itself, a list's chunk from the device or the network. Anything else (the shell the worker serves for a
// route it renders from the device, the dev server's empty page) is rendered afresh.
async function start(): Promise<void> {
  const data = readPrerenderData(document);
  await preloadPage(route.kind).catch(() => undefined); // then the page says it could not be loaded
  if (prerendered === path) {
    let ready = true;
    if (route.kind === 'post' && data.article) ready = adoptPrerenderedArticle(data.article, root) !== undefined;
    if (isListRoute(route) && data.file) {
      rememberChunkName(route, data.file);
      ready = await fetchList(route).then(
        () => true,
        () => false,
      );
    }
    // Without its data the page stays as prerendered, fully readable, its links plain links.
    if (!ready) return;
    setHydrating(true);
    hydrate(<App path={path} />, root);
    setHydrating(false);
  } else {
    root.textContent = '';
    render(<App path={path} />, root);
  }
}
await start();

// A page the worker made from the device (not the page prerendered for this address) may stand for a failed
// navigation: it asks the host whether the network answers.
watchNetwork(import.meta.env.PROD && prerendered !== path);
void loadDeviceState();
listenForInstall();

// A post opens without waiting for its page's code: fetched once the browser is idle.
const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
idle(() => void preloadPage('post').catch(() => undefined));

// The worker is registered after the page has painted, and only in a build (in dev, /sw.js is the app's HTML).
if (import.meta.env.PROD) {
  const startWorker = () => void import('./sw-bridge.ts').then((bridge) => bridge.startServiceWorker());
  if (document.readyState === 'complete') startWorker();
  else addEventListener('load', startWorker, { once: true });
}
