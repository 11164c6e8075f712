import MiniSearch, { type AsPlainObject } from 'minisearch';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadContent } from '../../src/build/content.ts';
import {
  indexJson,
  nameShards,
  searchShards,
  shardCache,
  shardIndexes,
  type ShardJob,
  wordHash,
} from '../../src/build/search-index.ts';
import { termDirectory } from '../../src/build/search-terms.ts';
import { buildPool, runTasks } from '../../src/build/workers.ts';
import { gutter } from '../../src/shared/listing.ts';
import {
  markTerms,
  normalize,
  queryOf,
  SEARCH_BOOST,
  SEARCH_OPTIONS,
  type SearchDoc,
  type SearchShard,
  LISTED_SHARDS,
  sectionsOf,
  textOf,
  shardSlices,
  TERMS_PER_CHUNK,
  tokens,
} from '../../src/shared/search.ts';
import { excerptOf } from '../../src/app/search/engine.ts';
import { contentHash } from '../../src/shared/content-hash.ts';
import { ROOT } from './build-helper.ts';

describe('the tokenizer', () => {
  it('keeps identifiers whole and also gives their parts, lower-cased', () => {
    expect(tokens('bpf_ringbuf_reserve')).toEqual([
      { whole: 'bpf_ringbuf_reserve', parts: ['bpf', 'ringbuf', 'reserve'] },
    ]);
    expect(tokens('FUTEX_WAKE')).toEqual([{ whole: 'futex_wake', parts: ['futex', 'wake'] }]);
    expect(tokens('memory.max')).toEqual([{ whole: 'memory.max', parts: ['memory', 'max'] }]);
    expect(tokens('getAddrInfo')).toEqual([{ whole: 'getaddrinfo', parts: ['get', 'addr', 'info'] }]);
    expect(tokens('0x55AA')).toEqual([{ whole: '0x55aa', parts: [] }]);
  });

  it('drops the punctuation prose puts around words, but keeps a manual section', () => {
    expect(tokens('(see epoll_wait(2).)').map((t) => t.whole)).toEqual(['see', 'epoll_wait(2)']);
    expect(tokens('the end. Next').map((t) => t.whole)).toEqual(['the', 'end', 'next']);
  });

  it('stems plain words so forms meet, and never touches an identifier or a part with a digit', () => {
    for (const [a, b] of [
      ['scheduling', 'schedule'],
      ['scheduler', 'schedules'],
      ['locking', 'locks'],
      ['mapping', 'maps'],
      ['processes', 'process'],
      ['caches', 'cache'],
    ])
      expect(normalize(a!), `${a} ~ ${b}`).toBe(normalize(b!));
    expect(normalize('io_uring_enter')).toBe('io_uring_enter');
    expect(normalize('x86')).toBe('x86');
    expect(normalize('the')).toBeNull();
  });

  it('makes no query of stop words alone, and marks what a reader typed', () => {
    expect(queryOf('the of')).toBeNull();
    expect(markTerms('FUTEX_WAKE scheduling')).toEqual({
      identifiers: ['futex_wake'],
      parts: ['futex', normalize('wake')],
      words: [normalize('scheduling')],
    });
  });
});

