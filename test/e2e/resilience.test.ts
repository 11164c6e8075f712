import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DIST,
  launch,
  phonePage,
  publishedPosts,
  savedCount,
  savedVersions,
  type Server,
  startServer,
  versionsOf,
  waitForController,
} from './harness.ts';

// Issue 10: what the browser can take away (Cache Storage, IndexedDB, the running worker) and what a stopped server
// answers must never leave the reader with a broken page, a wrong "Not found", or a progress bar that lies.

const posts = await publishedPosts();
let browser: Browser;
let server: Server | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launch();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  await server?.close();
  server = undefined;
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Console errors other than the network's own reports: with the server stopped, or on a 404 answer, Chromium logs
 * "Failed to load resource"; those are expected, anything else (an uncaught error, a CSP violation) is not.
 */
const unexpected = (problems: string[]) =>
  problems.filter(
    (p) => !/^console: Failed to load resource: (net::ERR_|the server responded with a status of 404)/.test(p),
  );

async function stopServer(): Promise<void> {
  await server?.close();
  server = undefined;
}

/** How many responses the origin's Cache Storage holds, across every cache. */
const cachedEntries = (page: Page): Promise<number> =>
  page.evaluate(async () => {
    let n = 0;
    for (const name of await caches.keys()) n += (await (await caches.open(name)).keys()).length;
    return n;
  });

/** Open the reader once, online; wait until the worker controls it and every published post is saved. */
async function firstVisit(): Promise<{ page: Page; problems: string[]; precached: number }> {
  const visit = await phonePage(browser);
  context = visit.page.context();
  await visit.page.goto(server!.url);
  await waitForController(visit.page);
  await expect.poll(() => savedVersions(visit.page), { timeout: 30_000 }).toEqual(versionsOf(posts));
  const precached = await cachedEntries(visit.page);
  expect(precached).toBeGreaterThan(5);
  return { ...visit, precached };
}

async function clearStorage(page: Page, storageTypes: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes });
  await cdp.detach();
}

/** A post as the reader sees it: its title as the heading, its article's paragraphs, its title in the tab. */
async function showsPost(page: Page, post: (typeof posts)[number]): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(post.title);
  await expect.poll(() => page.locator(`[data-article-hash="${post.hash}"] p`).count()).toBeGreaterThan(5);
  expect(await page.title()).toBe(`${post.title} · Linux Systems`);
}

