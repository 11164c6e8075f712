import { afterEach, describe, expect, it } from 'vitest';
import type { BuiltPost } from '../../../src/build/content.ts';
import { buildSiteIndex } from '../../../src/build/site-index.ts';
import { getAnyArticle, getArticle, listSaved, saveArticle } from '../../../src/shared/article-store.ts';
import { listIndexFiles, setOfflinePolicy } from '../../../src/shared/index-store.ts';
import { type SyncProgress, syncOffline } from '../../../src/shared/offline-sync.ts';
import { addBookmark, saveProgress } from '../../../src/shared/reader-records.ts';
import { SEARCH_SHARD_POSTS } from '../../../src/shared/search.ts';
import { closeAll, freshDB } from './db-helpers.ts';

afterEach(closeAll);

/** A blog as the build makes it: payloads, list chunks (2 posts a page) and a manifest, served by name. */
async function site(slugs: string[], change: Record<string, string> = {}) {
  const posts: BuiltPost[] = slugs.map((slug, i) => ({
    meta: {
      slug,
      title: `Title of ${slug}`,
      date: `2026-01-${String(28 - i).padStart(2, '0')}`,
      tags: [i % 2 === 0 ? 'even' : 'odd'],
      summary: `About ${slug}.`,
      minutes: 1,
    },
    html: change[slug] ?? `<p>${slug}</p>`,
    toc: [],
    words: 1,
    draft: false,
    file: `${slug}.md`,
    fences: [],
  }));
  const index = await buildSiteIndex(posts, 2);
  const files = new Map<string, string>([
    [index.manifest.fileName, index.manifest.text],
    ...[...index.chunks, ...index.search, ...index.terms].map((c) => [c.fileName, c.text] as const),
    ...[...index.articles.values()].map((a) => [a.file.fileName, a.file.text] as const),
  ]);
  return {
    index,
    files,
    manifest: index.manifest.fileName,
    meta: (slug: string) => index.posts.find((p) => p.slug === slug)!,
  };
}

/** A fake network serving a site's files; `cut` sends half a body then drops, `down` refuses, 404 is missing. */
function network(files: Map<string, string>, behave: Record<string, 'cut' | 'down' | 404> = {}) {
  const requested: string[] = [];
  const fetchFile = async (name: string): Promise<Response> => {
    requested.push(name);
    const slug = /^articles\/([a-z0-9-]+)\./.exec(name)?.[1] ?? name;
    const how = behave[slug];
    if (how === 'down') throw new TypeError('Failed to fetch');
    const body = files.get(name);
    if (how === 404 || body === undefined) return new Response('missing', { status: 404 });
    if (how === 'cut') {
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(body.slice(0, body.length / 2)));
          controller.error(new TypeError('network error'));
        },
      });
      return new Response(stream);
    }
    return new Response(body);
  };
  return { fetchFile, requested };
}

const SLUGS = ['a', 'b', 'c', 'd', 'e'];
const savedSlugs = async (db: Awaited<ReturnType<typeof freshDB>>) => (await listSaved(db)).map((s) => s.slug).sort();

