import { useEffect, useState } from 'preact/hooks';
import { withoutBase } from '../shared/routes.ts';
import { BASE } from './paths.ts';

type Listener = (path: string) => void;
const listeners = new Set<Listener>();
let prepare: ((path: string) => Promise<unknown>) | undefined;

/**
 * Register what to get ready before showing a path (a post's code and body), so that the page changes once, with
 * its content, instead of flashing a loading state.
 */
export function prepareNavigation(prepareFor: (path: string) => Promise<unknown>): void {
  prepare = prepareFor;
}

/** The current base-relative path, or `/404` for a pathname outside the base. */
export const currentPath = (): string => withoutBase(BASE, location.pathname) ?? '/404';

/** Call `listener` on each in-app navigation, before the new page renders; returns what stops it. */
export function onNavigate(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Code loaded on demand asks for a navigation with this event instead of importing this module (which would split it
 * into a chunk of its own in the first visit's JavaScript): `detail` is the URL, and whether to replace.
 */
export const NAVIGATE_EVENT = 'reader:navigate';

/** Go to a base-relative path without reloading the page. */
export function navigate(url: string, { replace = false } = {}): void {
  history[replace ? 'replaceState' : 'pushState'](null, '', url);
  const path = currentPath();
  listeners.forEach((l) => l(path));
}

// Links inside the app navigate in place; everything a browser treats specially is left to it.
function onClick(event: MouseEvent): void {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  ) {
    return;
  }
  const link = (event.target as Element | null)?.closest?.('a');
  if (!link || link.target || link.hasAttribute('download') || !link.href) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin || withoutBase(BASE, url.pathname) === null) return;
  if (/\.(xml|json|svg|png|txt)$/.test(url.pathname)) return;
  if (url.pathname === location.pathname && url.hash) return; // in-page anchor
  event.preventDefault();
  const go = () => {
    navigate(url.pathname + url.search + url.hash);
    // After the new page rendered (a microtask queued behind Preact's): scrolling before it would lay out the old one.
    queueMicrotask(() => {
      if (url.hash) document.getElementById(decodeURIComponent(url.hash.slice(1)))?.scrollIntoView();
      else window.scrollTo(0, 0);
    });
  };
  const path = withoutBase(BASE, url.pathname);
  if (prepare && path) void prepare(path).finally(go);
  else go();
}

// A finger on a link is a good hint of where the reader is going: start getting it ready.
function onPointerDown(event: PointerEvent): void {
  const link = (event.target as Element | null)?.closest?.('a');
  const path = link?.href ? withoutBase(BASE, new URL(link.href).pathname) : null;
  if (path && prepare) void prepare(path).catch(() => undefined);
}

/** The path the app shows, following links and the back button. */
export function usePath(initial: string): string {
  const [path, setPath] = useState(initial);
  useEffect(() => {
    const onPop = () => setPath(currentPath());
    listeners.add(setPath);
    document.addEventListener('click', onClick);
    document.addEventListener('pointerdown', onPointerDown, { passive: true });
    addEventListener('popstate', onPop);
    const onAsk = (e: Event) => {
      const { url, replace } = (e as CustomEvent<{ url: string; replace: boolean }>).detail;
      navigate(url, { replace });
    };
    addEventListener(NAVIGATE_EVENT, onAsk);
    return () => {
      removeEventListener(NAVIGATE_EVENT, onAsk);
      listeners.delete(setPath);
      document.removeEventListener('click', onClick);
      document.removeEventListener('pointerdown', onPointerDown);
      removeEventListener('popstate', onPop);
    };
  }, []);
  return path;
}
