import type { AsPlainObject, Options, Query, SearchOptions } from 'minisearch';
import { isObject, isString, isStrings } from './guards.ts';
import { GUTTERS } from './listing.ts';
import type { PostMeta } from './types.ts';

/**
 * How the blog is searched: one owner for the tokenizer, the stemmer and the index's fields, used by the build that
 * makes the index and by the page that queries it (the same rules on both sides, or nothing would match).
 *
 * A systems reader searches for symbols: `bpf_ringbuf_reserve`, `FUTEX_WAKE`, `memory.max`, `epoll_wait(2)`,
 * `0x55AA`. An identifier is indexed whole and as its parts (split at `_ . - ( )` and camelCase), so the whole name,
 * one part, or several parts find it; the whole name ranks first. Plain words are stemmed lightly ("scheduling" and
 * "schedule" meet); identifiers and their parts never are. Case never matters.
 */

/** One section of a post: the part under one heading (or before the first). */
export interface SearchDoc {
  /** `slug#heading-id`; `slug#` for the text before the first heading. */
  id: string;
  slug: string;
  /** The heading's id (the anchor to link to), empty for the start of the post. */
  hid: string;
  heading: string;
  title: string;
  tags: string;
  text: string;
}

/** The fields a result carries; the rest is looked up in the post. */
export type SearchHit = Pick<SearchDoc, 'slug' | 'hid' | 'heading'>;

/** What a result shows of its post, carried by the shard that found it. */
export type SearchPost = Pick<PostMeta, 'slug' | 'title' | 'date' | 'tags' | 'summary' | 'hash'>;

/** One file of the search index: the posts it covers and the index of their sections. */
export interface SearchShard {
  posts: SearchPost[];
  index: AsPlainObject;
}

const isSearchPost = (v: unknown): v is SearchPost =>
  isObject(v) &&
  isString(v.slug) &&
  isString(v.title) &&
  isString(v.date) &&
  isStrings(v.tags) &&
  isString(v.summary) &&
  isString(v.hash);

/** A shard as it arrived: its index is checked by MiniSearch when loaded, its posts here. */
export const isSearchShard = (v: unknown): v is SearchShard =>
  isObject(v) && Array.isArray(v.posts) && v.posts.every(isSearchPost) && isObject(v.index);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi;
/** What a named entity decodes to; none for a name it does not know (`&constructor;` included). */
const decodeNamed = (name: string): string | undefined => {
  const key = name.toLowerCase();
  return Object.hasOwn(ENTITIES, key) ? ENTITIES[key] : undefined;
};
const NAMED_ENTITY = /&([a-z]+);/iy;

/** Article HTML without its listings' line numbers (see GUTTERS). */
const withoutGutters = (html: string): string => (html.includes('class="gutter"') ? html.replace(GUTTERS, ' ') : html);

