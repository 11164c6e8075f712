import { deleteDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BuiltPost } from '../../../src/build/content.ts';
import { buildSiteIndex } from '../../../src/build/site-index.ts';
import { DB_NAME } from '../../../src/shared/db.ts';

afterEach(async () => {
  vi.unstubAllGlobals();
  await (await import('../../../src/app/storage.ts')).closePageDB();
  await deleteDB(DB_NAME);
});

/** A blog of `n` posts that all say "kernel", served by a fetch that records what was asked. */
async function blog(n: number) {
  const posts: BuiltPost[] = Array.from({ length: n }, (_, i) => ({
    meta: {
      slug: `post-${i}`,
      title: `Post ${i}`,
      date: new Date(Date.UTC(2026, 0, 1) - i * 86_400_000).toISOString().slice(0, 10),
      tags: ['linux'],
      summary: 'About the kernel.',
      minutes: 1,
    },
    html: `<h2 id="h-a">A</h2><p>The kernel, post ${i}${i === n - 1 ? ', and the oldest word zebra' : ''}.</p>`,
    toc: [],
    words: 5,
    draft: false,
    file: `post-${i}.md`,
    fences: [],
  }));
  const site = await buildSiteIndex(posts);
  const files = new Map<string, string>([
    ['/index/latest.json', JSON.stringify({ manifest: site.manifest.fileName })],
    [`/${site.manifest.fileName}`, site.manifest.text],
    ...[...site.chunks, ...site.search].map((c) => [`/${c.fileName}`, c.text] as const),
  ]);
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL) => {
      const url = String(input);
      asked.push(url);
      const text = files.get(url);
      return Promise.resolve(text === undefined ? new Response('', { status: 404 }) : new Response(text));
    }),
  );
  vi.resetModules();
  const engine = await import('../../../src/app/search/engine.ts');
  return { site, asked, engine, shardsAsked: () => asked.filter((u) => u.includes('/index/search-')) };
}

describe('searching a blog of several shards', () => {
  it('stops fetching shards once enough posts are found in the newest, and searches them all when asked', async () => {
    const { site, engine, shardsAsked } = await blog(120);
    expect(site.search).toHaveLength(3);
    const states: { results: number; partial?: boolean; done: boolean }[] = [];
    await engine.searchPosts('kernel', (s) =>
      states.push({ results: s.results.length, partial: s.partial, done: s.done }),
    );
    // The newest shard holds the 20 newest posts: enough; the older two are not fetched.
    expect(shardsAsked()).toEqual([`/${site.search[0]!.fileName}`]);
    expect(states.at(-1)).toEqual({ results: 20, partial: true, done: true });

    await engine.searchPosts(
      'kernel',
      (s) => states.push({ results: s.results.length, partial: s.partial, done: s.done }),
      () => true,
      Infinity,
    );
    expect(shardsAsked()).toHaveLength(3);
    expect(states.at(-1)).toEqual({ results: 120, partial: undefined, done: true });
  });

  it('goes on to older shards while too little is found, painting after each', async () => {
    const { engine, shardsAsked } = await blog(120);
    const painted: number[] = [];
    await engine.searchPosts('zebra', (s) => painted.push(s.results.length));
    expect(shardsAsked()).toHaveLength(3);
    expect(painted).toEqual([0, 0, 1, 1]);
  });
});
