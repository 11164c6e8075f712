import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AsPlainObject } from 'minisearch';
import { contentHash } from '../shared/content-hash.ts';
import { writeWhole } from './output-files.ts';
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
  has(key: string): boolean;
  get(key: string): string | undefined;
  set(key: string, text: string): void;
}

// The search code (with what it leaves out of the text) and MiniSearch's are part of every key: a change to how posts
// are indexed rebuilds every shard.
const CODE = sha(
  [
    path.join(import.meta.dirname, 'search-index.ts'),
    path.join(import.meta.dirname, '../shared/search.ts'),
    path.join(import.meta.dirname, '../shared/listing.ts'),
    createRequire(import.meta.url).resolve('minisearch'),
  ]
    .map((f) => readFileSync(f, 'utf8'))
    .join('\0'),
);

/** Shards on disk in `dir`, one file per shard's key. */
export function shardCache(dir: string): ShardCache {
  mkdirSync(dir, { recursive: true });
  const file = (key: string) => path.join(dir, `search-${key}.json`);
  return {
    has: (key) => existsSync(file(key)),
    get: (key) => (existsSync(file(key)) ? readFileSync(file(key), 'utf8') : undefined),
    // Whole or not at all: a build stopped mid-write never leaves half a shard under a key.
    set: (key, text) => writeWhole(file(key), text),
  };
}

/** What a shard is made of: a post as its result shows it, and its body. */
export type ShardPost = SearchPost & { html: string };

/**
 * The index of `docs` in MiniSearch's serialized form (`AsPlainObject`: what its `toJSON` gives and `loadJS` takes),
 * made directly: the terms, their counts, the field lengths and the stored fields that `addAll` then `toJSON` would
 * give, by the same options. MiniSearch's `add` puts every word into its radix tree, which the build only walks again
 * to write the file; that tree was most of the index's build time, and the page builds its own when it loads a shard.
 * Only the order of the terms differs (the order the build met them in, not the tree's); the build tests hold the rest
 * to MiniSearch's own, so a MiniSearch that changed its form would fail them, not the page.
 */
export function plainIndex(docs: readonly SearchDoc[]): AsPlainObject {
  const { fields, storeFields, tokenize, processTerm } = SEARCH_OPTIONS;
  const index = new Map<string, Record<number, Record<number, number>>>();
  const documentIds: Record<number, string> = {};
  const fieldLength: Record<number, number[]> = {};
  const averageFieldLength: number[] = [];
  const storedFields: Record<number, Partial<SearchDoc>> = {};
  const ids = new Set<string>();
  docs.forEach((doc, shortId) => {
    if (ids.has(doc.id)) throw new Error(`The search index has two sections with the id "${doc.id}".`);
    ids.add(doc.id);
    documentIds[shortId] = doc.id;
    const stored: Partial<SearchDoc> = {};
    for (const name of storeFields) stored[name] = doc[name];
    storedFields[shortId] = stored;
    const lengths: number[] = [];
    fields.forEach((field, fieldId) => {
      // Each distinct term once: its count in the field, and the field's length (its distinct terms, averaged over the
      // documents as MiniSearch does, one at a time).
      const counts = new Map<string, number>();
      for (const term of tokenize(doc[field])) counts.set(term, (counts.get(term) ?? 0) + 1);
      lengths[fieldId] = counts.size;
      averageFieldLength[fieldId] = ((averageFieldLength[fieldId] ?? 0) * shortId + counts.size) / (shortId + 1);
      for (const [term, count] of counts) {
        const processed = processTerm(term);
        if (!processed) continue;
        let entry = index.get(processed);
        if (!entry) index.set(processed, (entry = {}));
        const inField = (entry[fieldId] ??= {});
        inField[shortId] = (inField[shortId] ?? 0) + count;
      }
    });
    fieldLength[shortId] = lengths;
  });
  return {
    documentCount: docs.length,
    nextId: docs.length,
    documentIds,
    fieldIds: Object.fromEntries(fields.map((field, i) => [field, i])),
    fieldLength,
    averageFieldLength,
    storedFields,
    dirtCount: 0,
    index: [...index],
    serializationVersion: 2,
  };
}

