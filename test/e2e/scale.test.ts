import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildInto } from '../build/build-helper.ts';
import { LATEST_FILE } from '../../src/shared/index-files.ts';
import type { IndexManifest, ListChunk } from '../../src/shared/types.ts';
import { launch, phonePage, ROOT, type Server, startServer, waitForController } from './harness.ts';

// The reader at 1,000 posts: paged lists online, without JavaScript and offline, a sync that survives its worker
// being stopped, and a bookmark kept beyond a small budget. Built from the synthetic corpus into a temporary folder.

const POSTS = 1000;
let dist: string;
let postsDir: string;
let manifest: IndexManifest;
let indexFiles: number;
const chunk = (name: string): ListChunk => JSON.parse(readFileSync(path.join(dist, name), 'utf8')) as ListChunk;
const homePage = (n: number) => chunk(manifest.home[n - 1]!);
const allPosts = () => manifest.home.flatMap((name) => chunk(name).posts);
/** A tag with at least two pages, and its chunks. */
const pagedTag = () => manifest.tags.find((t) => t.pages.length >= 2)!;

let browser: Browser;
let server: Server | undefined;
const contexts: BrowserContext[] = [];

/** Records in one store of the reader's database, counted in the page without reading them. */
const countStore = (page: Page, store: string): Promise<number> =>
  page.evaluate(
    (name) =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('linux-systems-reader');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) return (db.close(), resolve(0));
          const req = db.transaction(name).objectStore(name).count();
          req.onsuccess = () => (db.close(), resolve(req.result));
        };
      }),
    store,
  );

/** Whether a key is in a store. */
const hasKey = (page: Page, store: string, key: string): Promise<boolean> =>
  page.evaluate(
    ([name, k]) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('linux-systems-reader');
        open.onsuccess = () => {
          const req = open.result.transaction(name!).objectStore(name!).getKey(k!);
          req.onsuccess = () => (open.result.close(), resolve(req.result !== undefined));
        };
      }),
    [store, key],
  );

