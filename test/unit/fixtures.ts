import { vi } from 'vitest';
import { rememberList, rememberManifest } from '../../src/app/list-source.ts';
import type { BuiltPost } from '../../src/build/content.ts';
import { buildSiteIndex } from '../../src/build/site-index.ts';
import type { Article, IndexManifest, PostMeta } from '../../src/shared/types.ts';

/** The manifest name the test config gives `virtual:index-manifest`. */
export const MANIFEST = 'index/manifest.000000000000.json';

const built = (slug: string, date: string, tags: string[], extra: Partial<BuiltPost['meta']> = {}): BuiltPost => ({
  meta: { slug, title: `Title of ${slug}`, date, tags, summary: `Summary of ${slug}.`, minutes: 5, ...extra },
  html: `<h2 id="h-one">One</h2><p>Body of ${slug}.</p><h2 id="h-two">Two</h2><h3 id="h-three">Three</h3>`,
  toc: [
    { id: 'h-one', text: 'One', level: 2 },
    { id: 'h-two', text: 'Two', level: 2 },
    { id: 'h-three', text: 'Three', level: 3 },
  ],
  words: 1200,
  draft: false,
  file: `${slug}.md`,
  fences: [],
});

/** A three-post blog as the build makes it: payloads, list chunks and manifest, with real hashes. */
export const SITE = await buildSiteIndex([
  built('epoll', '2026-07-28', ['networking'], { title: 'How epoll Actually Works', minutes: 9 }),
  built('futex', '2026-06-10', ['threading', 'linux'], { updated: '2026-07-01' }),
  built('packets', '2026-05-01', ['networking']),
]);

/** The posts, newest first, as the index holds them. */
export const POSTS: PostMeta[] = SITE.posts;

/** The article of a post, as its payload carries it. */
export const articleOf = (post: Pick<PostMeta, 'slug'>): Article => SITE.articles.get(post.slug)!.article;

/** The payload text of a post, as served. */
export const payloadOf = (post: Pick<PostMeta, 'slug'>): string => SITE.articles.get(post.slug)!.file.text;

/** Put the lists in the page's memory, as the prerendered page and its chunk would. */
export function seedLists(): void {
  rememberManifest(MANIFEST, JSON.parse(SITE.manifest.text) as IndexManifest);
  for (const page of SITE.home) rememberList({ kind: 'home', page: page.chunk.page }, page.fileName, page.chunk);
  for (const [tag, pages] of SITE.tags) {
    for (const page of pages) rememberList({ kind: 'tag', tag, page: page.chunk.page }, page.fileName, page.chunk);
  }
}

/** Serve the blog's files to `fetch` (articles and index files by URL); `respond` may answer first. */
export function serveSite(respond?: (url: string) => Response | undefined) {
  const files = new Map<string, string>([
    ...[...SITE.chunks, ...SITE.search].map((c) => [`/${c.fileName}`, c.text] as const),
    [`/${SITE.manifest.fileName}`, SITE.manifest.text],
    ['/index/latest.json', JSON.stringify({ manifest: SITE.manifest.fileName })],
    ...[...SITE.articles.values()].map((a) => [`/${a.file.fileName}`, a.file.text] as const),
  ]);
  const fetchMock = vi.fn((input: RequestInfo | URL) => {
    const url = String(input);
    const answer = respond?.(url);
    if (answer) return Promise.resolve(answer);
    const text = files.get(url);
    return Promise.resolve(text === undefined ? new Response('missing', { status: 404 }) : new Response(text));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}
