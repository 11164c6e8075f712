/** One entry of a post's table of contents. */
export interface TocEntry {
  id: string;
  text: string;
  level: 2 | 3;
}

/** What a list shows of a post; list chunks carry these, and so does the post's own payload. */
export interface PostMeta {
  slug: string;
  title: string;
  /** Publication date, YYYY-MM-DD. */
  date: string;
  /** Last significant update, YYYY-MM-DD. */
  updated?: string;
  tags: string[];
  summary: string;
  /** Reading time in whole minutes, at least 1. */
  minutes: number;
  /** Content hash of the article payload; changes whenever the article does. */
  hash: string;
  /** Size of the article payload in bytes, for the offline budget. */
  bytes: number;
}

/** A neighbouring post, for the previous/next links of a post page. */
export interface PostLink {
  slug: string;
  title: string;
}

/** The article payload, `articles/<slug>.<hash>.json`: everything a post page needs, with no index. */
export interface Article {
  slug: string;
  hash: string;
  title: string;
  date: string;
  updated?: string;
  tags: string[];
  summary: string;
  minutes: number;
  html: string;
  toc: TocEntry[];
  /** The next older and next newer post, when there is one. */
  older?: PostLink;
  newer?: PostLink;
}

/** What the worker needs to keep a post saved: which version, how big, and what decides whether it is kept. */
export type PostRef = Pick<PostMeta, 'slug' | 'hash' | 'bytes' | 'tags'>;

/** One page of a list (home or a tag): `index/<name>.<hash>.json`. */
export interface ListChunk {
  /** Undefined for the home list. */
  tag?: string;
  /** 1-based page number and how many pages the list has. */
  page: number;
  pages: number;
  /** Posts in the whole list. */
  total: number;
  posts: PostMeta[];
  /** Every tag of the blog with its post count, most used first, for the tag filter. */
  tags: TagCount[];
}

/** A tag and how many posts carry it. */
export interface TagCount {
  tag: string;
  count: number;
}

/** The entry point of the index, `index/manifest.<hash>.json`: names every chunk, so any list page can be found. */
export interface IndexManifest {
  /** Posts on the blog. */
  total: number;
  /** Bytes of all article payloads, to decide whether everything fits the offline budget. */
  bytes: number;
  pageSize: number;
  /** Chunk names of the home list's pages, in order. */
  home: string[];
  /** Every tag, most used first: its post count and its pages' chunk names. */
  tags: { tag: string; count: number; pages: string[] }[];
  /** The search index's shards, each for SEARCH_SHARD_POSTS posts of the home list's order. */
  search: string[];
  /**
   * The term directory's files (see TermsChunk), in the order of their terms, each with its first term. Absent from
   * manifests of versions before it: a search then looks through every shard.
   */
  terms?: { from: string; file: string }[];
}
