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

/**
 * A blog of `n` posts that all say "kernel" (the oldest also "zebra_stripe"), served by a fetch that records what was
 * asked; `directory: false` serves it without its term directory, as a host missing those files would.
 */
async function blog(n: number, { directory = true } = {}) {
  const posts: BuiltPost[] = Array.from({ length: n }, (_, i) => ({
    meta: {
      slug: `post-${i}`,
      title: `Post ${i}`,
      date: new Date(Date.UTC(2026, 0, 1) - i * 86_400_000).toISOString().slice(0, 10),
      tags: ['linux'],
      summary: 'About the kernel.',
      minutes: 1,
    },
    html: `<h2 id="h-a">A</h2><p>The kernel, post ${i}${i === n - 1 ? ', and the oldest word zebra_stripe' : ''}.</p>`,
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
    ...[...site.chunks, ...site.search, ...(directory ? site.terms : [])].map(
      (c) => [`/${c.fileName}`, c.text] as const,
    ),
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
  const { shardsToSearch } = await import('../../../src/app/search/directory.ts');
  return {
    site,
    shardsToSearch,
    asked,
    engine,
    shardsAsked: () => asked.filter((u) => u.includes('/index/search-')),
    termsAsked: () => asked.filter((u) => u.includes('/index/terms-')),
  };
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

  it('fetches only the shards the term directory names, painting after each', async () => {
    const { site, engine, shardsToSearch, shardsAsked, termsAsked } = await blog(120);
    const painted: number[] = [];
    await engine.searchPosts('zebra', (s) => painted.push(s.results.length));
    // "zebra" is in the oldest post only: the other shards are never fetched, yet counted as searched.
    expect(shardsAsked()).toEqual([`/${site.search[2]!.fileName}`]);
    expect(termsAsked()).toHaveLength(1);
    expect(painted).toEqual([1, 1]);

    // A prefix, an identifier's parts, and the identifier whole find the same shards; a word in no post costs one.
    for (const q of ['zebr', 'stripe zebra', 'zebra_stripe', 'ZEBRA_STRIPE kernel']) {
      const m = JSON.parse(site.manifest.text) as import('../../../src/shared/types.ts').IndexManifest;
      expect(await shardsToSearch(m, q), q).toEqual(new Set([0]));
    }
    // A word in no post: no shard to search, but the newest is loaded for "no results" to suggest spellings from.
    let last: { results: number; searched: number; done: boolean } | undefined;
    await engine.searchPosts(
      'kernal',
      (s) => (last = { results: s.results.length, searched: s.searched, done: s.done }),
    );
    expect(last).toEqual({ results: 0, searched: 120, done: true });
    expect(shardsAsked()).toEqual([`/${site.search[2]!.fileName}`, `/${site.search[0]!.fileName}`]);
    expect(engine.suggestions('kernal')).toContain('kernel');
  });

  it('looks through every shard when the term directory cannot be had', async () => {
    const { engine, shardsAsked, termsAsked } = await blog(120, { directory: false });
    const painted: number[] = [];
    await engine.searchPosts('zebra', (s) => painted.push(s.results.length));
    expect(termsAsked()).toHaveLength(1); // asked, not found
    expect(shardsAsked()).toHaveLength(3);
    expect(painted).toEqual([0, 0, 1, 1]);
  });
});
