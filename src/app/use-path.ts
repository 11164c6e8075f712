import { useEffect, useState } from 'preact/hooks';
import { withoutBase } from '../shared/routes.ts';
import { BASE } from './paths.ts';

type Listener = (path: string) => void;
const listeners = new Set<Listener>();

/** The current base-relative path, or `/404` for a pathname outside the base. */
export const currentPath = (): string => withoutBase(BASE, location.pathname) ?? '/404';

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
  navigate(url.pathname + url.search + url.hash);
  if (url.hash) document.getElementById(decodeURIComponent(url.hash.slice(1)))?.scrollIntoView();
  else window.scrollTo(0, 0);
}

/** The path the app shows, following links and the back button. */
export function usePath(initial: string): string {
  const [path, setPath] = useState(initial);
  useEffect(() => {
    const onPop = () => setPath(currentPath());
    listeners.add(setPath);
    document.addEventListener('click', onClick);
    addEventListener('popstate', onPop);
    return () => {
      listeners.delete(setPath);
      document.removeEventListener('click', onClick);
      removeEventListener('popstate', onPop);
    };
  }, []);
  return path;
}
