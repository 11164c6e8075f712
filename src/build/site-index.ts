import { articlePayload, contentHash } from '../shared/content-hash.ts';
import { PAGE_SIZE, articleFile } from '../shared/routes.ts';
import type { Article, IndexManifest, ListChunk, PostMeta, TagCount } from '../shared/types.ts';
import type { BuiltPost } from './content.ts';
import { type IndexedPost, nameShards, type ShardCache, type ShardIndex, shardIndexes } from './search-index.ts';
import { termDirectory } from './search-terms.ts';

/** A file the build writes, by its name relative to the output folder. */
export interface OutputFile {
  fileName: string;
  text: string;
}

/** One page of a list, with the chunk file that holds it. */
export interface ListPage {
  chunk: ListChunk;
  fileName: string;
  text: string;
}

/** Everything the site is made of besides the bundles: payloads, list chunks, the search index, the manifest. */
export interface SiteIndex extends SiteLists, SiteSearch {}

/** What the pages are made from: the payloads and the lists (see buildSiteLists). */
export interface SiteLists {
  /** Newest first. */
  posts: PostMeta[];
  articles: Map<string, { article: Article; file: OutputFile }>;
  home: ListPage[];
  tags: Map<string, ListPage[]>;
  tagCounts: TagCount[];
  /** Every list chunk, home's and the tags'. */
  chunks: OutputFile[];
  /** Posts per list page. */
  pageSize: number;
}

/** The search index, and the manifest that names its files with the lists' (see buildSiteSearch). */
export interface SiteSearch {
  manifest: OutputFile;
  /** The search index's shards, newest posts first. */
  search: (OutputFile & { bytes: () => Uint8Array })[];
  /** The term directory's files, which tell a search the shards to load. */
  terms: OutputFile[];
}

const pagesOf = <T>(items: readonly T[], size: number): T[][] => {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
};

async function indexFile(stem: string, value: unknown): Promise<OutputFile> {
  const text = JSON.stringify(value);
  return { fileName: `index/${stem}.${await contentHash(text)}.json`, text };
}

/**
 * Make the payloads and the index from posts sorted newest first: one payload per post carrying its own metadata and
 * its neighbours, one chunk per page of every list, the search index, and a manifest naming the chunks and the
 * index's files. Nothing here grows a bundle.
 */
export async function buildSiteIndex(posts: readonly BuiltPost[], pageSize = PAGE_SIZE): Promise<SiteIndex> {
  const lists = await buildSiteLists(posts, pageSize);
  return { ...lists, ...(await buildSiteSearch(lists, await shardIndexes(posts.map(indexedPost)))) };
}

/** What the search index reads of a post (see shardIndexes). */
export const indexedPost = ({ meta: { slug, title, tags }, html }: BuiltPost): IndexedPost => ({
  slug,
  title,
  tags,
  html,
});

/**
 * The payloads and the lists of buildSiteIndex: all the pages are made from, so a build can write its pages while
 * the search index is still being made.
 */
export async function buildSiteLists(posts: readonly BuiltPost[], pageSize = PAGE_SIZE): Promise<SiteLists> {
  const articles = new Map<string, { article: Article; file: OutputFile }>();
  const metas: PostMeta[] = [];
  for (const [i, post] of posts.entries()) {
    const older = posts[i + 1];
    const newer = posts[i - 1];
    const body: Omit<Article, 'hash'> = {
      ...post.meta,
      html: post.html,
      toc: post.toc,
      ...(older ? { older: { slug: older.meta.slug, title: older.meta.title } } : {}),
      ...(newer ? { newer: { slug: newer.meta.slug, title: newer.meta.title } } : {}),
    };
    const { hash, payload } = await articlePayload(body);
    const meta: PostMeta = { ...post.meta, hash, bytes: Buffer.byteLength(payload) };
    metas.push(meta);
    const article: Article = { hash, ...body };
    // The payload's text is made again when it is written, not held: at 10,000 posts that is hundreds of MB.
    // JSON.stringify of the same object in the same key order gives the same text, so the same hash.
    const file = {
      fileName: articleFile(meta),
      get text() {
        return JSON.stringify(article);
      },
    };
    articles.set(meta.slug, { article, file });
  }

  const counts = new Map<string, PostMeta[]>();
  for (const meta of metas) {
    for (const tag of meta.tags) {
      const list = counts.get(tag);
      if (list) list.push(meta);
      else counts.set(tag, [meta]);
    }
  }
  const tagCounts: TagCount[] = [...counts]
    .map(([tag, list]) => ({ tag, count: list.length }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));

  const listPages = async (list: readonly PostMeta[], tag?: string): Promise<ListPage[]> => {
    const pages = pagesOf(list, pageSize);
    return Promise.all(
      pages.map(async (slice, i) => {
        const chunk: ListChunk = {
          ...(tag ? { tag } : {}),
          page: i + 1,
          pages: pages.length,
          total: list.length,
          posts: slice,
          tags: tagCounts,
        };
        const file = await indexFile(tag ? `tag-${tag}-${i + 1}` : `home-${i + 1}`, chunk);
        return { chunk, fileName: file.fileName, text: file.text };
      }),
    );
  };
  const home = await listPages(metas);
  const tags = new Map<string, ListPage[]>();
  for (const { tag } of tagCounts) tags.set(tag, await listPages(counts.get(tag)!, tag));
  const all = [...home, ...[...tags.values()].flat()];
  return {
    posts: metas,
    articles,
    home,
    tags,
    tagCounts,
    chunks: all.map(({ fileName, text }) => ({ fileName, text })),
    pageSize,
  };
}

/**
 * The search index of the posts `lists` was made from, from the indexes of its shards (shardIndexes, from the same
 * posts; see nameShards for the cache), and the manifest that names its files with the lists'. `indexed` false: an
 * index of no posts, for the scale bench's build without the index (its `indexes` are of no posts).
 */
export async function buildSiteSearch(
  lists: SiteLists,
  indexes: readonly ShardIndex[],
  { searchCache, indexed = true }: { searchCache?: ShardCache; indexed?: boolean } = {},
): Promise<SiteSearch> {
  const { posts: metas, home, tags, tagCounts, pageSize } = lists;
  const shards = nameShards(indexed ? metas : [], indexes, searchCache);
  const search: SiteSearch['search'] = [];
  for (const [i, shard] of shards.entries()) {
    // Named by its content hash; the text is read (from the cache) only when it is written, and written as bytes.
    const fileName = `index/search-${i + 1}.${shard.hash}.json`;
    search.push({
      fileName,
      get text() {
        return shard.text();
      },
      bytes: shard.bytes,
    });
  }
  const terms = await Promise.all(
    // One shard is loaded whatever a directory would say: a blog of one has none.
    (shards.length > 1 ? termDirectory(shards.map((shard) => shard.terms())) : []).map(async ({ from, chunk }, i) => ({
      from,
      ...(await indexFile(`terms-${i + 1}`, chunk)),
    })),
  );
  const manifestValue: IndexManifest = {
    total: metas.length,
    bytes: metas.reduce((sum, m) => sum + m.bytes, 0),
    pageSize,
    home: home.map((p) => p.fileName),
    tags: tagCounts.map(({ tag, count }) => ({ tag, count, pages: tags.get(tag)!.map((p) => p.fileName) })),
    search: search.map((s) => s.fileName),
    terms: terms.map(({ from, fileName }) => ({ from, file: fileName })),
  };
  return {
    manifest: await indexFile('manifest', manifestValue),
    search,
    terms: terms.map(({ fileName, text }) => ({ fileName, text })),
  };
}