describe('keeping the offline set', () => {
  it('keeps the whole index and every post while the blog fits the budget, reporting what changed', async () => {
    const db = await freshDB();
    const blog = await site(SLUGS);
    const seen: SyncProgress[] = [];
    const result = await syncOffline(db, {
      manifest: blog.manifest,
      ...network(blog.files),
      concurrency: 2,
      onProgress: (p) => seen.push(p),
    });
    expect(result).toMatchObject({ total: 5, saved: 5, failed: [], quotaExceeded: false, done: true });
    // The articles, then the one search shard: started, dealt with, and the run done.
    expect(seen.map((p) => p.saved)).toEqual([0, 1, 2, 3, 4, 5, 5, 5, 5]);
    expect(seen.flatMap((p) => p.changed.map((c) => c.slug)).sort()).toEqual(SLUGS);
    expect(await savedSlugs(db)).toEqual(SLUGS);
    // Every list page (3 home pages, 3 "even" and 1 "odd" pages... of 2 posts), the manifest, and the search index.
    const chunks = [...blog.index.chunks, ...blog.index.search].map((c) => c.fileName);
    expect(blog.index.search).toHaveLength(1);
    expect((await listIndexFiles(db)).sort()).toEqual([blog.manifest, ...chunks].sort());
    const a = blog.meta('a');
    expect((await getArticle(db, a))?.bytes).toBe(
      new TextEncoder().encode(blog.files.get(`articles/a.${a.hash}.json`)!).byteLength,
    );
    expect((await getArticle(db, a))?.title).toBe('Title of a');
  });

  it('fetches nothing again that is stored at the same hash: a stopped sync resumes where it was', async () => {
    const db = await freshDB();
    const blog = await site(SLUGS);
    // The first run stops after two articles (the worker was stopped): they were stored whole.
    await syncOffline(db, { manifest: blog.manifest, ...network(blog.files, { c: 'down', d: 'down', e: 'down' }) });
    expect(await savedSlugs(db)).toEqual(['a', 'b']);
    const again = network(blog.files);
    const result = await syncOffline(db, { manifest: blog.manifest, ...again });
    expect(again.requested.sort()).toEqual(['c', 'd', 'e'].map((s) => `articles/${s}.${blog.meta(s).hash}.json`));
    expect(result.saved).toBe(5);
  });

  it('stores nothing of an article whose connection drops halfway, and saves it on a later try', async () => {
    const db = await freshDB();
    const blog = await site(SLUGS);
    const first = await syncOffline(db, { manifest: blog.manifest, ...network(blog.files, { c: 'cut' }) });
    expect(first.failed).toEqual(['c']);
    expect(await getAnyArticle(db, 'c')).toBeUndefined();
    const second = await syncOffline(db, { manifest: blog.manifest, ...network(blog.files) });
    expect(second).toMatchObject({ saved: 5, failed: [] });
    expect((await getArticle(db, blog.meta('c')))?.html).toBe('<p>c</p>');
  });

  it('refuses an index file or article whose body does not match its hash, storing nothing of it', async () => {
    const db = await freshDB();
    const blog = await site(SLUGS);
    const c = `articles/c.${blog.meta('c').hash}.json`;
    const forged = new Map(blog.files).set(c, blog.files.get(c)!.replace('<p>c</p>', '<p>forged</p>'));
    const result = await syncOffline(db, { manifest: blog.manifest, ...network(forged) });
    expect(result.failed).toEqual(['c']);
    expect(await getAnyArticle(db, 'c')).toBeUndefined();

    const chunk = blog.index.chunks[0]!.fileName;
    const badIndex = new Map(blog.files).set(chunk, blog.files.get(chunk)!.replace('Title of a', 'Title of x'));
    await closeAll();
    const db2 = await freshDB();
    await expect(syncOffline(db2, { manifest: blog.manifest, ...network(badIndex) })).rejects.toThrow(/hash/);
    expect(await listIndexFiles(db2)).not.toContain(chunk);
  });

  it('replaces a changed post, keeps the old version until the new one is stored, and drops what left', async () => {
    const db = await freshDB();
    const v1 = await site(SLUGS);
    await syncOffline(db, { manifest: v1.manifest, ...network(v1.files) });
    await addBookmark(db, { slug: 'e', title: 'Title of e', addedAt: 1 });
    const v2 = await site(['a', 'b', 'c'], { a: '<p>a, revised</p>', b: '<p>b, revised</p>' }); // d and e left
    const result = await syncOffline(db, { manifest: v2.manifest, ...network(v2.files, { b: 'down' }) });
    // e left the blog but is bookmarked: kept, not counted among the blog's posts.
    expect(result).toMatchObject({ total: 3, saved: 2, failed: ['b'] });
    expect(result.removed).toEqual(['d']);
    expect((await getArticle(db, v2.meta('a')))?.html).toBe('<p>a, revised</p>');
    // b's new version could not be fetched: the old one is still there to read.
    expect((await getAnyArticle(db, 'b'))?.html).toBe('<p>b</p>');
    expect(await savedSlugs(db)).toEqual(['a', 'b', 'c', 'e']);
    // The old version's index files are gone; the new one's are kept.
    expect((await listIndexFiles(db)).sort()).toEqual(
      [v2.manifest, ...[...v2.index.chunks, ...v2.index.search].map((c) => c.fileName)].sort(),
    );
  });

  it('follows the reader’s policy, always keeping bookmarked posts and posts being read', async () => {
    const db = await freshDB();
    const blog = await site(SLUGS);
    await syncOffline(db, { manifest: blog.manifest, ...network(blog.files) });
    await addBookmark(db, { slug: 'd', title: 'Title of d', addedAt: 1 });
    await saveProgress(db, { slug: 'b', block: 0, offset: 0, fraction: 0.5, finished: false, updatedAt: 1 });

    await setOfflinePolicy(db, { mode: 'none' });
    const none = await syncOffline(db, { manifest: blog.manifest, ...network(blog.files) });
    expect(none.removed.sort()).toEqual(['a', 'c', 'e']);
    expect(await savedSlugs(db)).toEqual(['b', 'd']);

    await setOfflinePolicy(db, { mode: 'tags', tags: ['even'] }); // a, c, e
    await syncOffline(db, { manifest: blog.manifest, ...network(blog.files) });
    expect(await savedSlugs(db)).toEqual(['a', 'b', 'c', 'd', 'e']);

    const bytes = blog.meta('a').bytes + blog.meta('c').bytes; // the newest two that are not always kept
    await setOfflinePolicy(db, { mode: 'budget', bytes: bytes + 1 });
    await syncOffline(db, { manifest: blog.manifest, ...network(blog.files) });
    expect(await savedSlugs(db)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps the search index for the posts it keeps', async () => {
    const many = Array.from({ length: SEARCH_SHARD_POSTS + 5 }, (_, i) => `p${String(i).padStart(3, '0')}`);
    const blog = await site(many);
    expect(blog.index.search).toHaveLength(2);
    const [newest, oldest] = blog.index.search.map((s) => s.fileName);
    const db = await freshDB();
    // Only the newest post: the first shard covers it, the second covers none of what is kept.
    const one = blog.meta(many[0]!).bytes;
    await setOfflinePolicy(db, { mode: 'budget', bytes: one });
    await syncOffline(db, { manifest: blog.manifest, ...network(blog.files) });
    expect(await listIndexFiles(db)).toContain(newest);
    expect(await listIndexFiles(db)).not.toContain(oldest);
    // A bookmark among the oldest posts brings its shard.
    await addBookmark(db, { slug: many.at(-1)!, title: 'Old', addedAt: 1 });
    await syncOffline(db, { manifest: blog.manifest, ...network(blog.files) });
    expect(await listIndexFiles(db)).toEqual(expect.arrayContaining([newest, oldest]));
  });

  it('keeps reporting after the last article, while it fetches the search index, shard by shard', async () => {
    const many = Array.from({ length: SEARCH_SHARD_POSTS + 5 }, (_, i) => `p${String(i).padStart(3, '0')}`);
    const blog = await site(many);
    const [newest, oldest] = blog.index.search.map((s) => s.fileName);
    const db = await freshDB();
    const seen: SyncProgress[] = [];
    // One shard cannot be had: it counts as dealt with, and is tried again next time.
    const files = new Map(blog.files);
    files.delete(oldest!);
    await syncOffline(db, { manifest: blog.manifest, ...network(files), onProgress: (p) => seen.push(p) });
    // Everything heard after the last article was saved:
    const afterArticles = seen.slice(seen.findIndex((p) => p.saved === many.length) + 1);
    // Two shards and the term directory (one file for so few words).
    const directory = blog.index.terms.map((t) => t.fileName);
    expect(directory).toHaveLength(1);
    expect(afterArticles.map(({ saved, done, search }) => ({ saved, done, search }))).toEqual([
      { saved: many.length, done: false, search: { files: 3, handled: 0 } },
      { saved: many.length, done: false, search: { files: 3, handled: 1 } },
      { saved: many.length, done: false, search: { files: 3, handled: 2 } },
      { saved: many.length, done: false, search: { files: 3, handled: 3 } },
      { saved: many.length, done: true, search: { files: 3, handled: 3 } },
    ]);
    expect(afterArticles.every((p) => p.changed.length === 0 && p.removed.length === 0)).toBe(true);
    expect(await listIndexFiles(db)).toEqual(expect.arrayContaining([newest, ...directory]));

    // The next run fetches only the shard it lacks; a run with every shard kept has no search phase to report.
    const again: SyncProgress[] = [];
    await syncOffline(db, { manifest: blog.manifest, ...network(blog.files), onProgress: (p) => again.push(p) });
    expect(again.map((p) => p.search)).toEqual([
      undefined,
      { files: 1, handled: 0 },
      { files: 1, handled: 1 },
      { files: 1, handled: 1 },
    ]);
    const third: SyncProgress[] = [];
    await syncOffline(db, { manifest: blog.manifest, ...network(blog.files), onProgress: (p) => third.push(p) });
    expect(third.map((p) => p.search)).toEqual([undefined, undefined]);
  });

  it('saves the articles when a search shard cannot be had, and gets the shard next time', async () => {
    const blog = await site(SLUGS);
    const newest = blog.index.search[0]!.fileName;
    const db2 = await freshDB();
    const missing = new Map(blog.files);
    missing.delete(newest);
    const result = await syncOffline(db2, { manifest: blog.manifest, ...network(missing) });
    expect(result.failed).toEqual([]);
    expect(await savedSlugs(db2)).toEqual(SLUGS);
    expect(await listIndexFiles(db2)).not.toContain(newest);
    await syncOffline(db2, { manifest: blog.manifest, ...network(blog.files) });
    expect(await listIndexFiles(db2)).toContain(newest);
  });

  it('saves the articles before the search index, and keeps a shard only with room left beside the reader', async () => {
    const blog = await site(SLUGS);
    const shard = blog.index.search[0]!;
    const shardBytes = new TextEncoder().encode(shard.text).byteLength;
    const db = await freshDB();
    const net = network(blog.files);
    // Room for every article, not for the shard.
    const result = await syncOffline(db, {
      manifest: blog.manifest,
      fetchFile: net.fetchFile,
      hasRoom: async (bytes) => bytes < shardBytes,
    });
    expect(result.quotaExceeded).toBe(false);
    expect(await savedSlugs(db)).toEqual(SLUGS);
    expect(await listIndexFiles(db)).not.toContain(shard.fileName);
    const articles = net.requested.filter((n) => n.startsWith('articles/'));
    expect(net.requested.indexOf(shard.fileName)).toBeGreaterThan(net.requested.indexOf(articles.at(-1)!));
    // With room, the next run keeps it.
    await syncOffline(db, { manifest: blog.manifest, ...network(blog.files), hasRoom: async () => true });
    expect(await listIndexFiles(db)).toContain(shard.fileName);
  });

  it('stops when the disk is full, keeps what was saved, and says so', async () => {
    const db = await freshDB();
    const blog = await site(SLUGS);
    await syncOffline(db, {
      manifest: blog.manifest,
      ...network(blog.files, Object.fromEntries(SLUGS.map((s) => [s, 'down' as const]))),
    });
    const a = JSON.parse(blog.files.get(`articles/a.${blog.meta('a').hash}.json`)!);
    await saveArticle(db, a, 10);
    let writes = 0;
    const transaction = db.transaction.bind(db);
    // The browser refuses the second new article write with a QuotaExceededError.
    db.transaction = ((...args: Parameters<typeof transaction>) => {
      const stores = [args[0]].flat() as string[];
      if (args[1] === 'readwrite' && stores.length === 2 && stores.includes('articles') && ++writes >= 2) {
        throw new DOMException('full', 'QuotaExceededError');
      }
      return transaction(...args);
    }) as typeof db.transaction;
    const result = await syncOffline(db, { manifest: blog.manifest, ...network(blog.files), concurrency: 1 });
    expect(result.quotaExceeded).toBe(true);
    expect(result.saved).toBe(2);
    expect(result.failed).toEqual(['c', 'd', 'e']);
    expect(await savedSlugs(db)).toEqual(['a', 'b']);
  });
});

describe('room for the reader', () => {
  it('stops saving articles before the reader’s own records would not fit', async () => {
    const db = await freshDB();
    const blog = await site(SLUGS);
    let room = 2;
    const result = await syncOffline(db, {
      manifest: blog.manifest,
      ...network(blog.files),
      concurrency: 1,
      hasRoom: () => Promise.resolve(room-- > 0),
    });
    expect(result).toMatchObject({ quotaExceeded: true, saved: 2 });
    expect(result.failed.sort()).toEqual(['c', 'd', 'e']);
    expect(await savedSlugs(db)).toEqual(['a', 'b']);
  });
});