/** A new phone-sized context on the current server, opened at `at`, with the worker in control. */
async function visit(at = '') {
  const { page, problems } = await phonePage(browser);
  contexts.push(page.context());
  await page.goto(server!.url + at);
  await waitForController(page);
  return { page, problems, context: page.context() };
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const listTitles = (page: Page) => page.getByRole('list', { name: 'Posts' }).locator('article h2 a').allTextContents();
/** Console errors other than the failed loads a stopped server or a dead network cause. */
const notNetwork = (problems: string[]) =>
  problems.filter((p) => !/net::ERR_(CONNECTION_REFUSED|INTERNET_DISCONNECTED)/.test(p));

/** A list page as a reader sees it: heading, posts in order, document title. */
async function expectList(page: Page, list: ListChunk, h1: string, title: string) {
  await expect.poll(() => heading(page), { timeout: 15_000 }).toBe(h1);
  const titles = await listTitles(page);
  expect(titles).toHaveLength(20);
  expect(titles).toEqual(list.posts.map((p) => p.title));
  await expect.poll(() => page.title()).toBe(title);
}

async function expectPost(page: Page, post: { title: string; hash: string }) {
  await expect.poll(() => heading(page), { timeout: 15_000 }).toBe(post.title);
  await expect.poll(() => page.locator(`[data-article-hash="${post.hash}"] p`).count()).toBeGreaterThan(5);
  expect(await page.title()).toBe(`${post.title} · Linux Systems`);
}

beforeAll(async () => {
  postsDir = mkdtempSync(path.join(tmpdir(), 'reader-corpus-'));
  execFileSync('node', [path.join(ROOT, 'scripts/corpus.mjs'), '--posts', String(POSTS), '--out', postsDir]);
  dist = await buildInto({ POSTS_DIR: postsDir });
  // Every index file but latest.json, which only names the manifest and is precached, not synced.
  const names = readdirSync(path.join(dist, 'index')).filter((f) => `index/${f}` !== LATEST_FILE);
  indexFiles = names.length;
  manifest = JSON.parse(
    readFileSync(
      path.join(
        dist,
        'index',
        names.find((n) => n.startsWith('manifest.'))!,
      ),
      'utf8',
    ),
  );
  browser = await launch();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await server?.close();
  server = undefined;
});
afterAll(async () => {
  await browser?.close();
  rmSync(postsDir, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
});

describe('a blog of 1,000 posts', () => {
  it('pages its lists online, and without JavaScript', async () => {
    expect(manifest.total).toBe(POSTS);
    expect(manifest.home).toHaveLength(50);
    server = await startServer({ root: dist });
    const { page, problems } = await visit();
    await expectList(page, homePage(1), 'All posts · page 1 of 50', 'Linux Systems');
    for (const n of [2, 3]) {
      await page.getByRole('link', { name: 'Older' }).click();
      await expect.poll(() => page.url()).toBe(`${server.url}page/${n}/`);
      await expectList(page, homePage(n), `All posts · page ${n} of 50`, `All posts (page ${n} of 50) · Linux Systems`);
    }
    expect(new Set([1, 2, 3].flatMap((n) => homePage(n).posts.map((p) => p.slug))).size).toBe(60);

    const html = await (await fetch(`${server.url}page/2/`)).text();
    expect(html).toContain('<link rel="prev" href="/">');
    expect(html).toContain('<link rel="next" href="/page/3/">');
    expect(html).toContain('<title>All posts (page 2 of 50) · Linux Systems</title>');

    const tag = pagedTag();
    const tagTitle = (n: number) => `Posts tagged ${tag.tag} (page ${n} of ${tag.pages.length}) · Linux Systems`;
    await page.goto(`${server.url}tags/${tag.tag}/`);
    await expectList(page, chunk(tag.pages[0]!), `Tagged ${tag.tag} · page 1 of ${tag.pages.length}`, tagTitle(1));
    await page.getByRole('link', { name: 'Older' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}tags/${tag.tag}/page/2/`);
    await expectList(page, chunk(tag.pages[1]!), `Tagged ${tag.tag} · page 2 of ${tag.pages.length}`, tagTitle(2));
    expect(problems).toEqual([]);

    const noJs = await browser.newContext({ javaScriptEnabled: false });
    contexts.push(noJs);
    const plain = await noJs.newPage();
    await plain.goto(server.url);
    expect(await listTitles(plain)).toEqual(homePage(1).posts.map((p) => p.title));
    await plain.getByRole('link', { name: 'Older' }).click();
    await plain.getByRole('link', { name: 'Older' }).click();
    expect(plain.url()).toBe(`${server.url}page/3/`);
    await expectList(plain, homePage(3), 'All posts · page 3 of 50', 'All posts (page 3 of 50) · Linux Systems');
    await plain.getByRole('link', { name: 'Newer' }).click();
    expect(plain.url()).toBe(`${server.url}page/2/`);
    await plain.goto(`${server.url}tags/${tag.tag}/`);
    await plain.getByRole('link', { name: 'Older' }).click();
    await expectList(plain, chunk(tag.pages[1]!), `Tagged ${tag.tag} · page 2 of ${tag.pages.length}`, tagTitle(2));
  });

  it.each(['server stopped', 'browser offline'])('pages its lists offline (%s)', async (how) => {
    server = await startServer({ root: dist });
    const { page, problems, context } = await visit();
    await expect.poll(() => countStore(page, 'index'), { timeout: 30_000 }).toBe(indexFiles);
    const seventh = homePage(7);
    const post = seventh.posts[3]!;
    await expect.poll(() => hasKey(page, 'articles', post.slug), { timeout: 60_000 }).toBe(true);
    const url = server.url;
    if (how === 'server stopped') {
      await server.close();
      server = undefined;
    } else await context.setOffline(true);

    const tag = pagedTag();
    const fresh = await phonePage(context);
    await fresh.page.goto(`${url}page/7/`);
    await expectList(fresh.page, seventh, 'All posts · page 7 of 50', 'All posts (page 7 of 50) · Linux Systems');
    await fresh.page.goto(`${url}tags/${tag.tag}/page/2/`);
    await expectList(
      fresh.page,
      chunk(tag.pages[1]!),
      `Tagged ${tag.tag} · page 2 of ${tag.pages.length}`,
      `Posts tagged ${tag.tag} (page 2 of ${tag.pages.length}) · Linux Systems`,
    );
    await fresh.page.goto(`${url}posts/${post.slug}/`);
    await expectPost(fresh.page, post);
    expect(notNetwork([...problems, ...fresh.problems])).toEqual([]);
  });

  it('finds a word in one old post by loading only the shards the term directory names', async () => {
    server = await startServer({ root: dist });
    // No worker: its sync would fetch every shard; this is what the query itself loads.
    const { page, problems } = await phonePage(browser, { serviceWorkers: 'block' });
    contexts.push(page.context());
    const asked: string[] = [];
    page.on('request', (r) => {
      const at = new URL(r.url()).pathname;
      if (/^\/index\/(search|terms)-/.test(at)) asked.push(at.slice(1));
    });
    // The post in the middle of the blog, in the 11th shard of 20; its listings alone call handler_<10 i + 3>, i being
    // its number in the corpus (scripts/corpus.mjs).
    const post = allPosts()[POSTS / 2]!;
    const word = `handler_${(Number(post.slug.slice(-5)) - 1) * 10 + 3}`;
    const saying = readdirSync(postsDir)
      .filter((f) => f.endsWith('.md'))
      .filter((f) => readFileSync(path.join(postsDir, f), 'utf8').includes(word));
    expect(saying).toEqual([`${post.slug}.md`]);
    await page.goto(`${server.url}search/?q=${word}`);
    await expect
      .poll(() => page.locator('.search-page [role="status"]').textContent(), { timeout: 15_000 })
      .toBe(`1 post found for “${word}”`);
    await expect(page.locator('ol.search-results > li').allTextContents()).resolves.toEqual([
      expect.stringContaining(post.title),
    ]);
    // Of 20 shards, the one holding the post; of the directory, the files with the name and its parts
    // (`handler` and the name sort together, the number part apart).
    expect(manifest.search).toHaveLength(20);
    expect(asked.filter((f) => f.startsWith('index/search-'))).toEqual([manifest.search[10]]);
    expect(asked.filter((f) => f.startsWith('index/terms-')).length).toBeLessThanOrEqual(2);
    expect(problems).toEqual([]);
  });

  it('resumes a sync whose worker was stopped, and stores no half article', async () => {
    server = await startServer({ root: dist });
    const { page, problems, context } = await visit();
    await expect.poll(() => countStore(page, 'articles'), { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(50);
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const atStop = await countStore(page, 'articles');
    expect(atStop).toBeLessThan(POSTS);
    // Stopped: nothing more is saved while no one asks (in-flight saves may land first).
    await page.waitForTimeout(1500);
    const stalled = await countStore(page, 'articles');
    await page.waitForTimeout(1500);
    expect(await countStore(page, 'articles')).toBe(stalled);

    // The page hears nothing for 10 s and asks again, without a reload; a reload asks too.
    await expect.poll(() => countStore(page, 'articles'), { timeout: 20_000 }).toBeGreaterThan(stalled);
    await page.reload();
    await expect.poll(() => countStore(page, 'articles'), { timeout: 90_000 }).toBe(POSTS);
    const expected = Object.fromEntries(allPosts().map((p) => [p.slug, p.hash]));
    const stored = await page.evaluate(
      () =>
        new Promise<{ articles: [string, string, string][]; saved: [string, string][] }>((resolve) => {
          const open = indexedDB.open('linux-systems-reader');
          open.onsuccess = () => {
            const tx = open.result.transaction(['articles', 'saved']);
            const a = tx.objectStore('articles').getAll();
            const s = tx.objectStore('saved').getAll();
            tx.oncomplete = async () => {
              const sha = async (text: string) =>
                [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).slice(0, 6)]
                  .map((b) => b.toString(16).padStart(2, '0'))
                  .join('');
              // The hash each stored body actually has, beside the one it claims.
              const articles = await Promise.all(
                a.result.map(async ({ hash, bytes: _b, savedAt: _s, ...body }) => [
                  body.slug,
                  hash,
                  await sha(JSON.stringify(body)),
                ]),
              );
              resolve({
                articles: articles as [string, string, string][],
                saved: s.result.map((r) => [r.slug, r.hash]),
              });
            };
          };
        }),
    );
    expect(Object.fromEntries(stored.articles.map(([slug, hash]) => [slug, hash]))).toEqual(expected);
    expect(stored.articles.filter(([, claimed, actual]) => claimed !== actual)).toEqual([]);
    expect(Object.fromEntries(stored.saved)).toEqual(expected);
    await page.goto(`${server.url}settings/`);
    await expect
      .poll(() => page.locator('label[for="save-progress"]').textContent(), { timeout: 15_000 })
      .toBe('Saved 1000 of 1000 posts');
    expect(problems).toEqual([]);
  });

  it('keeps a bookmarked post beyond a small budget readable offline', async () => {
    server = await startServer({ root: dist });
    const { page, problems, context } = await visit('settings/');
    await expect.poll(() => countStore(page, 'articles'), { timeout: 90_000 }).toBe(POSTS);
    await expect.poll(() => page.getByRole('radio', { name: 'The newest posts, up to a size' }).isEnabled()).toBe(true);
    await page.getByRole('radio', { name: 'The newest posts, up to a size' }).check();
    await page.getByRole('combobox', { name: 'Up to' }).selectOption(String(10 * 1024 * 1024));
    // The newest posts that fit 10 MB, and no more.
    const posts = allPosts();
    let fit = 0;
    for (let used = 0; fit < posts.length && used + posts[fit]!.bytes <= 10 * 1024 * 1024; fit++)
      used += posts[fit]!.bytes;
    expect(fit).toBeLessThan(POSTS / 2);
    await expect.poll(() => countStore(page, 'articles'), { timeout: 30_000 }).toBe(fit);

    const last = homePage(50).posts;
    const [old, unsaved] = [last.at(-1)!, last.at(-2)!];
    await page.goto(`${server.url}posts/${old.slug}/`);
    await expectPost(page, old);
    const bookmark = page.getByRole('button', { name: 'Bookmark', exact: true });
    await expect.poll(() => bookmark.isEnabled()).toBe(true);
    await bookmark.click();
    await expect.poll(() => bookmark.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => hasKey(page, 'articles', old.slug), { timeout: 30_000 }).toBe(true);
    expect(await countStore(page, 'articles')).toBe(fit + 1);

    const url = server.url;
    await server.close();
    server = undefined;
    const fresh = await phonePage(context);
    await fresh.page.goto(`${url}posts/${old.slug}/`);
    await expectPost(fresh.page, old);

    // A post beyond the budget, not bookmarked: an honest message, not a blank page.
    await fresh.page.goto(`${url}posts/${unsaved.slug}/`);
    await expect
      .poll(() => fresh.page.getByRole('alert').textContent(), { timeout: 15_000 })
      .toBe('This page could not be loaded: the network is not reachable.Try again');
    expect(notNetwork([...problems, ...fresh.problems])).toEqual([]);
  });
});
