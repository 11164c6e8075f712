import type { Article, PostMeta } from '../../src/shared/types.ts';

const meta = (slug: string, date: string, tags: string[], extra: Partial<PostMeta> = {}): PostMeta => ({
  slug,
  title: `Title of ${slug}`,
  date,
  tags,
  summary: `Summary of ${slug}.`,
  words: 1200,
  minutes: 5,
  hash: `${slug.replace(/[^a-z]/g, '').slice(0, 6)}000000`,
  article: `articles/${slug}.json`,
  bytes: 1000,
  ...extra,
});

/** Three posts, newest first, as the index holds them. */
export const POSTS: PostMeta[] = [
  meta('epoll', '2026-07-28', ['networking'], { title: 'How epoll Actually Works', minutes: 9 }),
  meta('futex', '2026-06-10', ['threading', 'linux'], { updated: '2026-07-01' }),
  meta('packets', '2026-05-01', ['networking']),
];

/** The article of a post, with a table of contents long enough to be shown. */
export const articleOf = (post: PostMeta): Article => ({
  slug: post.slug,
  hash: post.hash,
  html: `<h2 id="h-one">One</h2><p>Body of ${post.slug}.</p><h2 id="h-two">Two</h2><h3 id="h-three">Three</h3>`,
  toc: [
    { id: 'h-one', text: 'One', level: 2 },
    { id: 'h-two', text: 'Two', level: 2 },
    { id: 'h-three', text: 'Three', level: 3 },
  ],
});
