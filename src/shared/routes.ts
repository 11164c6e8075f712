/** The app's routes, as paths relative to the base (always starting and ending with `/`). */
export type Route =
  | { kind: 'home' }
  | { kind: 'tag'; tag: string }
  | { kind: 'post'; slug: string }
  | { kind: 'settings' }
  | { kind: 'bookmarks' }
  | { kind: 'not-found' };

const SLUG = '[a-z0-9-]+';
const POST_RE = new RegExp(`^/posts/(${SLUG})/$`);
const TAG_RE = new RegExp(`^/tags/(${SLUG})/$`);

/** The path of a post's page. */
export const postPath = (slug: string): string => `/posts/${slug}/`;

/** The path of a tag's page. */
export const tagPath = (tag: string): string => `/tags/${tag}/`;

/** Static pages that are not derived from the posts. */
export const STATIC_PATHS = { home: '/', settings: '/settings/', bookmarks: '/bookmarks/' } as const;

/** Which route a base-relative path names; a missing trailing slash is tolerated. */
export function matchRoute(path: string): Route {
  const p = path.endsWith('/') ? path : `${path}/`;
  if (p === '/' || p === '/index.html/') return { kind: 'home' };
  if (p === STATIC_PATHS.settings) return { kind: 'settings' };
  if (p === STATIC_PATHS.bookmarks) return { kind: 'bookmarks' };
  const post = POST_RE.exec(p);
  if (post) return { kind: 'post', slug: post[1]! };
  const tag = TAG_RE.exec(p);
  if (tag) return { kind: 'tag', tag: tag[1]! };
  return { kind: 'not-found' };
}

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
