/**
 * The one route table: the page's router, the prerenderer, the head, the sitemap and the worker all ask it, so they
 * never disagree. Paths are relative to the base, always starting and ending with `/`.
 */
export type Route =
  | { kind: 'home'; page: number }
  | { kind: 'tag'; tag: string; page: number }
  | { kind: 'post'; slug: string }
  | { kind: 'settings' }
  | { kind: 'bookmarks' }
  | { kind: 'search' }
  | { kind: 'not-found' };

/** Posts on one page of a list. */
export const PAGE_SIZE = 20;

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const PAGE = '([1-9][0-9]{0,5})';
const POST_RE = new RegExp(`^/posts/(${SLUG})/$`);
const HOME_PAGE_RE = new RegExp(`^/page/${PAGE}/$`);
const TAG_RE = new RegExp(`^/tags/(${SLUG})/(?:page/${PAGE}/)?$`);

/** The path of a post's page. */
export const postPath = (slug: string): string => `/posts/${slug}/`;

/** The path of a page of the home list: `/`, `/page/2/`, ... */
export const homePath = (page = 1): string => (page <= 1 ? '/' : `/page/${page}/`);

/** The path of a page of a tag's list: `/tags/ebpf/`, `/tags/ebpf/page/2/`, ... */
export const tagPath = (tag: string, page = 1): string => (page <= 1 ? `/tags/${tag}/` : `/tags/${tag}/page/${page}/`);

/** The path of a list page of the given route (home or tag). */
export const listPath = (route: Extract<Route, { kind: 'home' | 'tag' }>, page: number): string =>
  route.kind === 'home' ? homePath(page) : tagPath(route.tag, page);

/** Static pages that are not derived from the posts. */
export const STATIC_PATHS = {
  home: '/',
  settings: '/settings/',
  bookmarks: '/bookmarks/',
  search: '/search/',
} as const;

/**
 * The neutral page the worker serves for a route it renders from the device (a saved post, a list page offline):
 * header and footer only, so nothing wrong is painted before the app renders the route.
 */
export const SHELL_FILE = 'shell.html';

/** Which route a base-relative path names; a missing trailing slash is tolerated. Page 1 has one path only. */
export function matchRoute(path: string): Route {
  const p = path.endsWith('/') ? path : `${path}/`;
  if (p === '/' || p === '/index.html/') return { kind: 'home', page: 1 };
  if (p === STATIC_PATHS.settings) return { kind: 'settings' };
  if (p === STATIC_PATHS.bookmarks) return { kind: 'bookmarks' };
  if (p === STATIC_PATHS.search) return { kind: 'search' };
  const post = POST_RE.exec(p);
  if (post) return { kind: 'post', slug: post[1]! };
  const home = HOME_PAGE_RE.exec(p);
  if (home && Number(home[1]) > 1) return { kind: 'home', page: Number(home[1]) };
  const tag = TAG_RE.exec(p);
  if (tag && tag[2] === undefined) return { kind: 'tag', tag: tag[1]!, page: 1 };
  if (tag && Number(tag[2]) > 1) return { kind: 'tag', tag: tag[1]!, page: Number(tag[2]) };
  return { kind: 'not-found' };
}

/** Whether a route is a page of a list. */
export const isListRoute = (route: Route): route is Extract<Route, { kind: 'home' | 'tag' }> =>
  route.kind === 'home' || route.kind === 'tag';

/** Prefix a base-relative path with the base the app is served under (`/` or `/blog/`). */
export function withBase(base: string, path: string): string {
  return base.replace(/\/$/, '') + path;
}

/** Strip the base from a pathname; `null` when the pathname lies outside the base. */
export function withoutBase(base: string, pathname: string): string | null {
  const b = base.replace(/\/$/, '');
  if (b === '') return pathname;
  if (pathname === b) return '/';
  return pathname.startsWith(`${b}/`) ? pathname.slice(b.length) : null;
}

/** Base-relative file name of an article payload. */
export const articleFile = (ref: { slug: string; hash: string }): string => `articles/${ref.slug}.${ref.hash}.json`;

/** Whether a base-relative file name is an article payload, and whose. */
export function matchArticleFile(name: string): { slug: string; hash: string } | undefined {
  const m = new RegExp(`^articles/(${SLUG})\\.([0-9a-f]{12})\\.json$`).exec(name);
  return m ? { slug: m[1]!, hash: m[2]! } : undefined;
}

/** Whether a base-relative file name is an index file (manifest or list chunk). */
export const isIndexFile = (name: string): boolean => /^index\/[a-z0-9-]+\.[0-9a-f]{12}\.json$/.test(name);
