import { LISTED_SHARDS, TERMS_PER_CHUNK, type TermsChunk } from '../shared/search.ts';

/**
 * The term directory (see TermsChunk) from each shard's terms, shards newest first as the manifest lists them: the
 * terms sorted and cut into files of TERMS_PER_CHUNK, each file with its first term, so a search finds the one file a
 * term is in without loading the others.
 */
export function termDirectory(shardTerms: readonly (readonly string[])[]): { from: string; chunk: TermsChunk }[] {
  const shards = new Map<string, number[]>();
  shardTerms.forEach((terms, i) => {
    const fromOldest = shardTerms.length - 1 - i;
    for (const term of terms) {
      const list = shards.get(term);
      if (list) list.push(fromOldest);
      else shards.set(term, [fromOldest]);
    }
  });
  // Sorted by UTF-16 code units, as the page compares strings when it looks a term up.
  const sorted = [...shards.keys()].sort();
  const out: { from: string; chunk: TermsChunk }[] = [];
  for (let i = 0; i < sorted.length; i += TERMS_PER_CHUNK) {
    const slice = sorted.slice(i, i + TERMS_PER_CHUNK);
    const terms: TermsChunk['terms'] = {};
    for (const term of slice) {
      const list = shards.get(term)!;
      // defineProperty: a term may be `__proto__`, which an assignment would not make a key.
      Object.defineProperty(terms, term, {
        value: list.length > LISTED_SHARDS ? 0 : list.sort((a, b) => a - b),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    out.push({ from: slice[0]!, chunk: { terms } });
  }
  return out;
}