/** The text of sanitized article HTML: listings' line numbers and tags dropped, entities decoded, spaces folded. */
export function textOf(html: string): string {
  // The index is built from tens of MB of HTML: each pass is skipped where it has nothing to do.
  let text = withoutGutters(html).replace(/<[^>]*>/g, ' ');
  if (text.includes('&'))
    text = text.replace(ENTITY, (m, e: string) =>
      e.startsWith('#x') || e.startsWith('#X')
        ? String.fromCodePoint(parseInt(e.slice(2), 16))
        : e.startsWith('#')
          ? String.fromCodePoint(Number(e.slice(1)))
          : (decodeNamed(e) ?? m),
    );
  // Every run of white space as one space; a lone space is left as it is (most of them: replacing each with itself was
  // most of this function's time).
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/**
 * The length of the named entity at `at` in some HTML (which has an `&` there) that textOf decodes, or 0 for an `&`
 * that stays as it is. Every one textOf knows decodes to a character no word has: for the words, it is a break
 * between two, as a tag is (which the index's scanner, src/build/search-index.ts, relies on; checked here).
 */
export function entityAt(html: string, at: number): number {
  NAMED_ENTITY.lastIndex = at;
  const m = NAMED_ENTITY.exec(html);
  const text = m ? decodeNamed(m[1]!) : undefined;
  if (text === undefined) return 0;
  if (isWordChar(text)) throw new Error(`The entity ${m![0]} decodes to a word's character, not to a break.`);
  return m![0].length;
}

/** Tags and white space at the start of some HTML: where its text, if any, starts. */
const BLANK_START = /(?:<[^>]*>|\s)*/y;

/** Whether some HTML (without gutters) has any text: textOf(html) !== '', without making the text when it can tell. */
function hasText(html: string): boolean {
  BLANK_START.lastIndex = 0;
  BLANK_START.test(html);
  const start = BLANK_START.lastIndex;
  if (start === html.length) return false;
  // An entity may decode to white space.
  return html[start] === '&' ? textOf(html) !== '' : true;
}

const HEADING = /^<h([23]) id="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/;
const SECTION_START = /<h[23] id="/g;

/**
 * A post cut into the sections under its `##` and `###` headings, and the text before the first. With `html` a
 * section's text is its HTML (without its listings' line numbers) rather than its text: what the index reads, with a
 * scanner of its own (src/build/search-index.ts) that finds the same words in it; the index stores the headings (always
 * text) but not the text. The page's excerpts read the text.
 */
export function sectionsOf(
  post: { slug: string; title: string; tags: string[]; html: string },
  { html: asHtml = false }: { html?: boolean } = {},
): SearchDoc[] {
  const docs: SearchDoc[] = [];
  const { html } = post;
  const tags = post.tags.join(' ');
  // Where each section starts (found by its literal start, which is quicker than splitting at a lookahead).
  const starts = [0];
  for (const m of html.matchAll(SECTION_START)) if (m.index > 0) starts.push(m.index);
  for (const [i, start] of starts.entries()) {
    const part = html.slice(start, starts[i + 1]);
    const m = HEADING.exec(part);
    const hid = m?.[2] ?? '';
    const heading = m ? textOf(m[3] ?? '') : '';
    const body = m ? part.slice(m[0].length) : part;
    const text = asHtml ? withoutGutters(body) : textOf(body);
    if (!heading && !(asHtml ? hasText(text) : text)) continue;
    docs.push({
      id: `${post.slug}#${hid}`,
      slug: post.slug,
      hid,
      heading,
      title: post.title,
      tags,
      text,
    });
  }
  return docs;
}

/**
 * One file of the term directory, which tells a search which shards to load: for every index term in the file's
 * range (terms as the index keeps them, stemmed), the shards that hold it, numbered from the oldest shard so that
 * publishing a post renumbers none; or 0 for a term in more than LISTED_SHARDS shards, which the newest shards
 * find without help. Without it a word in one old post would cost every shard of the blog.
 */
export interface TermsChunk {
  terms: Record<string, number[] | 0>;
}

/** Terms per directory file. */
export const TERMS_PER_CHUNK = 4000;

/** A term in more shards than this is listed as common (0). */
export const LISTED_SHARDS = 16;

export const isTermsChunk = (v: unknown): v is TermsChunk =>
  isObject(v) &&
  isObject(v.terms) &&
  Object.values(v.terms).every((s) => s === 0 || (Array.isArray(s) && s.every((n) => Number.isInteger(n) && n >= 0)));

/** Posts per index shard: a shard is a file the page loads whole, newest posts first. */
export const SEARCH_SHARD_POSTS = 50;

/**
 * Which posts each shard covers, as [start, end) in the newest-first order of the home list, newest shard first.
 * Shards are cut from the oldest post, so publishing a post changes only the newest shard (the rest keep their
 * files, and the build its cached work); the newest shard holds what is left over.
 */
export function shardSlices(total: number): [start: number, end: number][] {
  const slices: [number, number][] = [];
  // The k-th shard from the oldest holds the posts k*S .. (k+1)*S counted from the oldest.
  for (let fromOldest = 0; fromOldest < total; fromOldest += SEARCH_SHARD_POSTS)
    slices.push([Math.max(0, total - fromOldest - SEARCH_SHARD_POSTS), total - fromOldest]);
  return slices.reverse();
}

const WORD = /[\p{L}\p{N}_.()-]+/gu;
let wordChar: RegExp | undefined;
/** Whether `char` (one character) is one a word is made of: a word is a run of them, as WORD finds it. */
export const isWordChar = (char: string): boolean =>
  (wordChar ??= new RegExp(`^${WORD.source.slice(0, -'+'.length)}$`, 'u')).test(char);
const PLAIN = /^[\p{L}\p{N}]+$/u;
const SEPARATORS = /[_.()-]+/;
const CAMEL = /(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/;

/** A token as typed or written: the whole of it, and its parts when it is an identifier. */
export interface Token {
  whole: string;
  parts: string[];
}

/** Strip what clings to a word in prose: a full stop, an opening bracket, an unmatched closing one. */
function trim(raw: string): string {
  let w = raw;
  for (let before = ''; before !== w;) {
    before = w;
    w = w.replace(/^[.(-]+/, '').replace(/[.-]+$/, '');
    const count = (c: string) => w.split(c).length - 1;
    if (w.endsWith(')') && count('(') < count(')')) w = w.slice(0, -1);
    if (w.endsWith('(')) w = w.slice(0, -1);
  }
  return w;
}

/**
 * Each word of `text` where it stands, as the tokenizer reads it (the punctuation prose puts around it left out): what
 * an excerpt marks, so a mark covers `bpf_ringbuf_reserve` and not the `(&events,` written after it.
 */
export function wordSpans(text: string): { start: number; word: string }[] {
  const out: { start: number; word: string }[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = trim(m[0]);
    // trim only takes from the ends, so the word is where it was found, after what was taken from the start.
    if (word) out.push({ start: m.index + m[0].indexOf(word), word });
  }
  return out;
}

/** The words of `text` as indexed: an identifier whole with its parts, plain words lower-cased. */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const raw of text.match(WORD) ?? []) {
    if (PLAIN.test(raw) && !CAMEL.test(raw)) {
      out.push({ whole: raw.toLowerCase(), parts: [] });
      continue;
    }
    const word = trim(raw);
    if (!word) continue;
    const whole = word.toLowerCase();
    const parts = word
      .split(SEPARATORS)
      .flatMap((p) => p.split(CAMEL))
      .filter(Boolean)
      .map((p) => p.toLowerCase());
    out.push({ whole, parts: parts.length > 1 || parts[0] !== whole ? parts : [] });
  }
  return out;
}

const STOP = new Set(
  'a an and are as at be by for from has in is it its of on or that the this to was were will with'.split(' '),
);

/** A light English stemmer for plain words; anything with a digit or a separator is returned as it is. */
export function normalize(term: string): string | null {
  const t = term.toLowerCase();
  if (STOP.has(t)) return null;
  if (!/^[a-z]+$/.test(t) || t.length < 4) return t;
  let s = t;
  for (const suffix of ['ings', 'ing', 'ers', 'er', 'ed', 'es', 's', 'e']) {
    if (s.endsWith(suffix) && s.length - suffix.length >= 3 && !(suffix === 's' && s.endsWith('ss'))) {
      s = s.slice(0, -suffix.length);
      break;
    }
  }
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1);
  // "mapping" and "map", "running" and "run": one of a doubled final consonant.
  if (/([b-df-hj-np-rtv-z])\1$/.test(s) && !/(ll|ss|zz)$/.test(s)) s = s.slice(0, -1);
  return s;
}

