import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInto } from '../build/build-helper.ts';
import {
  launch,
  phonePage,
  publishedPosts,
  savedLede,
  savedVersions,
  startServer,
  versionsOf,
  waitForController,
} from './harness.ts';

// Image URLs in the articles carry the base, so their content hashes differ from a root build's.
const posts = await publishedPosts('/blog/');
let browser: Browser;
let dist = '';

beforeAll(async () => {
  dist = await buildInto({ BASE: '/blog/' });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('hosted under a sub-path (BASE=/blog/)', () => {
  it('reads, navigates and works offline under /blog/', async () => {
    const server = await startServer({ root: dist, base: '/blog/' });
    expect(server.url).toMatch(/\/blog\/$/);
    const { page, problems } = await phonePage(browser);
    await page.goto(server.url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('All posts');
    const post = posts[1]!;
    await page.getByRole('link', { name: post.title, exact: true }).click();
    await page.waitForURL(`**/blog/posts/${post.slug}/`);
    await expect.poll(() => page.locator(`[data-article-hash="${post.hash}"] p`).count()).toBeGreaterThan(3);
    await waitForController(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/blog\/sw\.js$/);
    await page.goto(`${server.url}settings/`);
    await expect
      .poll(() => page.locator('p.lede').textContent(), { timeout: 30_000 })
      .toMatch(savedLede(posts.length, posts.length));
    expect(await savedVersions(page)).toEqual(versionsOf(posts));

    await server.close();
    const last = posts.at(-1)!;
    await page.goto(`${server.url}posts/${last.slug}/`);
    await expect.poll(() => page.locator(`[data-article-hash="${last.hash}"] p`).count()).toBeGreaterThan(3);
    await page.getByRole('link', { name: 'Linux Systems' }).click();
    await page.waitForURL(server.url);
    expect(await page.getByRole('list', { name: 'Posts' }).getByRole('article').count()).toBe(posts.length);
    expect(problems.filter((p) => p.startsWith('uncaught'))).toEqual([]);
    await page.context().close();
  });
});
