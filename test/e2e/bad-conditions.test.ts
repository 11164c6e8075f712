import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { articleFile } from '../../src/shared/routes.ts';
import {
  launch,
  phonePage,
  publishedPosts,
  readStore,
  savedCount,
  savedLede,
  savedVersions,
  type Server,
  startServer,
  versionsOf,
  waitForController,
} from './harness.ts';

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

const uncaught = (problems: string[]) => problems.filter((p) => p.startsWith('uncaught'));

describe('bad conditions', () => {
  it('stores nothing of an article whose connection drops halfway, and saves it on a later visit', async () => {
    const victim = posts[3]!;
    let cut = true;
    server = await startServer({
      onRequest(req, res) {
        if (!cut || !req.url?.endsWith(articleFile(victim))) return false;
        // Headers promise the whole body; half of it arrives, then the connection is destroyed.
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(victim.bytes) });
        res.write('{"slug":"' + victim.slug + '","hash":"' + victim.hash + '","html":"<p>half');
        setTimeout(() => res.destroy(), 50);
        return true;
      },
    });
    const { page, problems } = await phonePage(browser);
    context = page.context();
    await page.goto(server.url);
    await waitForController(page);
    await page.goto(`${server.url}settings/`);
    await expect
      .poll(() => page.locator('p.lede').textContent(), { timeout: 30_000 })
      .toMatch(savedLede(posts.length - 1, posts.length));
    await expect
      .poll(() => page.locator('.progress label').textContent())
      .toBe(`Saved ${posts.length - 1} of ${posts.length} posts, 1 failed`);
    expect(await savedCount(page)).toBe(posts.length - 1);

    cut = false;
    await page.getByRole('button', { name: 'Save all' }).click();
    await expect
      .poll(() => page.locator('p.lede').textContent(), { timeout: 30_000 })
      .toMatch(savedLede(posts.length, posts.length));
    expect(await savedVersions(page)).toEqual(versionsOf(posts));
    await page.goto(`${server.url}posts/${victim.slug}/`);
    await expect.poll(() => page.locator(`[data-article-hash="${victim.hash}"] p`).count()).toBeGreaterThan(5);
    expect(uncaught(problems)).toEqual([]);
  });

  it('tells the reader when storage is full, and keeps working', async () => {
    server = await startServer();
    const origin = new URL(server.url).origin;
    // How much the shell takes, measured in a first profile. Chromium enforces a quota override only on storage
    // opened after it, so the second profile gets it before its first visit.
    const probe = await phonePage(browser);
    await probe.page.goto(server.url);
    await waitForController(probe.page);
    const shell = await probe.page.evaluate(async () => {
      const details = ((await navigator.storage.estimate()) as { usageDetails?: Record<string, number> }).usageDetails;
      return (details?.caches ?? 0) + (details?.serviceWorkerRegistrations ?? 0);
    });
    await probe.page.context().close();
    expect(shell).toBeGreaterThan(100_000);

    const { page, problems } = await phonePage(browser);
    context = page.context();
    const cdp = await context.newCDPSession(page);
    // Room for the shell and about two articles, not for all ten.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: shell + 150_000 });
    await page.goto(server.url);
    await waitForController(page);
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'storage is full' }).count(), { timeout: 30_000 })
      .toBe(1);
    const before = await savedVersions(page);
    expect(Object.keys(before).length).toBeLessThan(posts.length);
    // The reader can still bookmark: the bookmark is stored, or the reader is told it could not be, never lost in
    // silence. Which one is the browser's: Chromium (150) does not report an overridden quota in estimate(), so the
    // sync's headroom cannot see it, and admits a write against a usage count that lags, so the last article stored can
    // take the disk past the quota; then no write fits until saved posts nobody holds are removed for it and the
    // browser reclaims their room (measured: one removal and seconds of waiting freed nothing; three did). Either way
    // what stays saved is what was, unchanged, and the post bookmarked stays if it was saved.
    const bookmark = page.getByRole('button', { name: `Bookmark: ${posts[0]!.title}` });
    const refused = page.getByRole('alert').filter({ hasText: 'this change could not be saved' });
    await bookmark.click();
    await expect
      .poll(async () => ((await refused.count()) > 0 ? 'refused' : await bookmark.getAttribute('aria-pressed')))
      .toMatch(/^(true|refused)$/);
    const stored = (await readStore<{ slug: string }>(page, 'bookmarks')).map((b) => b.slug);
    expect(stored).toEqual((await refused.count()) > 0 ? [] : [posts[0]!.slug]);
    const after = await savedVersions(page);
    for (const [slug, hash] of Object.entries(after)) expect(hash).toBe(before[slug] ?? versionsOf(posts)[slug]);
    if (before[posts[0]!.slug]) expect(after[posts[0]!.slug]).toBe(before[posts[0]!.slug]);
    // Reading goes on from the network.
    const post = posts.at(-1)!;
    await page.getByRole('link', { name: post.title, exact: true }).click();
    await expect.poll(() => page.locator(`[data-article-hash="${post.hash}"] p`).count()).toBeGreaterThan(5);
    expect(uncaught(problems)).toEqual([]);
  });

  it('reads online with a clear message when IndexedDB is unavailable', async () => {
    server = await startServer();
    const { page, problems } = await phonePage(browser);
    context = page.context();
    await context.addInitScript(() => {
      IDBFactory.prototype.open = function () {
        throw new DOMException('IndexedDB is disabled', 'InvalidStateError');
      };
    });
    await page.goto(server.url);
    await waitForController(page);
    const post = posts[0]!;
    await page.getByRole('link', { name: post.title, exact: true }).click();
    await expect.poll(() => page.locator(`[data-article-hash="${post.hash}"] p`).count()).toBeGreaterThan(5);
    await page.goto(`${server.url}settings/`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('does not let the reader store posts');
    expect(problems).toEqual([]);
  });

  it('notices storage cleared under it and saves every post again', async () => {
    server = await startServer();
    const { page, problems } = await phonePage(browser);
    context = page.context();
    await page.goto(server.url);
    await waitForController(page);
    await expect.poll(() => savedCount(page), { timeout: 30_000 }).toBe(posts.length);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', {
      origin: new URL(server.url).origin,
      storageTypes: 'indexeddb',
    });
    await expect.poll(() => savedCount(page)).toBeLessThan(posts.length);
    await page.reload();
    await expect.poll(() => savedCount(page), { timeout: 30_000 }).toBe(posts.length);
    expect(uncaught(problems)).toEqual([]);
  });
});
