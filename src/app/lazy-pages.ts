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
};

const loaded = new Map<Route['kind'], ComponentType<PageProps>>();

/** Load the page for a route ahead of rendering it (before hydrating, and when prerendering). */
export async function preloadPage(kind: Route['kind']): Promise<void> {
  const load = LOADERS[kind];
  if (load && !loaded.has(kind)) loaded.set(kind, (await load()).default);
}

/** The page component for a route kind, or undefined while it loads (then the caller re-renders). */
export function useLazyPage(kind: Route['kind']): ComponentType<PageProps> | undefined {
  const [, setTick] = useState(0);
  const page = loaded.get(kind);
  useEffect(() => {
    if (!page && LOADERS[kind]) void preloadPage(kind).then(() => setTick((n) => n + 1));
  }, [kind, page]);
  return page;
}

/** Whether a route kind's page loads on demand. */
export const isLazy = (kind: Route['kind']): boolean => kind in LOADERS;
