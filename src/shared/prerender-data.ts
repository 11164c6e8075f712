import type { Article, ListChunk } from './types.ts';

/**
 * What the build hands the prerender script, in the same Node process: each route's data, looked up one page at a
 * time so no bundle ever holds the posts.
 */
export interface PrerenderSource {
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

/** An element of a prerendered page's head: a tag, its attributes, and for a script its text as it is to be written. */
export interface HeadElement {
  type: string;
  props: Record<string, string>;
}

/** One page as the prerender script renders it, for the build to put into the page template. */
export interface RenderedPage {
  /** What goes into `#app`. */
  html: string;
  head: { lang: string; title: string; elements: Set<HeadElement> };
}

/** Renders the page at a base-relative path (`/posts/<slug>/`, `/404.html`, `/shell.html`). */
export type PageRenderer = (url: string) => Promise<RenderedPage>;

const RENDERER = Symbol.for('linux-systems-reader:page-renderer');

/** Set by the prerender script when the prerender plugin loads it. */
export function providePageRenderer(render: PageRenderer): void {
  (globalThis as Record<symbol, unknown>)[RENDERER] = render;
}

/** Read by the content plugin once the prerender plugin has loaded the script; undefined before. */
export function pageRenderer(): PageRenderer | undefined {
  return (globalThis as Record<symbol, unknown>)[RENDERER] as PageRenderer | undefined;
}