export const SEARCH_FIELDS = ['title', 'heading', 'tags', 'text'] as const;

/** The words of `text` as written, each indexed as the terms `wordTerms` gives. */
const wordsOf = (text: string): string[] => text.match(WORD) ?? [];

/**
 * The terms one word as written is indexed as: whole, then its parts, each normalized (stemmed; stop words left out).
 * A blog's vocabulary is small beside its words, so each distinct word is read once: the build indexes millions of
 * words, mostly repeats. Normalized here rather than in MiniSearch's `processTerm`, so the stop words (a quarter of
 * prose) never reach the index's per-word work, and a field's length counts the terms it is indexed by.
 */
function wordTerms(raw: string): string[] {
  let terms = termMemo.get(raw);
  if (!terms) {
    terms = [];
    for (const t of tokens(raw))
      for (const term of [t.whole, ...t.parts]) {
        const n = normalize(term);
        if (n !== null) terms.push(n);
      }
    if (termMemo.size >= MEMO_LIMIT) termMemo.clear();
    termMemo.set(raw, terms);
  }
  return terms;
}

const MEMO_LIMIT = 200_000;
const termMemo = new Map<string, string[]>();

/** The terms a text is indexed as (see wordTerms). */
const indexTerms = (text: string): string[] => wordsOf(text).flatMap(wordTerms);

