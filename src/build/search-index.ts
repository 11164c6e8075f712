import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AsPlainObject } from 'minisearch';
import { hashOfDigest } from '../shared/content-hash.ts';
import { writeWhole } from './output-files.ts';
import {
  entityAt,
  SEARCH_OPTIONS,
  shardSlices,
  sectionsOf,
  textOf,
  isWordChar,
  type SearchDoc,
  type SearchPost,
} from '../shared/search.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Where built shards are kept between builds, keyed by what they are made of; none by default. */
export interface ShardCache {
  has(key: string): boolean;
  get(key: string): string | undefined;
  /** The text under `key` as UTF-8 bytes, to hash without making a string; valid until the next call (may reuse them). */
  bytes(key: string): Uint8Array | undefined;
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
  let buffer = Buffer.alloc(1 << 20);
  return {
    has: (key) => existsSync(file(key)),
    get: (key) => (existsSync(file(key)) ? readFileSync(file(key), 'utf8') : undefined),
    bytes(key) {
      if (!existsSync(file(key))) return undefined;
      const fd = openSync(file(key), 'r');
      try {
        const { size } = fstatSync(fd);
        if (size > buffer.length) buffer = Buffer.alloc(size);
        let read = 0;
        for (let got = 1; read < size && got > 0; read += got) got = readSync(fd, buffer, read, size - read, read);
        return buffer.subarray(0, read);
      } finally {
        closeSync(fd);
      }
    },
    // Whole or not at all: a build stopped mid-write never leaves half a shard under a key.
    set: (key, text) => writeWhole(file(key), text),
  };
}

/** What a shard's index is made of: a post's slug, title, tags and body (all sectionsOf reads). */
export type IndexedPost = Parameters<typeof sectionsOf>[0];

/** What a shard is made of: a post as its result shows it, and its body. */
export type ShardPost = SearchPost & IndexedPost;

/**
 * Numbers that grow as a shard is indexed, in one typed array (doubled when full): the index's postings are millions
 * of small numbers, which as JS arrays (a list per term) were garbage the collector copied and marked. They start
 * small, so that every shard, the tests' too, grows them.
 */
class Numbers {
  values: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.values = new Int32Array(capacity);
  }
  /** Add `value` at the end; its index. */
  push(value: number): number {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    return this.length++;
  }
}

/** Whether each UTF-16 code unit that is not a surrogate is a word's character (isWordChar); made when needed. */
let wordUnits: Uint8Array | undefined;
const wordUnitTable = (): Uint8Array => {
  if (!wordUnits) {
    wordUnits = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++)
      if ((c < 0xd800 || c > 0xdfff) && isWordChar(String.fromCharCode(c))) wordUnits[c] = 1;
  }
  return wordUnits;
};
/** The same for characters beyond the first 65,536, as they are met. */
const astralWordChars = new Map<number, boolean>();
const isAstralWordChar = (codePoint: number): boolean => {
  let known = astralWordChars.get(codePoint);
  if (known === undefined) astralWordChars.set(codePoint, (known = isWordChar(String.fromCodePoint(codePoint))));
  return known;
};

const LT = 0x3c;
const AMP = 0x26;
/** A word's hash (32-bit FNV-1a over its UTF-16 code units), one code unit at a time from HASH_START. */
const HASH_START = 0x811c9dc5 | 0;
const hashStep = (hash: number, unit: number): number => Math.imul(hash ^ unit, 0x01000193);
/** The hash forEachWord gives `word`. */
export const wordHash = (word: string): number => {
  let hash = HASH_START;
  for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
  return hash;
};

/**
 * Each word of `text` (a run of isWordChar's characters, as `wordsOf` finds them) where it stands, with a hash of its
 * code units, found without making a string of it: the build meets millions of words, and finds most of them in its
 * table of those it has met (WordTable). With `html`, `text` is sanitized article HTML and its words are those of its
 * textOf: a tag and a named entity are breaks between words, as their text is (see entityAt). The HTML must hold no
 * numeric entity (`&#...;`), which can decode to a word's character: the caller reads such HTML's textOf instead.
 */
