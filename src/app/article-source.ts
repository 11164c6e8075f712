import { getAnyArticle, getArticle } from '../shared/article-store.ts';
import { verifyArticle } from '../shared/content-hash.ts';
import type { StoredArticle } from '../shared/db.ts';
import { articleFile, postPath } from '../shared/routes.ts';
import type { Article, PostMeta } from '../shared/types.ts';
import { assetUrl, href } from './paths.ts';
import { readPrerenderData } from './prerendered.ts';
import { setStatus } from './status.ts';
import { pageDB } from './storage.ts';

/** An article and where it came from: a `saved` copy older than the blog's current version is marked so. */
export interface ArticleResult {
  article: Article;
  /** The device holds this version, and the blog's current one could not be had (offline) or is unknown. */
  stale?: boolean;
  /** The device's copy, shown before anything said which version is current (a post opened by its address). */
  unconfirmed?: boolean;
}

// Articles in memory by slug, and the current version of each post as the lists name it.
const known = new Map<string, Article>();
const current = new Map<string, string>();
const inFlight = new Map<string, Promise<ArticleResult | null>>();

/** Remember an article so that it is shown at once, without a fetch. */
export function rememberArticle(article: Article): void {
  known.set(article.slug, article);
}

/** Whether the article in memory for a post is a device copy nothing has yet said is current. */
export const isUnconfirmed = (slug: string): boolean => known.has(slug) && !current.has(slug);

/** Remember which version of each post is current, from a list. */
export function rememberPosts(posts: readonly Pick<PostMeta, 'slug' | 'hash'>[]): void {
  for (const p of posts) current.set(p.slug, p.hash);
}

/** The article if it is in memory and current. */
export function knownArticle(slug: string): Article | undefined {
  const article = known.get(slug);
  const hash = current.get(slug);
  return article && (hash === undefined || article.hash === hash) ? article : undefined;
}

/**
 * The one place the page gets article bodies: memory, then the device, then the network, verified against its hash
 * on every path. With no known version (a post opened by address, offline), the device's copy is shown; null when
 * there is none and no version is known.
 */
export function fetchArticle(slug: string): Promise<ArticleResult | null> {
  const cached = knownArticle(slug);
  if (cached) return Promise.resolve({ article: cached });
  let request = inFlight.get(slug);
  if (!request) {
    request = loadArticle(slug).finally(() => inFlight.delete(slug));
    inFlight.set(slug, request);
  }
  return request;
}

/**
 * The current version of a post nobody named yet (a previous/next link, an old bookmark): its prerendered page says,
 * in its data block. Null when the blog has no such post.
 */
async function currentHash(slug: string): Promise<string | null> {
  const response = await fetch(href(postPath(slug)));
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`The article could not be loaded (HTTP ${response.status}).`);
  const html = await response.text();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const hash = readPrerenderData(doc).article?.hash;
  if (!hash) throw new Error('The article could not be loaded: its page is not one of this reader’s.');
  return hash;
}

/** The article of a saved record, without what the device added to it. */
const articleOf = ({ bytes: _bytes, savedAt: _savedAt, ...article }: StoredArticle): Article => article;

async function loadArticle(slug: string): Promise<ArticleResult | null> {
  let hash = current.get(slug);
  const db = await pageDB();
  const saved = db
    ? await (hash ? getArticle(db, { slug, hash }) : getAnyArticle(db, slug)).catch(() => undefined)
    : undefined;
  if (saved) {
    const article = articleOf(saved);
    rememberArticle(article);
    return hash ? { article } : { article, unconfirmed: true };
  }
  let payload: string;
  try {
    if (!hash) {
      const found = await currentHash(slug);
      if (!found) return null;
      current.set(slug, (hash = found));
    }
    const response = await fetch(assetUrl(articleFile({ slug, hash })));
    if (!response.ok) throw new Error(`The article could not be loaded (HTTP ${response.status}).`);
    payload = await response.text();
  } catch (e) {
    if (!hash && !(e instanceof TypeError)) throw e;
    if (e instanceof TypeError) setStatus({ offline: true });
    // An older saved version beats nothing: shown as such, until the new one is saved.
    const older = db ? await getAnyArticle(db, slug).catch(() => undefined) : undefined;
    if (older) return { article: articleOf(older), stale: true };
    throw e;
  }
  const article = await verifyArticle({ slug, hash }, payload);
  rememberArticle(article);
  current.set(slug, hash);
  return { article };
}

/**
 * Check a device copy shown before its version was known (`unconfirmed`) against the blog: the newer version when
 * there is one (or the copy marked stale when it cannot be fetched), null when the copy is current or the network
 * cannot say.
 */
export async function confirmArticle(shown: Article): Promise<ArticleResult | null> {
  let hash: string | null;
  try {
    hash = await currentHash(shown.slug);
  } catch {
    return null; // offline: the saved copy is the best there is, and nothing says it is old
  }
  if (hash === null) return null;
  current.set(shown.slug, hash);
  if (hash === shown.hash) return null;
  known.delete(shown.slug);
  return fetchArticle(shown.slug);
}

/**
 * Take the article of a prerendered post page: its metadata from the page's data block, its body from the DOM, so
 * hydration keeps it instead of fetching it again.
 */
export function adoptPrerenderedArticle(meta: Omit<Article, 'html'>, root: ParentNode): Article | undefined {
  const body = root.querySelector<HTMLElement>('[data-article-hash]');
  if (!body || body.dataset.articleHash !== meta.hash) return undefined;
  const html = [...body.querySelectorAll(':scope > .prose')].map((part) => part.innerHTML).join('');
  const article = { ...meta, html };
  rememberArticle(article);
  current.set(article.slug, article.hash);
  return article;
}
