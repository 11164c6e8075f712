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

/** A term's postings in one field: its sections' short ids, each followed by the term's count there. */
type Postings = number[];

/** What the build keeps of a term as the tokenizer gives it, in one field: where it was last met, and its postings. */
interface Seen {
  /** The last section (short id) it was met in: a field's length counts each term once. */
  lastDoc: number;
  /** The index term's postings in the field, or null when the term is not indexed (processTerm gave nothing). */
  postings: Postings | null;
}

/**
 * The index of `docs` in MiniSearch's serialized form (`AsPlainObject`: what its `toJSON` gives and `loadJS` takes),
 * as JSON text, and its terms (for the directory). Made directly: the terms, their counts, the field lengths and the
 * stored fields that `addAll` then `toJSON` would give, by the same options. MiniSearch's `add` puts every word into
 * its radix tree, which the build only walks again to write the file; that tree was most of the index's build time,
 * and the page builds its own when it loads a shard. Only the order of the terms differs (the order the build met them
 * in, not the tree's); the build tests hold the rest to MiniSearch's own, so a MiniSearch that changed its form would
 * fail them, not the page.
 *
 * The build indexes millions of words, so each costs one lookup: a field is cut at spaces, each distinct run between
 * two spaces is read by SEARCH_OPTIONS.tokenize once per shard and what it counts towards kept; a term's postings are flat lists of numbers, counted where the term was last met (sections are read
 * one after the other); and the JSON is written here rather than made from the nested objects of AsPlainObject by
 * JSON.stringify. Measured on generated posts: 35% less time for a shard than a map of terms per section's field and
 * JSON.stringify (2,000 posts, timed), then 11% fewer instructions from cutting at spaces and writing each section's
 * key once (600 posts, counted by callgrind).
 */
export function indexJson(docs: readonly SearchDoc[]): { text: string; terms: string[] } {
  const { fields, storeFields, tokenize, processTerm } = SEARCH_OPTIONS;
  // Each index term's postings by field id, in the order the terms were met.
  const byTerm = new Map<string, Postings[]>();
  // Per field: each term met, and what each run of text between two spaces (mostly one word) counts towards: one
  // lookup per word, not one per term, and the text split at spaces, not matched word by word.
  const seen = fields.map(() => new Map<string, Seen>());
  const byChunk = fields.map(() => new Map<string, Seen[]>());
  const seenOf = (fieldId: number) => (term: string) => {
    let known = seen[fieldId]!.get(term);
    if (!known) {
      const processed = processTerm(term);
      let postings: Postings | null = null;
      if (processed) {
        let inFields = byTerm.get(processed);
        if (!inFields) byTerm.set(processed, (inFields = []));
        postings = inFields[fieldId] ??= [];
      }
      seen[fieldId]!.set(term, (known = { lastDoc: -1, postings }));
    }
    return known;
  };
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
      // A field's length is its distinct terms (averaged over the documents as MiniSearch does, one at a time).
      let distinct = 0;
      const chunks = byChunk[fieldId]!;
      for (const chunk of doc[field].split(' ')) {
        let terms = chunks.get(chunk);
        if (!terms) chunks.set(chunk, (terms = tokenize(chunk).map(seenOf(fieldId))));
        for (const known of terms) {
          if (known.lastDoc !== shortId) {
            known.lastDoc = shortId;
            distinct += 1;
          }
          const list = known.postings;
          if (!list) continue;
          // Another term processed to the same one may have counted this section already.
          if (list[list.length - 2] === shortId) list[list.length - 1]! += 1;
          else list.push(shortId, 1);
        }
      }
      lengths[fieldId] = distinct;
      averageFieldLength[fieldId] = ((averageFieldLength[fieldId] ?? 0) * shortId + distinct) / (shortId + 1);
    });
    fieldLength[shortId] = lengths;
  });
  // The index's entries as JSON.stringify would write `[term, {fieldId: {shortId: count}}]`: field ids and short ids
  // are integer keys, which it writes in ascending order, as they were pushed. Each section's key is made once: a
  // shard has about a million postings.
  const keys = docs.map((_, shortId) => `"${shortId}":`);
  const entries: string[] = [];
  for (const [term, postings] of byTerm) {
    const inFields: string[] = [];
    // forEach passes over the fields the term is not in (holes in `postings`).
    postings.forEach((list, fieldId) => {
      const counts: string[] = [];
      for (let i = 0; i < list.length; i += 2) counts.push(keys[list[i]!]! + list[i + 1]!);
      inFields.push(`"${fieldId}":{${counts.join(',')}}`);
    });
    entries.push(`[${JSON.stringify(term)},{${inFields.join(',')}}]`);
  }
  const rest: Omit<AsPlainObject, 'index'> = {
    documentCount: docs.length,
    nextId: docs.length,
    documentIds,
    fieldIds: Object.fromEntries(fields.map((field, i) => [field, i])),
    fieldLength,
    averageFieldLength,
    storedFields,
    dirtCount: 0,
    serializationVersion: 2,
  };
  const head = JSON.stringify(rest);
  return { text: `${head.slice(0, -1)},"index":[${entries.join(',')}]}`, terms: [...byTerm.keys()] };
}

/**
 * One shard's file, from the index and the posts it covers; the terms its index holds (for the directory); and its
 * content hash (what the file is named by).
 */
async function buildShard(posts: readonly ShardPost[]): Promise<{ text: string; terms: string[]; hash: string }> {
  const shown: SearchShard['posts'] = posts.map(({ slug, title, date, tags, summary, hash }) => ({
    slug,
    title,
    date,
    tags,
    summary,
    hash,
  }));
  // The index reads the words of a section's text, which it does not store: its white space need not be folded.
  const index = indexJson(posts.flatMap((post) => sectionsOf(post, { fold: false })));
  // A SearchShard, `{ posts, index }`, with the index's JSON as it was made.
  const text = `{"posts":${JSON.stringify(shown)},"index":${index.text}}`;
  return { text, terms: index.terms, hash: await contentHash(text) };
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