function forEachWord(text: string, html: boolean, visit: (start: number, end: number, hash: number) => void): void {
  const units = wordUnitTable();
  const n = text.length;
  let start = -1;
  let hash = HASH_START;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let width = 1;
    let isWord: boolean;
    if (c < 0xd800 || c > 0xdfff) isWord = units[c] === 1;
    else {
      // A surrogate pair is one character; a surrogate alone is none of a word's.
      const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      const pair = c < 0xdc00 && d >= 0xdc00 && d <= 0xdfff;
      if (pair) width = 2;
      isWord = pair && isAstralWordChar((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000);
    }
    if (isWord) {
      if (start < 0) {
        start = i;
        hash = HASH_START;
      }
      hash = hashStep(hash, c);
      if (width === 2) hash = hashStep(hash, text.charCodeAt(i + 1));
    } else {
      if (start >= 0) {
        visit(start, i, hash);
        start = -1;
      }
      if (html && c === LT) {
        // A tag, to its end; a `<` with none is a character (a break) as textOf leaves it.
        const close = text.indexOf('>', i + 1);
        if (close >= 0) width = close + 1 - i;
      } else if (html && c === AMP) width = entityAt(text, i) || 1;
    }
    i += width - 1;
  }
  if (start >= 0) visit(start, n, hash);
}

/**
 * A copy of a string that holds nothing else. V8 makes a slice of 13 characters or more a view of the whole string, so
 * a word sliced from a section's HTML keeps the post's HTML alive as long as the word lives: in the tokenizer's memo of
 * words (src/shared/search.ts), across shards, which ran a build thread out of memory.
 */
const detached = (text: string): string => Buffer.from(text, 'utf16le').toString('utf16le');

/**
 * The distinct words of one field of a shard, each with the slots it counts towards (see indexJson): a hash table
 * that finds a word from where it stands in the text (forEachWord), so a word met before costs no string.
 */
class WordTable {
  /** Open addressing: a word's id at its hash's place or after it, -1 for none. */
  private places = new Int32Array(1 << 10).fill(-1);
  private readonly words: string[] = [];
  private readonly hashes = new Numbers(1 << 9);
  /** Per word, where its slots start in `slots`, and how many there are. */
  readonly first = new Numbers(1 << 9);
  readonly count = new Numbers(1 << 9);
  readonly slots = new Numbers(1 << 10);

  /** The id of the word at `start` to `end` in `text`, whose hash is `hash`; -1 if it is not in the table. */
  find(text: string, start: number, end: number, hash: number): number {
    const { places, words } = this;
    const mask = places.length - 1;
    const length = end - start;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const id = places[at]!;
      if (id < 0) return -1;
      if (this.hashes.values[id] === hash && words[id]!.length === length && text.startsWith(words[id]!, start))
        return id;
    }
  }

  /** Add a word not in the table, with its slots; its id. */
  add(word: string, hash: number, slots: readonly number[]): number {
    const id = this.words.length;
    this.words.push(word);
    this.hashes.push(hash);
    this.first.push(this.slots.length);
    this.count.push(slots.length);
    for (const slot of slots) this.slots.push(slot);
    // At most half full, so a search ends soon.
    if (2 * this.words.length > this.places.length) {
      this.places = new Int32Array(this.places.length * 2).fill(-1);
      for (let known = 0; known < this.words.length; known++) this.place(known);
    } else this.place(id);
    return id;
  }

  private place(id: number): void {
    const mask = this.places.length - 1;
    let at = this.hashes.values[id]! & mask;
    while (this.places[at]! >= 0) at = (at + 1) & mask;
    this.places[at] = id;
  }
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
 * The build indexes millions of words, so each costs one lookup and no allocation: a field's words are found where
 * they stand (forEachWord; with `html`, the `text` of each doc is its section's HTML, from sectionsOf with `html`,
 * read without making its text), each distinct word is read by SEARCH_OPTIONS.tokenize once per shard and what it
 * counts towards kept as numbers (a "slot" per term as the tokenizer gives it, per field); a term's postings in a
 * field are a chain of entries in typed arrays, counted at the chain's end (sections are read one after the other);
 * and the JSON is written here rather than made from the nested objects of AsPlainObject by JSON.stringify. Measured
 * on generated posts: 35% less time for a shard than a map of terms per section's field and JSON.stringify (2,000
 * posts, timed), then 11% fewer instructions from cutting at spaces and writing each section's key once (600 posts,
 * counted by callgrind), then 5.5% fewer from the postings in typed arrays and the JSON written as bytes, then 11-23%
 * less time from reading the words out of the HTML in place instead of cutting its text into strings (600 posts,
 * best of eight runs interleaved with the old code, in a quiet and in a noisy hour; 5.5% fewer instructions).
 */
