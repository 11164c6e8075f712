import type { PostRef } from './types.ts';
import { isObject } from './guards.ts';

/** What the reader keeps on the device, besides bookmarked posts and posts they are reading, which are always kept. */
export type OfflinePolicy =
  | { mode: 'auto' }
  | { mode: 'all' }
  | { mode: 'budget'; bytes: number }
  | { mode: 'tags'; tags: string[] }
  | { mode: 'none' };

/** The default budget: the whole blog while it fits, else the newest posts up to it. */
export const DEFAULT_BUDGET = 50 * 1024 * 1024;

export const DEFAULT_POLICY: OfflinePolicy = { mode: 'auto' };

/** A stored or posted policy, checked; anything else is the default. */
export function asPolicy(v: unknown): OfflinePolicy {
  if (!isObject(v)) return DEFAULT_POLICY;
  if (v.mode === 'auto' || v.mode === 'all' || v.mode === 'none') return { mode: v.mode };
  if (v.mode === 'budget' && typeof v.bytes === 'number' && v.bytes >= 0) return { mode: 'budget', bytes: v.bytes };
  if (v.mode === 'tags' && Array.isArray(v.tags) && v.tags.every((t) => typeof t === 'string')) {
    return { mode: 'tags', tags: v.tags };
  }
  return DEFAULT_POLICY;
}

/**
 * The slugs to keep on the device, from the posts newest first: what the policy picks, plus every post in `always`
 * (bookmarked, or with a reading position) that is still on the blog or already saved.
 */
export function chooseOfflineSet(posts: readonly PostRef[], policy: OfflinePolicy, always: ReadonlySet<string>) {
  const picked = new Set<string>();
  const total = posts.reduce((sum, p) => sum + p.bytes, 0);
  const budget =
    policy.mode === 'budget' ? policy.bytes : policy.mode === 'auto' && total > DEFAULT_BUDGET ? DEFAULT_BUDGET : null;
  let used = 0;
  for (const post of posts) {
    if (always.has(post.slug)) continue; // counted below, not against the budget
    if (policy.mode === 'none') break;
    if (policy.mode === 'tags' && !post.tags.some((t) => policy.tags.includes(t))) continue;
    if (budget !== null) {
      if (used + post.bytes > budget) break;
      used += post.bytes;
    }
    picked.add(post.slug);
  }
  for (const slug of always) picked.add(slug);
  return picked;
}
