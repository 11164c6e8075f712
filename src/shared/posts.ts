import type { PostMeta } from './types.ts';

/** Every tag with how many posts carry it, most used first, then alphabetical. */
export function tagCounts(posts: readonly PostMeta[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const post of posts) for (const tag of post.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/** The posts that carry a tag, in index order (newest first). */
export const postsWithTag = (posts: readonly PostMeta[], tag: string): PostMeta[] =>
  posts.filter((p) => p.tags.includes(tag));

/** "1 post", "3 posts". */
export const countPosts = (n: number): string => `${n} post${n === 1 ? '' : 's'}`;

/** A date as a reader reads it, the same on server and client: "7 July 2026". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${d} ${months[(m ?? 1) - 1]} ${y}`;
}
