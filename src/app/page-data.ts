import { useEffect, useState } from 'preact/hooks';
import { isListRoute, type Route } from '../shared/routes.ts';
import type { Article, ListChunk } from '../shared/types.ts';
import { type ArticleResult, confirmArticle, fetchArticle, isUnconfirmed, knownArticle } from './article-source.ts';
import { fetchList, knownList } from './list-source.ts';

/** What a route shows, beyond the code of its page. */
export type PageData =
  | { status: 'list'; list: ListChunk }
  | { status: 'post'; article: Article; stale?: boolean | undefined; unconfirmed?: boolean | undefined }
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; message: string };

/** The data of a route if it is in memory: a page shown from it renders at once. */
export function knownPageData(route: Route): PageData {
  if (isListRoute(route)) {
    const list = knownList(route);
    return list ? { status: 'list', list } : { status: 'loading' };
  }
  if (route.kind === 'post') {
    const article = knownArticle(route.slug);
    return article ? { status: 'post', article, unconfirmed: isUnconfirmed(route.slug) } : { status: 'loading' };
  }
  return { status: 'none' };
}

const fromArticle = (result: ArticleResult | null): PageData =>
  result
    ? { status: 'post', article: result.article, stale: result.stale, unconfirmed: result.unconfirmed }
    : { status: 'missing' };

/** Get a route's data: from memory, the device or the network. */
export async function loadPageData(route: Route): Promise<PageData> {
  try {
    if (isListRoute(route)) {
      const list = await fetchList(route);
      return list ? { status: 'list', list } : { status: 'missing' };
    }
    if (route.kind === 'post') return fromArticle(await fetchArticle(route.slug));
    return { status: 'none' };
  } catch (e) {
    return { status: 'error', message: errorMessage(e) };
  }
}

function errorMessage(e: unknown): string {
  if (e instanceof TypeError) return 'This page could not be loaded: the network is not reachable.';
  return e instanceof Error ? e.message : String(e);
}

/** A route's data, at once when it is in memory, else loaded; with a retry. */
export function usePageData(route: Route, path: string): [PageData, () => void] {
  const [state, setState] = useState<{ path: string; data: PageData }>(() => ({ path, data: knownPageData(route) }));
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    const show = (data: PageData) => {
      if (!live) return;
      setState({ path, data });
      // A device copy shown before its version was known: if the blog has a newer one, show that (or say so).
      if (data.status === 'post' && data.unconfirmed) {
        void confirmArticle(data.article).then(
          (newer) => live && newer && setState({ path, data: fromArticle(newer) }),
        );
      }
    };
    const now = knownPageData(route);
    if (now.status === 'loading') {
      setState({ path, data: now });
      void loadPageData(route).then(show);
    } else show(now);
    return () => {
      live = false;
    };
  }, [path, attempt]);
  // Until the effect has run for a new path, the state is the previous page's: a post must never be rendered with a
  // list's data (that paints "Not found" for a frame, and moves the focus to it).
  const data = state.path === path ? state.data : knownPageData(route);
  return [data, () => setAttempt((n) => n + 1)];
}
