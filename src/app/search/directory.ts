import { isTermsChunk, normalize, prefixSearched, queryWords, type TermsChunk } from '../../shared/search.ts';
import type { IndexManifest } from '../../shared/types.ts';
import { indexFile } from '../list-source.ts';

/** Shards by number from the oldest, or every shard. */
type Shards = Set<number> | 'all';

const union = (a: Shards, b: Shards): Shards => (a === 'all' || b === 'all' ? 'all' : new Set([...a, ...b]));
const intersection = (a: Shards, b: Shards): Shards =>
  a === 'all' ? b : b === 'all' ? a : new Set([...a].filter((n) => b.has(n)));

// Directory files in memory by name (immutable: the name carries the hash).
const files = new Map<string, TermsChunk>();

async function termsFile(name: string): Promise<TermsChunk> {
  const known = files.get(name);
  if (known) return known;
  const chunk = await indexFile(name);
  if (!isTermsChunk(chunk)) throw new Error('A file of the term directory is damaged.');
  files.set(name, chunk);
  return chunk;
}

/** The shards that hold `term` (or, searched as a prefix, a term it starts), from the term directory. */
async function shardsWith(directory: NonNullable<IndexManifest['terms']>, term: string, prefix: boolean) {
  // The files whose range can hold the term: the last that starts at or before it, and for a prefix, the next ones
  // while they start with it.
  let at = -1;
  for (const [i, { from }] of directory.entries()) if (from <= term) at = i;
  let found: Shards = new Set();
  for (let i = Math.max(0, at); i < directory.length; i++) {
    if (i > at && !(prefix && directory[i]!.from.startsWith(term))) break;
    const chunk = await termsFile(directory[i]!.file);
    for (const [t, shards] of Object.entries(chunk.terms))
      if (t === term || (prefix && t.startsWith(term))) found = union(found, shards === 0 ? 'all' : new Set(shards));
  }
  return found;
}

/**
 * The shards that can hold a match for `q`, by the term directory: what the query asks (see queryOf), asked of the
 * directory instead of the index. Null when every shard must be looked through: a manifest from before the directory,
 * or a directory file that cannot be had (offline, not on the device).
 */
export async function shardsToSearch(m: IndexManifest, q: string): Promise<Set<number> | null> {
  const directory = m.terms;
  // One shard is loaded whatever the directory says.
  if (!directory || directory.length === 0 || m.search.length <= 1) return null;
  try {
    let all: Shards = 'all';
    for (const word of queryWords(q)) {
      const whole = normalize(word.whole)!;
      let any = await shardsWith(directory, whole, prefixSearched(whole));
      if (word.parts.length > 0) {
        let parts: Shards = 'all';
        for (const part of word.parts.map(normalize))
          if (part) parts = intersection(parts, await shardsWith(directory, part, false));
        any = union(any, parts);
      }
      all = intersection(all, any);
    }
    return all === 'all' ? null : all;
  } catch {
    return null;
  }
}
