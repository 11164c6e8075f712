import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Route } from '../shared/routes.ts';
import type { PageData } from './page-data.ts';

/** Props every page loaded on demand gets. */
export interface PageProps {
  route: Route;
  data: PageData;
}

type PageModule = { default: ComponentType<PageProps> };

// Pages other than the lists load on demand, so the home page's first visit carries only what it shows.
const LOADERS: Partial<Record<Route['kind'], () => Promise<PageModule>>> = {
  post: () => import('./pages/PostPage.tsx'),
  settings: () => import('./pages/SettingsPage.tsx'),
  bookmarks: () => import('./pages/BookmarksPage.tsx'),
  search: () => import('./pages/SearchPage.tsx'),
};

const loaded = new Map<Route['kind'], ComponentType<PageProps>>();
const RELOADED = 'reader:reloaded-for-code';

/**
 * A page's code could not be fetched: this page runs an older version whose chunks a deploy replaced. Reload once to
 * run the current version; if that was already tried, the caller shows the failure instead of loading for ever.
 */
function recoverFromOldCode(): void {
  if (!navigator.onLine) return; // offline a reload shows the browser's error page; the reader is offered Reload
  try {
    // Once a minute at most: if the reload did not help, the page says so instead of reloading in a loop.
    if (Date.now() - Number(sessionStorage.getItem(RELOADED)) < 60_000) return;
    sessionStorage.setItem(RELOADED, String(Date.now()));
  } catch {
    return;
  }
  location.reload();
}

/** Load the page for a route ahead of rendering it (before hydrating, and when prerendering). */
export async function preloadPage(kind: Route['kind']): Promise<void> {
  const load = LOADERS[kind];
  if (!load || loaded.has(kind)) return;
  loaded.set(kind, (await load()).default);
}

/** The page component for a route kind: undefined while it loads (then the caller re-renders), null if it failed. */
export function useLazyPage(kind: Route['kind']): ComponentType<PageProps> | null | undefined {
  const [failed, setFailed] = useState<Route['kind'] | undefined>(undefined);
  const [, setTick] = useState(0);
  const page = loaded.get(kind);
  useEffect(() => {
    if (!page && LOADERS[kind]) {
      void preloadPage(kind).then(
        () => setTick((n) => n + 1),
        () => {
          setFailed(kind);
          recoverFromOldCode();
        },
      );
    }
  }, [kind, page]);
  return page ?? (failed === kind ? null : undefined);
}

/** Whether a route kind's page loads on demand. */
export const isLazy = (kind: Route['kind']): boolean => kind in LOADERS;
