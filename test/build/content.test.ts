import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ContentError, loadContent, uncachedPosts } from '../../src/build/content.ts';
import { runTasks } from '../../src/build/workers.ts';
import { buildSiteIndex, buildSiteLists, buildSiteSearch } from '../../src/build/site-index.ts';
import { verifyArticle, verifyIndexFile } from '../../src/shared/content-hash.ts';
import { isListChunk } from '../../src/shared/index-files.ts';
import type { IndexManifest, ListChunk } from '../../src/shared/types.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');

describe('loading the posts', () => {
  it('builds the index newest first, without drafts, with hashed payloads', () => {
    const { posts, images } = loadContent(path.join(fixtures, 'posts'), { drafts: false, base: '/blog/' });
    expect(posts.map((p) => p.meta.slug)).toEqual(['beta-packets', 'alpha-locks']);
    const alpha = posts[1]!;
    expect(alpha.meta).toMatchObject({
      title: 'Alpha: Locks',
      date: '2026-03-02',
      tags: ['threading', 'linux'],
      summary: 'A post about locks — with an em dash, for the list.',
      minutes: 1,
    });
    expect(alpha.toc.map((t) => t.text)).toEqual(['Why locks', 'The fast path', 'Costs', 'Sources']);
    expect(images).toHaveLength(1);
    expect(images[0]!.url).toMatch(/^\/blog\/content-images\/alpha-box\.[0-9a-f]{12}\.svg$/);
    expect(alpha.html).toContain(`src="${images[0]!.url}"`);
  });

  it('includes drafts when asked (the dev server)', () => {
    const { posts } = loadContent(path.join(fixtures, 'posts'), { drafts: true });
    expect(posts.map((p) => p.meta.slug)).toContain('gamma-draft');
  });

  it('makes one payload per post at its content-hashed name, carrying its metadata and neighbours', async () => {
    const { posts } = loadContent(path.join(fixtures, 'posts'), { drafts: false });
    const site = await buildSiteIndex(posts);
    const again = await buildSiteIndex(loadContent(path.join(fixtures, 'posts'), { drafts: false }).posts);
    expect(again.posts.map((p) => p.hash)).toEqual(site.posts.map((p) => p.hash));
    expect(new Set(site.posts.map((p) => p.hash)).size).toBe(site.posts.length);
    const alpha = site.articles.get('alpha-locks')!;
    expect(alpha.file.fileName).toBe(`articles/alpha-locks.${alpha.article.hash}.json`);
    expect(await verifyArticle({ slug: 'alpha-locks', hash: alpha.article.hash }, alpha.file.text)).toEqual(
      alpha.article,
    );
    expect(alpha.article).toMatchObject({
      title: 'Alpha: Locks',
      newer: { slug: 'beta-packets', title: 'Beta: Packets' },
    });
    expect(alpha.article.older).toBeUndefined();
    expect(site.posts[1]!.bytes).toBe(Buffer.byteLength(alpha.file.text));
  });

  it('makes an index of no posts when asked (the scale bench without the index), with the lists whole', async () => {
    const { posts } = loadContent(path.join(fixtures, 'posts'), { drafts: false });
    const lists = await buildSiteLists(posts);
    const none = await buildSiteSearch(lists, [], { indexed: false });
    const manifest = (await verifyIndexFile(none.manifest.fileName, none.manifest.text)) as IndexManifest;
    expect(manifest).toMatchObject({ total: 2, search: [], terms: [] });
    expect(manifest.home).toEqual(lists.home.map((p) => p.fileName));
    // Indexes of no posts for a blog of two: a build that lost its indexes stops, it does not publish none.
    await expect(buildSiteSearch(lists, [])).rejects.toThrow(/index of search shard 1/);
  });

  it('pages every list into content-hashed chunks named by one manifest', async () => {
    const posts = loadContent(path.join(fixtures, 'posts'), { drafts: false }).posts;
    const site = await buildSiteIndex(posts, 1); // one post a page
    const manifest = (await verifyIndexFile(site.manifest.fileName, site.manifest.text)) as IndexManifest;
    expect(manifest.total).toBe(2);
    expect(manifest.home).toHaveLength(2);
    expect(manifest.tags.map((t) => [t.tag, t.count, t.pages.length])).toEqual([
      ['linux', 1, 1],
      ['networking', 1, 1],
      ['threading', 1, 1],
    ]);
    for (const chunk of site.chunks) {
      const value = await verifyIndexFile(chunk.fileName, chunk.text);
      expect(isListChunk(value), chunk.fileName).toBe(true);
    }
    const page2 = JSON.parse(site.chunks.find((c) => c.fileName === manifest.home[1])!.text) as ListChunk;
    expect(page2).toMatchObject({ page: 2, pages: 2, total: 2 });
    expect(page2.posts.map((p) => p.slug)).toEqual(['alpha-locks']);
  });

  it('renders an unchanged post once: a second build reads it from the cache', () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'render-cache-'));
    const first = loadContent(path.join(fixtures, 'posts'), { drafts: false, cacheDir });
    expect(readdirSync(cacheDir).length).toBe(3); // every post in the folder, the draft too
    const second = loadContent(path.join(fixtures, 'posts'), { drafts: false, cacheDir });
    expect(second.posts.map((p) => p.html)).toEqual(first.posts.map((p) => p.html));
    expect(second.images.map((i) => i.fileName)).toEqual(first.images.map((i) => i.fileName));
    expect(readdirSync(cacheDir).length).toBe(3); // every post in the folder, the draft too
  });

  it('renders on build threads what the main thread would, into the cache it reads, and leaves broken posts to it', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'render-cache-'));
    const posts = path.join(fixtures, 'posts');
    const missing = uncachedPosts(posts, '/', cacheDir);
    expect(missing).toHaveLength(3);
    await runTasks('render', [{ dir: posts, base: '/', cacheDir, files: missing }], { threads: 2, minParallel: 0 });
    expect(uncachedPosts(posts, '/', cacheDir)).toEqual([]);
    const threaded = loadContent(posts, { drafts: true, cacheDir });
    const here = loadContent(posts, { drafts: true });
    expect(threaded.posts).toEqual(here.posts);
    expect(threaded.images).toEqual(here.images);

    // A broken post is not the threads' to report: loading it afterwards names the file and the field as ever.
    const broken = path.join(fixtures, 'broken');
    const files = uncachedPosts(broken, '/', cacheDir);
    await runTasks('render', [{ dir: broken, base: '/', cacheDir, files }], { threads: 2, minParallel: 0 });
    expect(() => loadContent(broken, { drafts: false, cacheDir })).toThrow(ContentError);
    // A task that fails for any other reason fails the build, saying so.
    await expect(
      runTasks('render', [{ dir: broken, base: '/', cacheDir, files: ['no-such-post.md'] }], {
        threads: 2,
        minParallel: 0,
      }),
    ).rejects.toThrow(/build thread failed \(render\).*no-such-post\.md/s);
  });

  it('reports every broken post in one run, each with its file, field and rule', () => {
    let error: unknown;
    try {
      loadContent(path.join(fixtures, 'broken'), { drafts: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
    expect(problems).toEqual([
      'content/posts/bad-date.md: date: 2026-13-45 is not a real date',
      'content/posts/no-title.md: title: title is required',
      'content/posts/tags-not-list.md: tags: tags must be a list, e.g. [networking, linux]',
      'content/posts/unclosed.md: front matter: the front matter is not closed: add a line "---" after it',
      'content/posts/dup-two.md: title: the same title as content/posts/dup-one.md',
    ]);
    expect((error as Error).message).toContain('5 problems in content/posts:');
  });
});