export function indexJson(
  docs: readonly SearchDoc[],
  { html = false }: { html?: boolean } = {},
): { text: string; terms: string[] } {
  const { fields, storeFields, tokenize, processTerm } = SEARCH_OPTIONS;
  const fieldCount = fields.length;
  // The index's terms in the order they were met; a term's postings in field f are chain termId * fieldCount + f.
  const termIds = new Map<string, number>();
  const head = new Numbers(1 << 10);
  const tail = new Numbers(1 << 10);
  // The chains' entries: a section's short id, the term's count there, the next entry (-1 at the end).
  const entryDoc = new Numbers(1 << 12);
  const entryCount = new Numbers(1 << 12);
  const entryNext = new Numbers(1 << 12);
  // Per field, each term as the tokenizer gave it has a slot: the last section it was met in (a field's length counts
  // each term once), and its chain (-1 when processTerm leaves it out).
  const slotOf = fields.map(() => new Map<string, number>());
  const lastDoc = new Numbers(1 << 10);
  const chainOf = new Numbers(1 << 10);
  // Per field, the words met, each with the slots it counts towards.
  const byWord = fields.map(() => new WordTable());
  const slot = (fieldId: number, term: string): number => {
    let known = slotOf[fieldId]!.get(term);
    if (known === undefined) {
      let chain = -1;
      const processed = processTerm(term);
      if (processed) {
        let termId = termIds.get(processed);
        if (termId === undefined) {
          termIds.set(processed, (termId = termIds.size));
          for (let f = 0; f < fieldCount; f++) {
            head.push(-1);
            tail.push(-1);
          }
        }
        chain = termId * fieldCount + fieldId;
      }
      known = lastDoc.push(-1);
      chainOf.push(chain);
      slotOf[fieldId]!.set(term, known);
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
      const words = byWord[fieldId]!;
      let value = doc[field];
      // A section's HTML, read in place unless a numeric entity in it may stand for a word's character.
      const sectionHtml = html && field === 'text';
      const scanHtml = sectionHtml && !value.includes('&#');
      if (sectionHtml && !scanHtml) value = textOf(value);
      forEachWord(value, scanHtml, (start, end, hash) => {
        let id = words.find(value, start, end, hash);
        if (id < 0) {
          const word = detached(value.slice(start, end));
          id = words.add(
            word,
            hash,
            tokenize(word).map((term) => slot(fieldId, term)),
          );
        }
        for (let k = words.first.values[id]!, last = k + words.count.values[id]!; k < last; k++) {
          const known = words.slots.values[k]!;
          if (lastDoc.values[known] !== shortId) {
            lastDoc.values[known] = shortId;
            distinct += 1;
          }
          const chain = chainOf.values[known]!;
          if (chain < 0) continue;
          // Another term processed to the same one may have counted this section already.
          const tailEntry = tail.values[chain]!;
          if (tailEntry >= 0 && entryDoc.values[tailEntry] === shortId) {
            entryCount.values[tailEntry]! += 1;
            continue;
          }
          const entry = entryDoc.push(shortId);
          entryCount.push(1);
          entryNext.push(-1);
          if (tailEntry >= 0) entryNext.values[tailEntry] = entry;
          else head.values[chain] = entry;
          tail.values[chain] = entry;
        }
      });
      lengths[fieldId] = distinct;
      averageFieldLength[fieldId] = ((averageFieldLength[fieldId] ?? 0) * shortId + distinct) / (shortId + 1);
    });
    fieldLength[shortId] = lengths;
  });
  const terms = [...termIds.keys()];
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
  // The index's entries as JSON.stringify would write `[term, {fieldId: {shortId: count}}]` (field ids and short ids
  // are integer keys, which it writes in ascending order, as they were counted), as bytes: a shard has about a
  // million postings, which as strings were a million allocations.
  const out = new Utf8Out();
  out.text(`${JSON.stringify(rest).slice(0, -1)},"index":[`);
  terms.forEach((term, termId) => {
    if (termId > 0) out.byte(COMMA);
    out.byte(OPEN_LIST);
    out.text(JSON.stringify(term));
    out.byte(COMMA);
    out.byte(OPEN);
    let fields = 0;
    for (let fieldId = 0; fieldId < fieldCount; fieldId++) {
      const first = head.values[termId * fieldCount + fieldId]!;
      if (first < 0) continue;
      if (fields++ > 0) out.byte(COMMA);
      out.text(`"${fieldId}":{`);
      for (let e = first; e >= 0; e = entryNext.values[e]!)
        out.entry(entryDoc.values[e]!, entryCount.values[e]!, e === first);
      out.byte(CLOSE);
    }
    out.byte(CLOSE);
    out.byte(CLOSE_LIST);
  });
  out.byte(CLOSE_LIST);
  out.byte(CLOSE);
  return { text: out.toString(), terms };
}

