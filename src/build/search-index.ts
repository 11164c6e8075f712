import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import {
  SEARCH_OPTIONS,
  shardSlices,
  sectionsOf,
  type SearchDoc,
  type SearchPost,
  type SearchShard,
} from '../shared/search.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Where built shards are kept between builds, keyed by what they are made of; none by default. */
export interface ShardCache {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
}

// The search code is part of every key: a change to how posts are indexed rebuilds every shard.
const CODE = sha(
  ['search-index.ts', '../shared/search.ts']
    .map((f) => readFileSync(path.join(import.meta.dirname, f), 'utf8'))
    .join('\0'),
);

/** Shards on disk in `dir`, one file per shard's key. */
export function shardCache(dir: string): ShardCache {
  mkdirSync(dir, { recursive: true });
  const file = (key: string) => path.join(dir, `search-${key}.json`);
  return {
    get: (key) => (existsSync(file(key)) ? readFileSync(file(key), 'utf8') : undefined),
    set: (key, text) => writeFileSync(file(key), text),
  };
}

/**
 * The search index in shards of SEARCH_SHARD_POSTS posts (see shardSlices), newest first: a page loads a shard whole,
 * so no file grows with the blog, and the newest posts are searched first. A shard whose posts (by their content
 * hashes) did not change is taken from the cache: publishing a post rebuilds one shard, not all of them.
 */
export function searchShards(posts: readonly (SearchPost & { html: string })[], cache?: ShardCache): string[] {
  return shardSlices(posts.length).map(([start, end]) => {
    const slice = posts.slice(start, end);
    const key = sha(`${CODE}\0${slice.map((p) => `${p.slug}:${p.hash}`).join('\0')}`);
    const cached = cache?.get(key);
    if (cached !== undefined) return cached;
    const index = new MiniSearch<SearchDoc>(SEARCH_OPTIONS);
    index.addAll(slice.flatMap(sectionsOf));
    const shard: SearchShard = {
      posts: slice.map(({ slug, title, date, tags, summary, hash }) => ({ slug, title, date, tags, summary, hash })),
      index: index.toJSON(),
    };
    const text = JSON.stringify(shard);
    cache?.set(key, text);
    return text;
  });
}