/** With the server gone: the home list, a tag page (not precached) and a post all render from the device. */
async function readsOffline(page: Page, base: string): Promise<void> {
  await page.goto(base);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('All posts');
  await expect.poll(() => page.getByRole('list', { name: 'Posts' }).getByRole('article').count()).toBe(posts.length);

  const tag = posts[0]!.tags[0]!;
  await page.goto(`${base}tags/${tag}/`);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Tagged ${tag}`);
  const tagged = posts.filter((p) => p.tags.includes(tag));
  await expect
    .poll(() => page.getByRole('list', { name: 'Posts' }).getByRole('article').allTextContents())
    .toEqual(tagged.map((p) => expect.stringContaining(p.title)));

  const post = posts.at(-1)!;
  await page.goto(`${base}posts/${post.slug}/`);
  await showsPost(page, post);
}

describe('storage the browser took away', () => {
  it('Cache Storage evicted, IndexedDB kept: a saved post opens online, the shell comes back, offline works', async () => {
    server = await startServer();
    const base = server.url;
    const { page, problems, precached } = await firstVisit();

    await clearStorage(page, 'cache_storage');
    expect(await cachedEntries(page)).toBe(0);
    expect(await savedCount(page)).toBe(posts.length);

    // The worker finds the post saved and wants the shell, which is gone: it must come from the network.
    const tab = await context!.newPage();
    tab.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    tab.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    const post = posts[1]!;
    const response = await tab.goto(`${base}posts/${post.slug}/`);
    expect(response?.status()).toBe(200);
    await showsPost(tab, post);

    // That page load asked the worker to sync, which puts back every precache entry.
    await expect.poll(() => cachedEntries(tab), { timeout: 30_000 }).toBe(precached);

    await stopServer();
    await readsOffline(tab, base);
    expect(unexpected(problems)).toEqual([]);
  });

  it('IndexedDB cleared, Cache Storage kept: one online visit saves every post again, then offline works', async () => {
    server = await startServer();
    const base = server.url;
    const { page, problems, precached } = await firstVisit();

    await clearStorage(page, 'indexeddb');
    await expect.poll(() => savedCount(page)).toBe(0);
    expect(await cachedEntries(page)).toBe(precached);

    await page.goto(base);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('All posts');
    await expect.poll(() => savedVersions(page), { timeout: 30_000 }).toEqual(versionsOf(posts));

    await stopServer();
    await readsOffline(page, base);
    expect(unexpected(problems)).toEqual([]);
  });

  it('both cleared: one online visit restores the shell and every post, then offline works', async () => {
    server = await startServer();
    const base = server.url;
    const { page, problems, precached } = await firstVisit();

    await clearStorage(page, 'indexeddb,cache_storage');
    await expect.poll(() => savedCount(page)).toBe(0);
    expect(await cachedEntries(page)).toBe(0);

    const post = posts[2]!;
    await page.goto(`${base}posts/${post.slug}/`);
    await showsPost(page, post);
    await expect.poll(() => savedVersions(page), { timeout: 30_000 }).toEqual(versionsOf(posts));
    await expect.poll(() => cachedEntries(page), { timeout: 30_000 }).toBe(precached);

    await stopServer();
    await readsOffline(page, base);
    expect(unexpected(problems)).toEqual([]);
  });
});

interface Frame {
  title: string;
  h1: string;
  main: string;
}

describe('offline pages say the right thing from the first frame', () => {
  it('a saved post opened offline never paints "Not found": its title is the first heading', async () => {
    server = await startServer();
    const base = server.url;
    const { problems } = await firstVisit();
    await stopServer();

    // From document start, every DOM change and every frame records what the reader could see.
    await context!.addInitScript(() => {
      const frames: { title: string; h1: string; main: string }[] = [];
      (window as unknown as { __frames: typeof frames }).__frames = frames;
      const sample = () => {
        const frame = {
          title: document.title,
          h1: document.querySelector('h1')?.textContent?.trim() ?? '',
          main: document.querySelector('main')?.textContent?.trim() ?? '',
        };
        const last = frames.at(-1);
        if (!last || last.title !== frame.title || last.h1 !== frame.h1 || last.main !== frame.main) frames.push(frame);
      };
      new MutationObserver(sample).observe(document, {
        childList: true,
        subtree: true,
        characterData: true,
      });
      const tick = () => {
        sample();
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      sample();
    });

    for (const post of [posts[0]!, posts.at(-1)!]) {
      const tab = await context!.newPage();
      tab.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
      tab.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
      const response = await tab.goto(`${base}posts/${post.slug}/`);
      expect(response?.status()).toBe(200);
      await showsPost(tab, post);
      const frames = await tab.evaluate(() => (window as unknown as { __frames: Frame[] }).__frames);
      expect(frames.length).toBeGreaterThan(1);
      expect(frames.filter((f) => /not found/i.test(`${f.title} ${f.h1} ${f.main}`))).toEqual([]);
      expect(frames.find((f) => f.h1 !== '')?.h1).toBe(post.title);
      await tab.close();
    }
    expect(unexpected(problems)).toEqual([]);
  });

  for (const condition of ['server stopped', 'browser offline'] as const) {
    it(`/feed.xml and a mistyped address answer 404 "Not found" (${condition})`, async () => {
      server = await startServer();
      const base = server.url;
      const { page, problems } = await firstVisit();
      if (condition === 'server stopped') await stopServer();
      else await context!.setOffline(true);

      for (const address of ['feed.xml', 'posts/no-such-post-here/x/', 'setings/']) {
        const response = await page.goto(`${base}${address}`);
        expect(response?.status(), address).toBe(404);
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
        expect(await page.title()).toBe('Not found · Linux Systems');
      }
      // A real route next to them still renders from the device.
      await page.goto(`${base}posts/${posts[0]!.slug}/`);
      await showsPost(page, posts[0]!);
      expect(unexpected(problems)).toEqual([]);
    });
  }
});

/** A server that answers article payloads slowly, so a first visit's save can be caught halfway. */
const slowArticles = (delay: number) =>
  startServer({
    onRequest(req, res) {
      const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
      if (!/^articles\/[a-z0-9-]+\.[0-9a-f]{12}\.json$/.test(name)) return false;
      const body = readFileSync(path.join(DIST, name));
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
        res.end(body);
      }, delay);
      return true;
    },
  });

describe('a save the browser stopped', () => {
  // Read without waiting: a page that shows no progress at all must fail the poll, not hang on the locator.
  const label = (page: Page) =>
    page.evaluate(() => document.querySelector('.progress label')?.textContent ?? '(no progress shown)');
  const saveAll = (page: Page) => page.getByRole('button', { name: /^Save all/ });

  it('Settings showing progress: the worker stopped mid-save, the page asks again and the save finishes', async () => {
    server = await slowArticles(700);
    const { page, problems } = await phonePage(browser);
    context = page.context();
    await page.goto(`${server.url}settings/`);
    await waitForController(page);
    await expect.poll(() => savedCount(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => label(page)).toMatch(/^Saving \d+ of /);

    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const stalled = await label(page);
    const savedWhenStopped = await savedCount(page);
    expect(savedWhenStopped).toBeLessThan(posts.length);
    expect(stalled).toMatch(/^Saving \d+ of /);
    expect(await saveAll(page).isDisabled()).toBe(true);

    // Nothing heard for 10 s: the page asks again, the restarted worker resumes and reports.
    await expect.poll(() => label(page), { timeout: 20_000 }).not.toBe(stalled);
    await expect.poll(() => label(page), { timeout: 30_000 }).toBe(`Saved ${posts.length} of ${posts.length} posts`);
    await expect.poll(() => saveAll(page).isEnabled()).toBe(true);
    expect(await savedVersions(page)).toEqual(versionsOf(posts));
    expect(unexpected(problems)).toEqual([]);
  });

  it('the worker stopped mid-save on a first visit, then Settings opened: no frozen "Saving n of m"', async () => {
    server = await slowArticles(700);
    const { page, problems } = await phonePage(browser);
    context = page.context();
    await page.goto(server.url);
    await waitForController(page);
    await expect.poll(() => savedCount(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    expect(await savedCount(page)).toBeLessThan(posts.length);

    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');

    await page.goto(`${server.url}settings/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    // Either the save visibly moves on, or it reads done; within ~20 s it must end with the button usable.
    await expect.poll(() => label(page), { timeout: 25_000 }).toBe(`Saved ${posts.length} of ${posts.length} posts`);
    await expect.poll(() => saveAll(page).isEnabled()).toBe(true);
    expect(await savedVersions(page)).toEqual(versionsOf(posts));
    expect(unexpected(problems)).toEqual([]);
  });
});
