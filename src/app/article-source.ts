import type { Article, PostMeta } from '../shared/types.ts';
import { assetUrl } from './paths.ts';
import { setStatus } from './status.ts';
import { savedArticle } from './storage.ts';

// Articles already in memory, by content hash: seeded from the prerendered page or the prerenderer.
const known = new Map<string, Article>();

/** Remember an article so that it is shown at once, without a fetch. */
export function rememberArticle(article: Article): void {
  known.set(article.hash, article);
}

/** The article if it is already in memory. */
export const knownArticle = (post: PostMeta): Article | undefined => known.get(post.hash);

const inFlight = new Map<string, Promise<Article>>();

/** The one place the page gets article bodies: memory, then IndexedDB, then the network. One request per article. */
export function fetchArticle(post: PostMeta): Promise<Article> {
  const cached = known.get(post.hash);
  if (cached) return Promise.resolve(cached);
  let request = inFlight.get(post.hash);
  if (!request) {
    request = loadArticle(post).finally(() => inFlight.delete(post.hash));
    inFlight.set(post.hash, request);
  }
  return request;
}

async function loadArticle(post: PostMeta): Promise<Article> {
  const saved = await savedArticle(post);
  if (saved) {
    const { slug, hash, html, toc } = saved;
    rememberArticle({ slug, hash, html, toc });
    return { slug, hash, html, toc };
  }
  let response: Response;
  try {
    response = await fetch(assetUrl(post.article));
  } catch (e) {
    setStatus({ offline: true });
    throw e;
  }
  if (!response.ok) throw new Error(`The article could not be loaded (HTTP ${response.status}).`);
  const article = (await response.json()) as Article;
  if (article.hash !== post.hash) throw new Error('The article that arrived is not the one expected.');
  rememberArticle(article);
  return article;
}

/** Take the body of a prerendered article from the DOM, so hydration keeps it instead of fetching it again. */
export function adoptPrerenderedArticle(posts: readonly PostMeta[], root: ParentNode): void {
  const body = root.querySelector<HTMLElement>('[data-article-hash]');
  const post = posts.find((p) => p.hash === body?.dataset.articleHash);
  if (!body || !post) return;
  const toc = [...root.querySelectorAll<HTMLAnchorElement>('nav.toc a')].map((a) => ({
    id: a.hash.slice(1),
    text: a.textContent ?? '',
    level: (a.closest('li')?.classList.contains('toc-3') ? 3 : 2) as 2 | 3,
  }));
  const html = [...body.querySelectorAll(':scope > .prose')].map((part) => part.innerHTML).join('');
  rememberArticle({ slug: post.slug, hash: post.hash, html, toc });
}
