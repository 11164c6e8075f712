/** One entry of a post's table of contents. */
export interface TocEntry {
  id: string;
  text: string;
  level: 2 | 3;
}

/** What every list needs to know about a post; bundled into the app and the worker. */
export interface PostMeta {
  slug: string;
  title: string;
  /** Publication date, YYYY-MM-DD. */
  date: string;
  /** Last significant update, YYYY-MM-DD. */
  updated?: string;
  tags: string[];
  summary: string;
  words: number;
  /** Reading time in whole minutes, at least 1. */
  minutes: number;
  /** Content hash of the article payload; changes whenever the article does. */
  hash: string;
  /** Path of the article payload relative to the app's base, e.g. `articles/epoll.1a2b3c4d5e6f.json`. */
  article: string;
  /** Size of the article payload in bytes. */
  bytes: number;
}

/** The article payload: the body of a post, rendered and sanitized at build time. */
export interface Article {
  slug: string;
  hash: string;
  html: string;
  toc: TocEntry[];
}

/** What the worker needs to know to keep a post saved. */
export type PostRef = Pick<PostMeta, 'slug' | 'hash' | 'article'>;
