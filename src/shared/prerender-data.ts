import type { Article, ListChunk } from './types.ts';

/**
 * What the build hands the prerenderer, in the same Node process: the routes and each route's data, looked up one
 * page at a time so no bundle ever holds the posts.
 */
export interface PrerenderSource {
  /** Every route that becomes a file in dist/, as base-relative paths. */
  routes: string[];
  /** The list page at a path, with the name of its chunk file. */
  list(path: string): { chunk: ListChunk; name: string } | undefined;
  /** A post's article, with the name of its payload file. */
  article(slug: string): { article: Article; name: string } | undefined;
  /** Absolute URLs for sharing and search: the site's root (with the base) and the image that stands for it. */
  site: { url: string; image: string };
}

const KEY = Symbol.for('linux-systems-reader:prerender');

/** Set by the content plugin before prerendering starts. */
export function providePrerenderSource(source: PrerenderSource): void {
  (globalThis as Record<symbol, unknown>)[KEY] = source;
}

/** Read by the prerender script. */
export function prerenderSource(): PrerenderSource {
  const source = (globalThis as Record<symbol, unknown>)[KEY] as PrerenderSource | undefined;
  if (!source) throw new Error('The content plugin did not provide the posts to prerender.');
  return source;
}

/**
 * A post's body parts stand in the prerendered page as these markers, and the content plugin puts the body back into
 * the finished HTML: the prerenderer parses and re-serializes every page, and at thousands of posts parsing the bodies
 * was most of the build. The body is already sanitized HTML; it needs no parsing to be placed.
 */
export const articlePartMarker = (part: number): string => `<!--article-part:${part}-->`;
export const ARTICLE_PART = /<!--article-part:(\d)-->/g;
