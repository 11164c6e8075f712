import MiniSearch from 'minisearch';
import {
  isSearchShard,
  markTerms,
  normalize,
  queryOf,
  SEARCH_BOOST,
  SEARCH_OPTIONS,
  type SearchDoc,
  type SearchHit,
  type SearchPost,
  sectionsOf,
  shardSlices,
  tokens,
  wordSpans,
} from '../../shared/search.ts';
import { fetchArticle } from '../article-source.ts';
import { indexFile, manifest } from '../list-source.ts';
import { shardsToSearch } from './directory.ts';

/** A post that matched, with its best sections, best first. */
export interface PostResult {
  post: SearchPost;
  score: number;
  sections: (SearchHit & { score: number })[];
}

export interface SearchState {
  query: string;
  results: PostResult[];
  /** Posts searched so far, and on the blog. */
  searched: number;
  total: number;
  /** Shards that could not be had (offline, not kept on the device). */
  unavailable: number;
  done: boolean;
  /** Why the search could not run at all. */
  error?: string;
  /** Enough was found in the newest posts: older shards were not fetched. */
  partial?: boolean;
}

interface Shard {
  posts: Map<string, SearchPost>;
  index: MiniSearch<SearchDoc>;
}

// Shards in memory by file name (immutable: the name carries the hash), and the requests under way.
const shards = new Map<string, Shard>();
const loading = new Map<string, Promise<Shard | null>>();

function loadShard(name: string): Promise<Shard | null> {
  let request = loading.get(name);
  if (!request) {
    request = (async () => {
      try {
        const value = await indexFile(name);
        if (!isSearchShard(value)) return null;
        const shard = {
          posts: new Map(value.posts.map((p) => [p.slug, p])),
          index: MiniSearch.loadJS<SearchDoc>(value.index, SEARCH_OPTIONS),
        };
        shards.set(name, shard);
        return shard;
      } catch {
        return null; // offline and not on the device: the search says how much it could not look through
      } finally {
        loading.delete(name);
      }
    })();
    loading.set(name, request);
  }
  return request;
}

/** The results of one shard, grouped by post. */
function searchShard(shard: Shard, q: string): PostResult[] {
  const query = queryOf(q);
  if (!query) return [];
  const byPost = new Map<string, PostResult>();
  for (const hit of shard.index.search(query, SEARCH_BOOST)) {
    const { slug, hid, heading } = hit as unknown as SearchHit;
    const post = shard.posts.get(slug);
    if (!post) continue;
    const result = byPost.get(slug) ?? { post, score: 0, sections: [] };
    result.sections.push({ slug, hid, heading, score: hit.score });
    // A post ranks by its best section, helped a little by the others.
    result.score = Math.max(result.score, hit.score) + hit.score * 0.1;
    byPost.set(slug, result);
  }
  return [...byPost.values()];
}

/** Posts found after which no further shard is fetched, unless the reader asks to search them all. */
export const ENOUGH = 20;

/**
 * Search the posts newest shards first, telling `onUpdate` after each shard arrives so the first results show before
 * the last shard is loaded; shards already in memory answer in one step. Once `enough` posts are found no further
 * shard is fetched (the state says `partial`): on a big blog a first query costs one or two shards, not the whole
 * index, and the reader can ask for the rest. Stops when `isCurrent()` turns false (the reader typed on).
 */
export async function searchPosts(
  q: string,
  onUpdate: (state: SearchState) => void,
  isCurrent: () => boolean = () => true,
  enough = ENOUGH,
): Promise<void> {
  const m = await manifest();
  const state: SearchState = { query: q, results: [], searched: 0, total: m.total, unavailable: 0, done: false };
  // Only the shards the directory names are loaded.
  const candidates = await shardsToSearch(m, q);
  if (!isCurrent()) return;
  const sizes = shardSlices(m.total).map(([start, end]) => end - start);
  const found: PostResult[] = [];
  const report = () => {
    if (!isCurrent()) return;
    state.results = [...found].sort((a, b) => b.score - a.score);
    onUpdate({ ...state });
  };
  for (const [i, name] of m.search.entries()) {
    if (candidates && !candidates.has(m.search.length - 1 - i)) {
      state.searched += sizes[i] ?? 0; // no post of this shard has every word
      continue;
    }
    const cached = shards.get(name);
    if (!cached && found.length >= enough) {
      state.partial = true;
      continue;
    }
    const shard = cached ?? (await loadShard(name));
    if (!isCurrent()) return;
    if (shard) {
      found.push(...searchShard(shard, q));
      state.searched += shard.posts.size;
    } else state.unavailable += 1;
    if (!cached) report();
  }
  // Nothing found, perhaps nothing loaded: "no results" suggests close spellings from the shards in memory, so the
  // newest is loaded for them.
  const newest = m.search[0];
  if (found.length === 0 && newest !== undefined && !shards.has(newest)) await loadShard(newest);
  if (!isCurrent()) return;
  state.done = true;
  report();
}

