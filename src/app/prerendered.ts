import type { Article } from '../shared/types.ts';
import { isObject } from '../shared/guards.ts';

/** What a prerendered page carries for hydration, in its `prerender-data` JSON block: never executed. */
export interface PrerenderData {
  /** The base-relative name of the file the page shows: a list chunk or an article payload. */
  file?: string;
  /** A post page's article without its body, which is in the HTML already. */
  article?: Omit<Article, 'html'>;
}

/** The page's prerender data, checked: anything malformed counts as none. */
export function readPrerenderData(doc: Document): PrerenderData {
  const text = doc.getElementById('prerender-data')?.textContent;
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (!isObject(value)) return {};
    const file = typeof value.file === 'string' ? value.file : undefined;
    const article =
      isObject(value.article) && typeof value.article.slug === 'string' && typeof value.article.hash === 'string'
        ? (value.article as unknown as Omit<Article, 'html'>)
        : undefined;
    return { ...(file ? { file } : {}), ...(article ? { article } : {}) };
  } catch {
    return {};
  }
}
