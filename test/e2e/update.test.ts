import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_FILE } from '../../src/shared/index-files.ts';
import { articleFile } from '../../src/shared/routes.ts';
import type { PostMeta } from '../../src/shared/types.ts';
import {
  buildVersion,
  DIST,
  launch,
  phonePage,
  publishedPosts,
  readStore,
  savedCount,
  type Server,
  siteIndex,
  startServer,
  waitForController,
} from './harness.ts';

const v1Posts = await publishedPosts();
const changed = v1Posts[2]!;
const NEW_SLUG = 'zz-a-post-from-the-future';
let v2 = '';
let v2Posts: PostMeta[] = [];
let v2Index: string[] = [];
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  // The next deploy: one new post, one post revised.
  let postsDir = '';
  v2 = await buildVersion((dir) => {
    postsDir = dir;
    writeFileSync(
      path.join(dir, `${NEW_SLUG}.md`),
      [
        '---',
        'title: "A Post From the Future"',
        'date: 2026-11-26',
        'tags: [linux]',
        'summary: "Published after the reader was installed."',
        '---',
        '',
        ...Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1} of the new post.\n`),
      ].join('\n'),
    );
    const file = path.join(dir, `${changed.slug}.md`);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nA paragraph added in the revision.\n`);
  });
  const v2Site = await siteIndex('/', postsDir);
  v2Posts = v2Site.posts;
  v2Index = [v2Site.manifest, ...v2Site.chunks, ...v2Site.search].map((f) => f.fileName).sort();
});
afterAll(async () => {
  await browser?.close();
});

/** Serve `root` on a fixed port, logging every path asked for. */
async function serve(root: string, port: number, log: string[] = []): Promise<Server> {
  return startServer({
    root,
    port,
    onRequest: (req) => {
      log.push(new URL(req.url ?? '/', 'http://x').pathname);
      return false;
    },
  });
}

async function installV1(): Promise<{ page: Page; problems: string[]; server: Server; port: number }> {
  const server = await serve(DIST, 0);
  const { page, problems } = await phonePage(browser);
  await page.goto(server.url);
  await waitForController(page);
  await expect.poll(() => savedCount(page), { timeout: 30_000 }).toBe(v1Posts.length);
  return { page, problems, server, port: server.port };
}