/** Words the index knows that look like what was typed, for "no results". */
export function suggestions(q: string): string[] {
  const seen = new Map<string, number>();
  for (const shard of shards.values()) {
    for (const s of shard.index.autoSuggest(q, { fuzzy: 0.25, prefix: true, combineWith: 'OR' }).slice(0, 5))
      seen.set(s.suggestion, Math.max(seen.get(s.suggestion) ?? 0, s.score));
  }
  return [...seen]
    .sort((a, b) => b[1] - a[1])
    .map(([s]) => s)
    .filter((s) => s !== q.toLowerCase())
    .slice(0, 3);
}

/** A run of excerpt text, marked or not. */
export type Excerpt = { text: string; mark: boolean }[];

const EXCERPT_CHARS = 180;

/**
 * The words of a section around the first match, each matching word marked. Where the section has a typed
 * identifier whole, that is what is marked (with the plain words); else the identifier's parts are.
 */
export function excerptOf(text: string, q: string): Excerpt {
  const { identifiers, parts, words: plain } = markTerms(q);
  const stems = (word: string) =>
    tokens(word).flatMap((t) => [t.whole, ...t.parts].map(normalize).filter((n): n is string => n !== null));
  const like = (terms: string[]) => (word: string) =>
    stems(word).some((n) => terms.some((term) => n === term || (term.length >= 4 && n.startsWith(term))));
  const whole = (word: string) => tokens(word).some((t) => identifiers.includes(t.whole));
  const words = text.split(/(\s+)/);
  const hasWhole = identifiers.length > 0 && words.some(whole);
  const loose = like(hasWhole ? plain : [...parts, ...plain]);
  const matches = (word: string) => /\S/.test(word) && ((hasWhole && whole(word)) || loose(word));
  let first = words.findIndex(hasWhole ? whole : matches);
  if (first < 0) first = 0;
  // Start a little before the first match, on a word.
  let start = first;
  let before = 0;
  while (start > 0 && before < EXCERPT_CHARS / 3) before += words[--start]!.length;
  const out: Excerpt = start > 0 ? [{ text: '… ', mark: false }] : [];
  let length = 0;
  let i = start;
  for (; i < words.length && length < EXCERPT_CHARS; i++) {
    const w = words[i]!;
    length += w.length;
    for (const run of matches(w) ? markedRuns(w, matches) : [{ text: w, mark: false }]) {
      const last = out[out.length - 1];
      if (last && !last.mark && !run.mark) last.text += run.text;
      else out.push(run);
    }
  }
  if (i < words.length) out.push({ text: ' …', mark: false });
  return out;
}

/** A matching run of text cut so that only its matching words are marked, not the punctuation or code around them. */
function markedRuns(w: string, matches: (word: string) => boolean): Excerpt {
  const runs: Excerpt = [];
  let at = 0;
  for (const { start, word } of wordSpans(w)) {
    if (!matches(word)) continue;
    if (start > at) runs.push({ text: w.slice(at, start), mark: false });
    runs.push({ text: word, mark: true });
    at = start + word.length;
  }
  if (at < w.length) runs.push({ text: w.slice(at), mark: false });
  return runs;
}

/** The text of a post's section, from the article on the device or the network; undefined when it cannot be had. */
export async function sectionText(post: SearchPost, hid: string): Promise<string | undefined> {
  try {
    const result = await fetchArticle(post.slug);
    if (!result) return undefined;
    return sectionsOf(result.article).find((s) => s.hid === hid)?.text;
  } catch {
    return undefined;
  }
}