describe('searching the real posts', () => {
  let index: MiniSearch<SearchDoc>;
  const search = (q: string) => index.search(queryOf(q)!, SEARCH_BOOST) as unknown as (SearchDoc & { score: number })[];
  /** The best section: "slug#heading-id". */
  const top = (q: string) => search(q)[0]?.id;
  const topPost = (q: string) => search(q)[0]?.slug;

  beforeAll(async () => {
    const { posts } = loadContent(path.join(ROOT, 'content/posts'), { drafts: false, fences: false });
    const [shard, ...more] = await searchShards(posts.map((p) => ({ ...p.meta, hash: 'x', html: p.html })));
    expect(more).toEqual([]); // ten posts: one shard
    index = MiniSearch.loadJS<SearchDoc>((JSON.parse(shard!.text()) as SearchShard).index, SEARCH_OPTIONS);
  });

  it('finds an eBPF helper by its whole name, one part, or several parts', () => {
    for (const q of ['bpf_ringbuf_reserve', 'ringbuf', 'ringbuf reserve', 'RINGBUF Reserve'])
      expect(top(q), q).toBe('ebpf-maps#h-bpf-map-type-ringbuf-streaming-events-to-user-space');
  });

  it('finds each identifier in the post and section that explains it', () => {
    expect(topPost('FUTEX_WAKE')).toBe('spinlocks-mutexes-futexes');
    expect(topPost('futex_wake')).toBe('spinlocks-mutexes-futexes');
    expect(topPost('io_uring_enter')).toBe('io-uring');
    expect(top('handle_mm_fault')).toMatch(/^page-fault-path#h-handle-mm-fault/);
    expect(topPost('0x55AA')).toBe('real-mode-bootloader');
    expect(topPost('epoll_wait(2)')).toBe('epoll-internals');
    expect(topPost('memory.max')).toBe('namespaces-cgroups');
    expect(top('EPOLLEXCLUSIVE')).toBe('epoll-internals#h-epollexclusive-and-the-thundering-herd');
    expect(top('thundering herd')).toBe('epoll-internals#h-epollexclusive-and-the-thundering-herd');
  });

  it('stems prose: "scheduling" finds posts that say "schedule" or "scheduler"', () => {
    const slugs = new Set(search('scheduling').map((r) => r.slug));
    expect(slugs.size).toBeGreaterThanOrEqual(3);
    expect(slugs).toContain('spinlocks-mutexes-futexes');
  });

  it('ranks a title above the body', () => {
    // "Futexes" is in one post's title, and mentioned in the body of others.
    const results = search('futexes');
    expect(new Set(results.map((r) => r.slug)).size).toBeGreaterThan(1);
    expect(results[0]?.slug).toBe('spinlocks-mutexes-futexes');
  });

  it('needs every typed word', () => {
    expect(search('ringbuf thundering')).toEqual([]);
  });

  it('marks the identifier whole in an excerpt when the section has it, else its parts', () => {
    const text = 'A futex word; FUTEX_WAKE wakes waiters. Nothing else.';
    expect(
      excerptOf(text, 'FUTEX_WAKE')
        .filter((p) => p.mark)
        .map((p) => p.text),
    ).toEqual(['FUTEX_WAKE']);
    expect(
      excerptOf('the futex wakes', 'FUTEX_WAKE')
        .filter((p) => p.mark)
        .map((p) => p.text),
    ).toEqual(['futex', 'wakes']);
  });

  it('marks the word alone, not the punctuation or code written against it', () => {
    const marked = (text: string, q: string) =>
      excerptOf(text, q)
        .filter((p) => p.mark)
        .map((p) => p.text);
    expect(marked('e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);', 'bpf_ringbuf_reserve')).toEqual([
      'bpf_ringbuf_reserve',
    ]);
    expect(marked('it calls "epoll_wait" again', 'epoll_wait(2)')).toEqual(['epoll_wait']);
    expect(marked('a word, quokkafication, alone.', 'quokkafication')).toEqual(['quokkafication']);
    // A part marks the identifier it is part of; a slash between two is no part of either.
    expect(marked('ringbuf_reserve/ringbuf_submit', 'ringbuf')).toEqual(['ringbuf_reserve', 'ringbuf_submit']);
    // The text itself is kept whole around the marks.
    expect(
      excerptOf('x = bpf_ringbuf_reserve(&events, 8);', 'bpf_ringbuf_reserve')
        .map((p) => p.text)
        .join(''),
    ).toBe('x = bpf_ringbuf_reserve(&events, 8);');
  });
});

/** Two words of one hash in the index's table of words (src/build/search-index.ts), found among all five letters. */
const HASHED_ALIKE = ['glbvs', 'yacxa'] as const;

describe("a shard's index", () => {
  /**
   * Sections of the real posts, and some a post could hold: an empty start, odd terms, a repeated word; and HTML that a
   * scanner of HTML could read otherwise than textOf: entities known, unknown and numeric (one inside a word), a tag
   * inside a word, a `<` that starts no tag, letters beyond ASCII and beyond the first 65,536 characters, an emoji, a
   * lone surrogate, white space of every kind. With `html`, each section's text is its HTML, as the build reads it.
   */
  const sections = (html = false): SearchDoc[] => {
    const { posts } = loadContent(path.join(ROOT, 'content/posts'), { drafts: false, fences: false });
    const odd = {
      slug: 'odd',
      title: 'constructor __proto__ hasOwnProperty',
      tags: ['toString'],
      html: '<h2 id="a">The the THE</h2><p>valueOf valueOf 0x55AA __proto__</p><h3 id="b">B</h3><h2 id="c">C</h2><p>x</p>',
    };
    const odder = {
      slug: 'odder',
      title: 'Ünïcode 𝒳ray',
      tags: ['naïve'],
      html:
        '<p>&nbsp;</p><h2 id="a">A&amp;B</h2><p>cat&amp;dog &AMP;x y&lt;z&gt;w &quot;q&quot; it&apos;s a&nbsp;b ' +
        'a&foo;b &constructor;c &amp c</p><h2 id="b">B</h2><p>we<em>ird</em>ly x<y 1 < 2 &amp;&lt;&gt;</p>' +
        '<h2 id="c">C</h2><p>ca&#x66;e &#102;oo caf&#xE9; straße Привет мир 𝒳ray 😀smile \uD800lone\u00a0nb\u2003em\tt</p>' +
        '<h3 id="d">D</h3><p><code>epoll_wait(2)</code>&nbsp;<code>memory.max</code></p>' +
        // Two words of one length and one hash (see the test of it below), each counted as itself.
        `<h3 id="e">E</h3><p>${HASHED_ALIKE.join(' ')} ${HASHED_ALIKE[1]} ${HASHED_ALIKE[1]}</p>`,
    };
    return [...posts.map((p) => ({ ...p.meta, html: p.html })), odd, odder].flatMap((post) =>
      sectionsOf(post, { html }),
    );
  };
  /** The index as it is written, read back. */
  const plainIndex = (docs: SearchDoc[], html = false) => JSON.parse(indexJson(docs, { html }).text) as AsPlainObject;
  /** MiniSearch's terms in the order its tree keeps them; indexJson's in the order it met them. */
  const byTerm = (index: AsPlainObject) =>
    JSON.parse(JSON.stringify({ ...index, index: [...index.index].sort(([a], [b]) => (a < b ? -1 : 1)) })) as unknown;

  it("is what MiniSearch's own addAll and toJSON make of the same sections", () => {
    const theirs = new MiniSearch<SearchDoc>(SEARCH_OPTIONS);
    theirs.addAll(sections());
    const expected = byTerm(theirs.toJSON());
    expect(byTerm(plainIndex(sections()))).toEqual(expected);
    // Made from the sections' HTML, as the build makes it: stored fields and all, the same.
    expect(byTerm(plainIndex(sections(true), true))).toEqual(expected);
  });

  it("finds in a section's HTML the words of its text", () => {
    const termsOf = (id: string) =>
      indexJson(
        sections(true).filter((s) => s.id === id),
        { html: true },
      ).terms;
    // A known entity and a tag are breaks between words; an unknown entity, or an `&` with no `;`, is text.
    expect(termsOf('odder#a')).toEqual(expect.arrayContaining(['cat', 'dog', 'x', 'y', 'z', 'w', 'foo', 'amp']));
    for (const entity of ['nbsp', 'lt', 'gt', 'quot', 'apos']) expect(termsOf('odder#a')).not.toContain(entity);
    expect(termsOf('odder#b')).toEqual(expect.arrayContaining(['we', 'ird', 'ly']));
    // A numeric entity is a character, here of a word: `ca&#x66;e` is "cafe" (stemmed), `&#102;oo` is "foo".
    expect(termsOf('odder#c')).toEqual(
      expect.arrayContaining(['caf', 'foo', 'café', 'straße', 'привет', 'мир', '𝒳ray', 'smil', 'lon', 'nb', 'em']),
    );
    expect(termsOf('odder#d')).toEqual(expect.arrayContaining(['epoll_wait(2)', 'memory.max']));
  });

  it("keeps nothing of a section's HTML once its shard is made", () => {
    // A full collection on demand, to see what is still held.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heapUsed = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = heapUsed();
    (() => {
      // 32 MB of HTML with words of 13 characters or more (a slice that long is a view of the whole in V8), each new to
      // the tokenizer's memo of words, which outlives the shard.
      const unique = `${process.pid}x${Date.now()}`;
      const words = Array.from({ length: 50 }, (_, i) => `long_identifier_${unique}_${i}`).join(' ');
      const html = `<p>${words}</p>${'<span class="tok"> </span>'.repeat(2 ** 25 / 26)}`;
      const doc = { id: 'big#', slug: 'big', hid: '', heading: '', title: 'Big', tags: '', text: html };
      expect(indexJson([doc], { html: true }).terms).toContain(`long_identifier_${unique}_0`);
    })();
    expect(heapUsed() - before).toBeLessThan(2 ** 23);
  });

  it('tells apart two words of one length and one hash', () => {
    const [a, b] = HASHED_ALIKE;
    expect(wordHash(a)).toBe(wordHash(b));
    const { index } = plainIndex(
      sections(true).filter((s) => s.id === 'odder#e'),
      true,
    );
    // `glbvs` is stemmed to `glbv`; `yacxa` is met three times.
    expect(index.filter(([term]) => term === 'glbv' || term === b)).toEqual([
      ['glbv', { 3: { 0: 1 } }],
      [b, { 3: { 0: 3 } }],
    ]);
  });

  it('loads into MiniSearch and finds what its own index finds, ranked the same', () => {
    const docs = sections();
    const theirs = new MiniSearch<SearchDoc>(SEARCH_OPTIONS);
    theirs.addAll(docs);
    const ours = MiniSearch.loadJS<SearchDoc>(plainIndex(docs), SEARCH_OPTIONS);
    for (const q of ['ringbuf reserve', 'scheduling', 'epoll_wait(2)', 'memory.max', '__proto__', 'valueOf'])
      expect(ours.search(queryOf(q)!, SEARCH_BOOST), q).toEqual(theirs.search(queryOf(q)!, SEARCH_BOOST));
    expect(ours.search(queryOf('valueof')!, SEARCH_BOOST).map((r) => r.id)).toEqual(['odd#a']);
  });

  it('names its terms as its index holds them, each once', () => {
    const { text, terms } = indexJson(sections());
    expect(terms).toEqual((JSON.parse(text) as AsPlainObject).index.map(([term]) => term));
    expect(new Set(terms).size).toBe(terms.length);
    expect(terms).toEqual(expect.arrayContaining(['__proto__', 'valueof', 'ringbuf', 'bpf_ringbuf_reserve']));
  });

  it('refuses two sections with one id, as MiniSearch does', () => {
    const [first] = sections();
    expect(() => indexJson([first!, first!])).toThrow(`two sections with the id "${first!.id}"`);
  });
});

describe('the index shards', () => {
  const post = (i: number) => ({
    slug: `p${i}`,
    title: `Post ${i}`,
    date: '2026-01-01',
    tags: ['t'],
    summary: 's',
    hash: `h${i}`,
    html: `<p>word${i}</p>`,
  });

  it('are cut from the oldest post, so the newest shard holds what is left over', () => {
    expect(shardSlices(0)).toEqual([]);
    expect(shardSlices(10)).toEqual([[0, 10]]);
    expect(shardSlices(120)).toEqual([
      [0, 20],
      [20, 70],
      [70, 120],
    ]);
  });

  /** A cache in memory that counts the indexes made into it (keys without a dot) and read from it. */
  const countingCache = () => {
    const store = new Map<string, string>();
    const made: string[] = [];
    const read: string[] = [];
    const isIndex = (k: string) => !k.includes('.');
    return {
      made,
      read,
      has: (k: string) => store.has(k),
      get: (k: string) => (isIndex(k) && read.push(k), store.get(k)),
      bytes: (k: string) => (isIndex(k) && read.push(k), store.has(k) ? Buffer.from(store.get(k)!) : undefined),
      set: (k: string, t: string) => (isIndex(k) && made.push(k), store.set(k, t)),
    };
  };

  it('change only the newest when a post is published, and come from the cache when unchanged', async () => {
    const cache = countingCache();
    const { made } = cache;
    const blog = Array.from({ length: 120 }, (_, i) => post(120 - i)); // newest first
    const before = (await searchShards(blog, cache)).map((shard) => shard.text());
    expect(made).toHaveLength(3);
    const after = (await searchShards([post(121), ...blog], cache)).map((shard) => shard.text());
    expect(made).toHaveLength(4); // one new shard built
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(after[0]).not.toEqual(before[0]);
    expect((JSON.parse(after[0]!) as SearchShard).posts.map((p) => p.slug)).toEqual(
      Array.from({ length: 21 }, (_, i) => `p${121 - i}`),
    );
  });

  it("are renamed, not re-indexed, when only what a result shows changes (a post's payload hash, its summary)", async () => {
    const cache = countingCache();
    const blog = Array.from({ length: 120 }, (_, i) => post(120 - i));
    const before = await searchShards(blog, cache);
    expect(cache.made).toHaveLength(3);
    // p100 has a new neighbour (so a new payload hash); p60 a new summary. Both are in the second shard.
    const changed = blog.map((p) =>
      p.slug === 'p100' ? { ...p, hash: 'h100b' } : p.slug === 'p60' ? { ...p, summary: 'new' } : p,
    );
    const after = await searchShards(changed, cache);
    expect(cache.made).toHaveLength(3);
    expect(after.map((s) => s.text())[0]).toBe(before[0]!.text());
    expect(after.map((s) => s.text())[2]).toBe(before[2]!.text());
    const second = JSON.parse(after[1]!.text()) as SearchShard;
    expect(second.posts.find((p) => p.slug === 'p100')?.hash).toBe('h100b');
    expect(second.posts.find((p) => p.slug === 'p60')?.summary).toBe('new');
    expect(second.index).toEqual((JSON.parse(before[1]!.text()) as SearchShard).index);
    expect(after[1]!.hash).not.toBe(before[1]!.hash);
    for (const shard of after) expect(shard.hash).toBe(await contentHash(shard.text()));
    // What the index reads of a post is indexed again: its title, its tags, its body.
    for (const edit of [{ title: 'Renamed' }, { tags: ['u'] }, { html: '<p>other words</p>' }]) {
      const edited = await searchShards(
        changed.map((p) => (p.slug === 'p10' ? { ...p, ...edit } : p)),
        cache,
      );
      expect(edited[2]!.hash, JSON.stringify(edit)).not.toBe(after[2]!.hash);
    }
    expect(cache.made).toHaveLength(6);
  });

  it('are named from the cache when they did not change, reading no index until their text is asked for', async () => {
    const cache = countingCache();
    const blog = Array.from({ length: 120 }, (_, i) => post(120 - i));
    const before = await searchShards(blog, cache);
    cache.read.length = 0;
    const again = await searchShards(blog, cache);
    expect(again.map((s) => s.hash)).toEqual(before.map((s) => s.hash));
    expect(cache.read).toEqual([]);
    const text = again[1]!.text();
    expect(cache.read).toHaveLength(1);
    expect(text).toBe(before[1]!.text());
  });

  it('are made from indexes begun before the payload hashes are known, and only from their own posts', async () => {
    const blog = Array.from({ length: 120 }, (_, i) => post(120 - i));
    const whole = (await searchShards(blog)).map((s) => s.text());
    // What shardIndexes is given has no hash, summary or date: those are the payloads'.
    const indexes = await shardIndexes(blog.map(({ slug, title, tags, html }) => ({ slug, title, tags, html })));
    expect(nameShards(blog, indexes).map((s) => s.text())).toEqual(whole);
    expect(() => nameShards([post(121), ...blog.slice(1)], indexes)).toThrow(/index of search shard 1/);
    expect(() => nameShards([post(121), ...blog], indexes)).toThrow(/other posts/);
    expect(() => nameShards(blog, indexes.slice(1))).toThrow(/other posts/);
    expect(() => nameShards(blog, [...indexes, indexes[0]!])).toThrow(/4 shards' indexes for 3 shards/);
  });

  it('are the same made on build threads as on the main thread, and only the missing ones are made', async () => {
    const blog = Array.from({ length: 120 }, (_, i) => post(120 - i));
    const here = (await searchShards(blog)).map((shard) => shard.text());
    const dir = mkdtempSync(path.join(tmpdir(), 'reader-shards-'));
    const cache = shardCache(dir);
    const asked: string[][] = [];
    const build = (missing: ShardJob[]) => {
      asked.push(missing.map((job) => job.posts[0]!.slug));
      return runTasks(
        'searchShard',
        missing.map((job) => ({ ...job, cacheDir: dir })),
        { threads: 2, minParallel: 0 },
      );
    };
    const built = await searchShards(blog, cache, build);
    expect(built.map((shard) => shard.text())).toEqual(here);
    // Named by the content hash of the text, which is written as the same bytes (read from the cache's files).
    for (const shard of built) {
      expect(shard.hash).toBe(await contentHash(shard.text()));
      expect(Buffer.from(shard.bytes()).toString('utf8')).toBe(shard.text());
    }
    expect((await searchShards([post(121), ...blog], cache, build)).map((shard) => shard.text()).slice(1)).toEqual(
      here.slice(1),
    );
    expect(asked).toEqual([['p120', 'p100', 'p50'], ['p121']]);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('built beside the build (BuildPool.beside)', () => {
    const blog = Array.from({ length: 420 }, (_, i) => post(420 - i));
    let here: string[];
    beforeAll(async () => {
      here = (await searchShards(blog)).map((shard) => shard.text());
    });
    /** The shards of `blog` made by `start` (given the missing shards, into `dir`), and their texts. */
    const build = async (start: (missing: ShardJob[], dir: string) => Promise<void>) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'reader-shards-'));
      try {
        const shards = await searchShards(blog, shardCache(dir), (missing) => start(missing, dir));
        return shards.map((shard) => shard.text());
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const jobs = (missing: ShardJob[], dir: string) => missing.map((job) => ({ ...job, cacheDir: dir }));

    it('are all made by the thread when this one never helps, and the same with its help', async () => {
      const pool = buildPool({ threads: 2, minParallel: 0 });
      try {
        const alone = await build(async (missing, dir) => {
          await pool.beside('searchShard', jobs(missing, dir)).done;
          expect(missing.filter((job) => !shardCache(dir).has(job.key))).toEqual([]);
        });
        expect(alone).toEqual(here);
        const helped = await build((missing, dir) => {
          const run = pool.beside('searchShard', jobs(missing, dir));
          run.help();
          return run.done;
        });
        expect(helped).toEqual(here);
      } finally {
        await pool.close();
      }
    });

    it('wait for this thread when there are too few for a thread', async () => {
      const pool = buildPool({ threads: 2, minParallel: 100 });
      let built = 0;
      const texts = await build(async (missing, dir) => {
        const run = pool.beside('searchShard', jobs(missing, dir));
        let settled = false;
        void run.done.then(() => (settled = true));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(settled).toBe(false);
        built = readdirSync(dir).length;
        run.help();
        await run.done;
      });
      expect(built).toBe(0);
      expect(texts).toEqual(here);
      await pool.close();
    });

    it('lose only time when the thread runs out of memory: this thread makes the rest once it helps', async () => {
      const pool = buildPool({ threads: 2, minParallel: 0 });
      let lost: Error | undefined;
      const texts = await build(async (missing, dir) => {
        // A heap too small for the thread to even load its code.
        const run = pool.beside('searchShard', jobs(missing, dir), { heapMb: 2 });
        let settled = false;
        void run.done.then(() => (settled = true));
        await vi.waitFor(() => expect(run.lost).toBeDefined(), { timeout: 20_000 });
        expect(settled).toBe(false);
        lost = run.lost;
        run.help();
        await run.done;
        // Made by the run, not left for searchShards to make.
        expect(missing.filter((job) => !shardCache(dir).has(job.key))).toEqual([]);
      });
      expect(lost?.message).toMatch(/memory/);
      expect(texts).toEqual(here);
      await pool.close();
    });

    it("fail with a task's own error, which no thread retries", async () => {
      const pool = buildPool({ threads: 2, minParallel: 0 });
      const run = pool.beside('render', [
        { dir: path.join(ROOT, 'content/posts'), base: '/', cacheDir: tmpdir(), files: ['no-such-post.md'] },
      ]);
      await expect(run.done).rejects.toThrow(/build thread failed \(render\).*no-such-post\.md/s);
      expect(run.lost).toBeUndefined();
      await pool.close();
    });
  });
});

describe('the term directory', () => {
  it('lists for each term the shards that hold it, numbered from the oldest, and a common term as 0', () => {
    // Shards newest first, as the manifest lists them: shard 2 (from the oldest) is the first here.
    const many = Array.from({ length: LISTED_SHARDS + 1 }, (_, i) => (i === 0 ? ['rare', 'common'] : ['common']));
    const [file, ...more] = termDirectory([['newest', 'both'], ['both', '__proto__', 'constructor'], ...many]);
    expect(more).toEqual([]);
    const n = LISTED_SHARDS + 3;
    expect(file!.from).toBe('__proto__');
    expect(Object.entries(file!.chunk.terms)).toEqual([
      ['__proto__', [n - 2]],
      ['both', [n - 2, n - 1]],
      ['common', 0],
      ['constructor', [n - 2]],
      ['newest', [n - 1]],
      ['rare', [n - 3]],
    ]);
    expect(Object.hasOwn(file!.chunk.terms, '__proto__')).toBe(true);
  });

  it('is cut into files of sorted terms, each named by its first', () => {
    const terms = Array.from({ length: TERMS_PER_CHUNK * 2 + 1 }, (_, i) => `t${String(i).padStart(6, '0')}`);
    const files = termDirectory([[...terms].reverse()]);
    expect(files.map((f) => f.from)).toEqual([terms[0], terms[TERMS_PER_CHUNK], terms[TERMS_PER_CHUNK * 2]]);
    expect(files.map((f) => Object.keys(f.chunk.terms).length)).toEqual([TERMS_PER_CHUNK, TERMS_PER_CHUNK, 1]);
  });
});

describe('what a section is indexed as', () => {
  it("leaves out a long listing's line numbers: numbers beside the code, not words of the post", () => {
    const html = `<h2 id="h-a">A</h2><p>Before.</p><figure class="code">${gutter(20)}<pre><code>int x = 42;</code></pre></figure>`;
    const [section] = sectionsOf({ slug: 's', title: 'T', tags: [], html });
    expect(section!.text).toBe('Before. int x = 42;');
  });

  it('is the words as a reader sees them: tags between words as spaces, every run of white space as one, entities decoded', () => {
    const html =
      '<p>  one\ttwo\n\nthree</p><ul><li>four</li><li>five</li></ul><p>six&nbsp;&amp;&#x20;seven&#32; eight &lt;b&gt;</p>\n';
    expect(textOf(html)).toBe('one two three four five six & seven eight <b>');
    expect(textOf('<p>a b</p>')).toBe('a b');
    expect(textOf('<p>a<em>b</em>c</p>')).toBe('a b c');
    // Only the entities it knows: not what every object has.
    expect(textOf('&constructor; &toString; &hasOwnProperty;')).toBe('&constructor; &toString; &hasOwnProperty;');
  });

  it('has the same sections for the index, which reads their HTML, as for an excerpt', () => {
    const { posts } = loadContent(path.join(ROOT, 'content/posts'), { drafts: false, fences: false });
    const odd = (slug: string, html: string) => ({ slug, title: 'T', tags: [], html });
    const odds = [
      odd(
        'odd',
        '<h2 id="a">A</h2>\n\t <p> </p>\n<h2 id="b"> </h2><p>x&nbsp;y\tz</p><h3 id="c"></h3>\n \n<p>&#32;</p>',
      ),
      // Text before the first heading: white space and entities of it alone, or text that starts with an entity.
      odd('blank-start', '<p>&nbsp;\n</p>\u2003<br><h2 id="a">A</h2><p>a</p>'),
      odd('entity-start', '<p>&nbsp;&amp;</p><h2 id="a">A</h2>'),
      odd('text-start', '<p> <em>x</em></p><h2 id="a">A</h2>'),
      odd('bracket-start', '\n< <h2 id="a">A</h2>'),
      odd('tags-start', '<p>\n</p> <br>\u2003<h2 id="a">A</h2>'),
    ];
    for (const post of [...posts.map((p) => ({ ...p.meta, html: p.html })), ...odds]) {
      const folded = sectionsOf(post);
      const html = sectionsOf(post, { html: true });
      expect(
        html.map((s) => [s.id, s.heading]),
        post.slug,
      ).toEqual(folded.map((s) => [s.id, s.heading]));
      expect(html.map((s) => textOf(s.text))).toEqual(folded.map((s) => s.text));
    }
    // A heading with no text under it is a section; text of white space alone under no heading is not.
    const ids = (post: (typeof odds)[number]) => sectionsOf(post, { html: true }).map((s) => s.id);
    expect(odds.map(ids)).toEqual([
      ['odd#a', 'odd#b'],
      ['blank-start#a'],
      ['entity-start#', 'entity-start#a'],
      ['text-start#', 'text-start#a'],
      ['bracket-start#', 'bracket-start#a'],
      ['tags-start#a'],
    ]);
  });
});
