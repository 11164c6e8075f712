import MiniSearch from 'minisearch';
import {
  SEARCH_OPTIONS,
  SEARCH_SHARD_POSTS,
  sectionsOf,
  type SearchDoc,
  type SearchPost,
  type SearchShard,
} from '../shared/search.ts';

/**
 * The search index in shards of SEARCH_SHARD_POSTS posts, newest first (the order of the home list): a page loads a
 * shard whole, so no file grows with the blog, and the newest posts are searched first.
 */
export function searchShards(posts: readonly (SearchPost & { html: string })[]): string[] {
  const shards: string[] = [];
  for (let i = 0; i < posts.length; i += SEARCH_SHARD_POSTS) {
    const slice = posts.slice(i, i + SEARCH_SHARD_POSTS);
    const index = new MiniSearch<SearchDoc>(SEARCH_OPTIONS);
    index.addAll(slice.flatMap(sectionsOf));
    const shard: SearchShard = {
      posts: slice.map(({ slug, title, date, tags, summary, hash }) => ({ slug, title, date, tags, summary, hash })),
      index: index.toJSON(),
    };
    shards.push(JSON.stringify(shard));
  }
  return shards;
}
