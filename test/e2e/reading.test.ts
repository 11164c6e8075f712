import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measure } from '../../scripts/size-check.mjs';
import { DIST, launch, phonePage, publishedPosts, type Server, startServer, waitForController } from './harness.ts';

const posts = await publishedPosts();

let browser: Browser;
let server: Server;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('reading on a phone, on a plain static host', () => {
  it('runs no JavaScript on a first visit to the home page beyond what the size check counts', async () => {
    const { page, problems } = await phonePage(browser);
    const loaded = new Set<string>();
    page.on('response', (r) => {
      const url = new URL(r.url());
      if (r.request().resourceType() === 'script' && url.pathname.endsWith('.js')) loaded.add(url.pathname.slice(1));
    });
    await page.goto(server.url);
    await waitForController(page);
    await page.waitForTimeout(1500); // the idle-time fetch of the post page
    const counted = new Set(measure(DIST).scripts.map((s: { file: string }) => s.file));
    expect(loaded.size).toBeGreaterThanOrEqual(3);
    expect([...loaded].filter((f) => f !== 'sw.js' && !counted.has(f))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('walks home → tag → post, each page painted by its HTML and live after hydration', async () => {
    const { page, problems } = await phonePage(browser);
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('All posts');
    const list = page.getByRole('list', { name: 'Posts' });
    expect(await list.getByRole('article').count()).toBe(posts.length);

    const first = posts[0]!;
    const tag = first.tags[0]!;
    await list.getByRole('article').first().getByRole('link', { name: tag, exact: true }).click();
    await page.waitForURL(`**/tags/${tag}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Tagged ${tag}`);
    const tagged = posts.filter((p) => p.tags.includes(tag));
    expect(await page.getByRole('list', { name: 'Posts' }).getByRole('article').count()).toBe(tagged.length);
    expect(await page.locator('p.lede').textContent()).toBe(`${tagged.length} post${tagged.length === 1 ? '' : 's'}`);

    await page.getByRole('link', { name: first.title, exact: true }).click();
    await page.waitForURL(`**/posts/${first.slug}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(first.title);
    await expect.poll(() => page.locator('article .prose p').count()).toBeGreaterThan(3);
    expect(await page.title()).toBe(`${first.title} · Linux Systems`);

    // Nothing scrolls sideways at 360 px; code blocks scroll inside themselves.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  });

  it('opens a deep link to every post directly, with the whole article in the HTML', async () => {
    // No worker: every page comes from the static host, as on a first visit.
    const { page, problems } = await phonePage(browser, { serviceWorkers: 'block' });
    for (const post of posts) {
      const response = await page.goto(`${server.url}posts/${post.slug}/`);
      expect(response?.status()).toBe(200);
      expect(await response?.text()).toContain(`data-article-hash="${post.hash}"`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(post.title);
      await expect.poll(() => page.locator(`[data-article-hash="${post.hash}"]`).count()).toBe(1);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      expect(overflow, post.slug).toBeLessThanOrEqual(0);
    }
    expect(problems).toEqual([]);
  });

  it('answers an unknown address with the "not found" page and status 404', async () => {
    const { page, problems } = await phonePage(browser);
    const response = await page.goto(`${server.url}no/such/page/`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
    await page.getByRole('link', { name: 'Go to all posts' }).click();
    await page.waitForURL(server.url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('All posts');
    // The browser logs the 404 of the page itself; nothing else may go wrong.
    expect(problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
    expect(problems).toHaveLength(1);
  });

  it('goes back with the browser button', async () => {
    const { page } = await phonePage(browser);
    await page.goto(server.url);
    const first = posts[0]!;
    await page.getByRole('link', { name: first.title, exact: true }).click();
    await page.waitForURL(`**/posts/${first.slug}/`);
    await page.goBack();
    await page.waitForURL(server.url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('All posts');
  });
});