const byteOf = (c: string): number => c.charCodeAt(0);
const COMMA = byteOf(',');
const OPEN = byteOf('{');
const CLOSE = byteOf('}');
const OPEN_LIST = byteOf('[');
const CLOSE_LIST = byteOf(']');
const QUOTE = byteOf('"');
const COLON = byteOf(':');

/** Text written as UTF-8 into one growing buffer, and read back as one string. */
class Utf8Out {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;
  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
  byte(b: number): void {
    this.room(1);
    this.bytes[this.length++] = b;
  }
  text(s: string): void {
    this.room(s.length * 3); // at most three bytes for each UTF-16 unit
    this.length += encoder.encodeInto(s, this.bytes.subarray(this.length)).written;
  }
  /** A non-negative integer in decimal (room for it made by the caller). */
  private digits(n: number): void {
    const { bytes } = this;
    if (n < 10) {
      bytes[this.length++] = 48 + n;
      return;
    }
    let end = this.length + 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) end += 1;
    this.length = end;
    for (; n > 0; n = Math.floor(n / 10)) bytes[--end] = 48 + (n % 10);
  }
  /** An integer as an object's key and another as its value: `"12":3`, after a comma unless `first`. */
  entry(key: number, value: number, first: boolean): void {
    this.room(40);
    const { bytes } = this;
    if (!first) bytes[this.length++] = COMMA;
    bytes[this.length++] = QUOTE;
    this.digits(key);
    bytes[this.length++] = QUOTE;
    bytes[this.length++] = COLON;
    this.digits(value);
  }
  toString(): string {
    return decoder.decode(this.bytes.subarray(0, this.length));
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A shard's index, from its posts' bodies, and the terms it holds (for the directory): all the work of a shard. */
function shardIndex(posts: readonly IndexedPost[]): { text: string; terms: string[] } {
  // The index reads each section's words from its HTML, and does not store its text.
  return indexJson(
    posts.flatMap((post) => sectionsOf(post, { html: true })),
    { html: true },
  );
}

/** A shard's index kept in the cache: its text under its key, and its terms beside it. */
export function cacheShardIndex(cache: ShardCache, key: string, posts: readonly IndexedPost[]): void {
  const { text, terms } = shardIndex(posts);
  // The terms first: an index whose text is in the cache is whole (see shardIndexes).
  cache.set(`${key}.terms`, JSON.stringify(terms));
  cache.set(key, text);
}

/** A shard's index as shardIndexes makes it: what it is made of, its posts, and its text and terms, read when asked. */
export interface ShardIndex {
  /** A hash of what it is made of (indexKey): its key in the cache, and part of its shard's key (see nameShards). */
  key: string;
  slugs: string[];
  text: () => string;
  /** Its text as UTF-8 bytes, valid until the next call (see ShardCache.bytes). */
  bytes: () => Uint8Array;
  terms: () => string[];
}

/** A shard of the index as the build has it: its content hash, and its text and its terms, each read when asked for. */
export interface BuiltShard {
  hash: string;
  text: () => string;
  /** Its text as UTF-8 bytes, made without a string: what the build writes. */
  bytes: () => Uint8Array;
  terms: () => string[];
}

/** A shard's index the cache does not have: its key, and its posts. */
export interface ShardJob {
  key: string;
  posts: IndexedPost[];
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
 * The key of the index of `posts`: a hash of the indexing code and of all sectionsOf reads of each post. Each field is
 * written with what ends it (JSON's closing bracket, the length of the HTML before it), so no two runs of posts give
 * the same bytes.
 */
function indexKey(posts: readonly IndexedPost[]): string {
  const hash = createHash('sha256').update(CODE);
  for (const { slug, title, tags, html } of posts)
    hash.update(JSON.stringify([slug, title, tags, html.length])).update(html);
  return hash.digest('hex');
}

/** What the cache gave for `key`, which it must hold: the build found it there, or made it into it. */
function cached<T>(key: string, found: T | undefined): T {
  if (found === undefined) throw new Error(`The search shard ${key} left the build's cache during the build.`);
  return found;
}

/**
 * The indexes of the search index's shards: the posts (newest first) in shards of SEARCH_SHARD_POSTS (see
 * shardSlices), each shard's sections indexed. An index needs only its posts' bodies, not their payloads: a build
 * starts the indexes before it makes the payloads, whose hashes the shards carry (nameShards names the shards once
 * they are made). An index whose posts did not change is taken from the cache: publishing a post rebuilds one shard's
 * index, not all of them. With a cache, `build` may make the missing ones into it first (on other threads:
 * src/build/workers.ts), and an index's text is read from the cache when asked for, not held.
 */
export async function shardIndexes(
  posts: readonly IndexedPost[],
  cache?: ShardCache,
  build?: (missing: ShardJob[]) => Promise<void>,
): Promise<ShardIndex[]> {
  const jobs = shardSlices(posts.length).map(([start, end]) => {
    const slice = posts.slice(start, end);
    return { key: indexKey(slice), posts: slice };
  });
  if (cache && build) await build(jobs.filter((job) => !cache.has(job.key)));
  return jobs.map(({ key, posts: slice }) => {
    const slugs = slice.map((post) => post.slug);
    if (!cache) {
      const { text, terms } = shardIndex(slice);
      return { key, slugs, text: () => text, bytes: () => encoder.encode(text), terms: () => terms };
    }
    if (!cache.has(key)) cacheShardIndex(cache, key, slice);
    return {
      key,
      slugs,
      text: () => cached(key, cache.get(key)),
      bytes: () => cached(key, cache.bytes(key)),
      terms: () => JSON.parse(cached(`${key}.terms`, cache.get(`${key}.terms`))) as string[],
    };
  });
}

/**
 * The search index's shards: each shard's index (from shardIndexes, made from the same posts) with its posts as their
 * results show them, as one file (a SearchShard) named by its content hash. A shard's name is kept in the cache under
 * what the shard is made of, so a build whose shards did not change reads no index to name them. Its text is made
 * when asked for, with its index read from the cache, not held.
 */
export function nameShards(
  posts: readonly SearchPost[],
  indexes: readonly ShardIndex[],
  cache?: ShardCache,
): BuiltShard[] {
  const slices = shardSlices(posts.length);
  const shards: BuiltShard[] = [];
  for (const [i, [start, end]] of slices.entries()) {
    const slice = posts.slice(start, end);
    const index = indexes[i];
    if (!index || index.slugs.length !== slice.length || slice.some((post, k) => post.slug !== index.slugs[k]))
      throw new Error(`The index of search shard ${i + 1} was made from other posts than the shard's.`);
    const shown = JSON.stringify(
      slice.map(({ slug, title, date, tags, summary, hash }) => ({ slug, title, date, tags, summary, hash })),
    );
    // A SearchShard, `{ posts, index }`, with the index's JSON as it was made.
    const [head, tail] = [`{"posts":${shown},"index":`, '}'];
    const text = () => head + index.text() + tail;
    const nameKey = `${sha(`${index.key}\0${shown}`)}.hash`;
    let hash = cache?.get(nameKey);
    if (hash === undefined) {
      // From the index's bytes, with no string made: making each shard's text to hash it was about a second of the
      // main thread's time at 10,000 posts, and hundreds of MB for its collector, beside the page writes.
      hash = hashOfDigest(createHash('sha256').update(head).update(index.bytes()).update(tail).digest());
      cache?.set(nameKey, hash);
    }
    const bytes = () => Buffer.concat([Buffer.from(head), index.bytes(), Buffer.from(tail)]);
    shards.push({ hash, text, bytes, terms: index.terms });
  }
  if (indexes.length !== slices.length)
    throw new Error(`The search index has ${indexes.length} shards' indexes for ${slices.length} shards.`);
  return shards;
}

/** The search index of `posts` (newest first): its shards' indexes (shardIndexes), then the shards (nameShards). */
export async function searchShards(
  posts: readonly ShardPost[],
  cache?: ShardCache,
  build?: (missing: ShardJob[]) => Promise<void>,
): Promise<BuiltShard[]> {
  return nameShards(posts, await shardIndexes(posts, cache, build), cache);
}