/**
 * One shard's file, from the index and the posts it covers; the terms its index holds (for the directory); and its
 * content hash (what the file is named by).
 */
async function buildShard(posts: readonly ShardPost[]): Promise<{ text: string; terms: string[]; hash: string }> {
  const shard: SearchShard = {
    posts: posts.map(({ slug, title, date, tags, summary, hash }) => ({ slug, title, date, tags, summary, hash })),
    index: plainIndex(posts.flatMap(sectionsOf)),
  };
  const text = JSON.stringify(shard);
  return { text, terms: shard.index.index.map(([term]) => term), hash: await contentHash(text) };
}

/**
 * A built shard kept in the cache: its text under its key, its terms and its content hash (what its file is named by)
 * beside it, so the main thread neither hashes nor holds the text to name the file.
 */
export async function cacheShard(cache: ShardCache, key: string, posts: readonly ShardPost[]): Promise<void> {
  const { text, terms, hash } = await buildShard(posts);
  // The rest first: a shard whose text is in the cache is whole (see searchShards).
  cache.set(`${key}.terms`, JSON.stringify(terms));
  cache.set(`${key}.hash`, hash);
  cache.set(key, text);
}

/** A shard of the index as the build has it: its content hash, and its text and its terms, each read when asked for. */
export interface BuiltShard {
  hash: string;
  text: () => string;
  terms: () => string[];
}

/** A shard the cache does not have: its key, and its posts. */
export interface ShardJob {
  key: string;
  posts: ShardPost[];
}

/**
 * The old generation a build thread needs to build `jobs` (see BuildPool.beside): room for its code and its cache of
 * words, and for the largest shard's work, which holds its posts' HTML several times over at once (as sections,
 * terms, the index and its text). Measured: 200 shards of the 10,000-post corpus (1.2 MB of HTML each) were built in
 * 128 MB; one shard of 18.7 MB of HTML in 150 MB but not in 100 MB. Each figure here is more than twice that.
 */
export function shardHeapMb(jobs: readonly ShardJob[]): number {
  const largest = Math.max(0, ...jobs.map((job) => job.posts.reduce((bytes, post) => bytes + post.html.length, 0)));
  return Math.ceil(HEAP_BASE_MB + (HEAP_PER_HTML_BYTE * largest) / 2 ** 20);
}

const HEAP_BASE_MB = 192;
const HEAP_PER_HTML_BYTE = 16;

/**
 * The search index in shards of SEARCH_SHARD_POSTS posts (see shardSlices), newest first, each as a function that
 * gives its text: a page loads a shard whole, so no file grows with the blog, and the newest posts are searched first.
 * A shard whose posts (by their content hashes) did not change is taken from the cache: publishing a post rebuilds
 * one shard, not all of them. With a cache, `build` may make the missing shards into it first (on other threads:
 * src/build/workers.ts), and a shard's text is read from the cache when asked for, not held.
 */
export async function searchShards(
  posts: readonly ShardPost[],
  cache?: ShardCache,
  build?: (missing: ShardJob[]) => Promise<void>,
): Promise<BuiltShard[]> {
  const jobs = shardSlices(posts.length).map(([start, end]) => {
    const slice = posts.slice(start, end);
    return { key: sha(`${CODE}\0${slice.map((p) => `${p.slug}:${p.hash}`).join('\0')}`), posts: slice };
  });
  if (cache && build) await build(jobs.filter((job) => !cache.has(job.key)));
  const shards: BuiltShard[] = [];
  for (const { key, posts: slice } of jobs) {
    if (!cache) {
      const { text, terms, hash } = await buildShard(slice);
      shards.push({ hash, text: () => text, terms: () => terms });
      continue;
    }
    if (!cache.has(key)) await cacheShard(cache, key, slice);
    const read = (k: string) => {
      const text = cache.get(k);
      if (text === undefined) throw new Error(`The search shard ${k} left the build's cache during the build.`);
      return text;
    };
    shards.push({
      hash: read(`${key}.hash`),
      text: () => read(key),
      terms: () => JSON.parse(read(`${key}.terms`)) as string[],
    });
  }
  return shards;
}