describe('a new deploy', () => {
  it('prompts, applies with one reload, fetches only what changed, and reads the new and changed posts offline', async () => {
    const first = await installV1();
    const { page, problems, port } = first;
    // The reader reads the post that is about to change.
    await page.goto(`${first.server.url}posts/${changed.slug}/`);
    await expect.poll(() => page.locator(`[data-article-hash="${changed.hash}"] p`).count()).toBeGreaterThan(3);
    await expect
      .poll(async () => (await readStore<{ slug: string; hash: string }>(page, 'reads')).map((r) => r.hash))
      .toContain(changed.hash);
    // A bookmark made on the old version.
    const bookmark = page.getByRole('button', { name: 'Bookmark', exact: true });
    await expect.poll(() => bookmark.isEnabled()).toBe(true);
    await bookmark.click();
    await expect.poll(() => bookmark.getAttribute('aria-pressed')).toBe('true');
    await first.server.close();

    const log: string[] = [];
    const server = await serve(v2, port, log);
    await page.goto(server.url);
    const prompt = page.getByRole('status').filter({ hasText: 'new version' });
    await expect.poll(() => prompt.count(), { timeout: 30_000 }).toBe(1);

    // Until the reader accepts, this tab keeps working on the old version.
    expect(await page.getByRole('link', { name: 'A Post From the Future' }).count()).toBe(0);
    await page.getByRole('link', { name: v1Posts[0]!.title, exact: true }).click();
    await expect.poll(() => page.locator(`[data-article-hash="${v1Posts[0]!.hash}"] p`).count()).toBeGreaterThan(3);

    let loads = 0;
    page.on('load', () => (loads += 1));
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await page.waitForEvent('load');
    await expect.poll(() => page.getByRole('link', { name: 'A Post From the Future' }).count()).toBe(1);
    await page.waitForTimeout(1000); // room for a second reload, which must not come
    expect(loads).toBe(1);
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('link', { name: 'A Post From the Future' }).count()).toBe(1);
    await expect.poll(() => savedCount(page), { timeout: 30_000 }).toBe(v2Posts.length);
    const revised = v2Posts.find((p) => p.slug === changed.slug)!;
    expect(revised.hash).not.toBe(changed.hash);
    await expect
      .poll(() => page.getByRole('article').filter({ hasText: changed.title }).textContent())
      .toContain('Updated since you read it');

    // The index on the device is the new version's: its manifest, every list page and the search index covering the
    // posts kept, nothing left of the old one.
    await expect
      .poll(async () => (await readStore<{ name: string }>(page, 'index')).map((f) => f.name).sort())
      .toEqual(v2Index);

    // Only what changed came over the network: no unchanged article, and no stylesheet (the styles are in the HTML).
    const unchanged = v1Posts.filter((p) => p.slug !== changed.slug).map((p) => `/${articleFile(p)}`);
    expect(log.filter((p) => unchanged.includes(p))).toEqual([]);
    expect(log).toContain(`/${articleFile(revised)}`);
    expect(log.filter((p) => p.endsWith('.css'))).toEqual([]);

    // Old caches are gone: every cached URL belongs to the new version.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      }
      return urls;
    });
    for (const url of cached)
      expect(url.replace(/^\//, '') || 'index.html', url).toSatisfy((f: string) => {
        try {
          readFileSync(path.join(v2, f.endsWith('/') ? `${f}index.html` : f));
          return true;
        } catch {
          return false;
        }
      });

    // The bookmark survived the update.
    await page.goto(`${server.url}bookmarks/`);
    await expect
      .poll(() => page.getByRole('list', { name: 'Bookmarked posts' }).getByRole('link').first().textContent())
      .toBe(changed.title);

    await server.close();
    const fresh = v2Posts.find((p) => p.slug === NEW_SLUG)!;
    await page.goto(`${server.url}posts/${NEW_SLUG}/`);
    await expect.poll(() => page.getByText('Paragraph 8 of the new post.').count()).toBe(1);
    expect(await page.locator(`[data-article-hash="${fresh.hash}"]`).count()).toBe(1);
    await page.goto(`${server.url}posts/${changed.slug}/`);
    await expect.poll(() => page.getByText('A paragraph added in the revision.').count()).toBe(1);
    await expect.poll(() => page.getByText('This post has been updated since you last read it.').count()).toBe(1);
    expect(problems.filter((p) => p.startsWith('uncaught'))).toEqual([]);
    await page.context().close();
  });

  it('keeps the old version serving when the new deploy is broken', async () => {
    const first = await installV1();
    const { page, port } = first;
    await first.server.close();
    // A deploy with a precached file missing: the new worker cannot install. A deploy of new posts changes only the
    // precached file that names the index (the shell is the same file as before, already in the cache), so that one.
    const broken = mkdtempSync(path.join(tmpdir(), 'reader-broken-'));
    cpSync(v2, broken, { recursive: true });
    const tag = v2Posts[0]!.tags[0]!;
    rmSync(path.join(broken, LATEST_FILE));
    const log: string[] = [];
    const server = await serve(broken, port, log);
    await page.goto(server.url);
    // The new worker tried to install: it asked for the missing file (only an installing worker asks for it).
    await expect.poll(() => log.includes(`/${LATEST_FILE}`), { timeout: 30_000 }).toBe(true);
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const reg = await navigator.serviceWorker.getRegistration();
            return reg?.installing === null && reg.waiting === null && reg.active !== null;
          }),
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(await page.getByRole('status').filter({ hasText: 'new version' }).count()).toBe(0);
    await server.close();
    await page.goto(`${server.url}tags/${tag}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Tagged ${tag}`);
    const post = v1Posts[1]!;
    await page.goto(`${server.url}posts/${post.slug}/`);
    await expect.poll(() => page.locator(`[data-article-hash="${post.hash}"] p`).count()).toBeGreaterThan(3);
    await page.context().close();
  });
});