/** The index's options: the same object in the build (to make it) and in the page (to load it). */
export const SEARCH_OPTIONS = {
  idField: 'id',
  fields: [...SEARCH_FIELDS],
  storeFields: ['slug', 'hid', 'heading'] satisfies (keyof SearchHit)[],
  tokenize: indexTerms,
  // indexTerms has normalized each term.
  processTerm: (term: string): string | null => term,
  // Queries are made into trees by `queryOf`; each of their terms arrives alone.
  searchOptions: { tokenize: (text: string) => [text], processTerm: normalize },
} satisfies Options<SearchDoc>;

/** Whether a query term also finds the longer terms it starts: `sched` finds `scheduler`, `io` not `ioctl`. */
export const prefixSearched = (term: string): boolean => term.length >= 4;

/** A title match counts most, then a heading, then a tag, then the body. */
export const SEARCH_BOOST: SearchOptions = {
  boost: { title: 3, heading: 2.5, tags: 1.5 },
  prefix: prefixSearched,
  fuzzy: false,
};

/**
 * The words of what the reader typed that a query looks for (stop words left out). `epoll_wait(2)` is `epoll_wait`:
 * the manual section is how people write it, not part of it.
 */
export const queryWords = (input: string): Token[] =>
  tokens(input.replace(/\((\d)\)/g, ' ')).filter((t) => normalize(t.whole) !== null);

/**
 * What the reader typed, as a query: every word must match; an identifier matches as a whole (ranked far first) or
 * as all of its parts.
 */
export function queryOf(input: string): Query | null {
  const words = queryWords(input);
  if (words.length === 0) return null;
  return {
    combineWith: 'AND',
    queries: words.map((t) =>
      t.parts.length > 0
        ? {
            combineWith: 'OR',
            queries: [
              { queries: [t.whole], boostTerm: () => 5 },
              { combineWith: 'AND', queries: t.parts, prefix: false },
            ],
          }
        : t.whole,
    ),
  };
}

/** The words to mark in an excerpt: identifiers whole, their parts, and plain words, each as the index keeps it. */
export function markTerms(input: string): { identifiers: string[]; parts: string[]; words: string[] } {
  const identifiers = new Set<string>();
  const parts = new Set<string>();
  const words = new Set<string>();
  for (const t of tokens(input.replace(/\((\d)\)/g, ' '))) {
    if (t.parts.length === 0) {
      const n = normalize(t.whole);
      if (n) words.add(n);
      continue;
    }
    identifiers.add(t.whole);
    for (const p of t.parts) {
      const n = normalize(p);
      if (n) parts.add(n);
    }
  }
  return { identifiers: [...identifiers], parts: [...parts], words: [...words] };
}
