import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launch,
  phonePage,
  publishedPosts,
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

/** Open the reader once, online, and wait until the worker saved every post. */
async function firstVisit(): Promise<{ page: Page; problems: string[] }> {
  const visit = await phonePage(browser);
  context = visit.page.context();
  await visit.page.goto(server!.url);
  await waitForController(visit.page);
  await visit.page.goto(`${server!.url}settings/`);
  await expect
    .poll(() => visit.page.locator('p.lede').textContent(), { timeout: 30_000 })
    .toMatch(savedLede(posts.length, posts.length));
  // Every post, and each at the version this build published.
  expect(await savedVersions(visit.page)).toEqual(versionsOf(posts));
  return visit;
}

beforeAll(async () => {
  browser = await launch();
});
afterEach(async () => {
  await context?.close();
  await server?.close();
  server = undefined;
});
afterAll(async () => {
  await browser?.close();
});

async function readsEverything(page: Page, base: string) {
  await page.goto(base);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('All posts');
  expect(await page.getByRole('list', { name: 'Posts' }).getByRole('article').count()).toBe(posts.length);
  await expect.poll(() => page.getByText('Saved offline').count()).toBe(posts.length);

  const tag = posts[0]!.tags[0]!;
  await page.goto(`${base}tags/${tag}/`);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Tagged ${tag}`);
  // Tag pages are not in the shell's precache: the shell renders this one from the index the worker kept.
  const tagged = posts.filter((p) => p.tags.includes(tag));
  await expect
    .poll(() => page.getByRole('list', { name: 'Posts' }).getByRole('article').allTextContents())
    .toEqual(tagged.map((p) => expect.stringContaining(p.title)));

  for (const post of posts) {
    await page.goto(`${base}posts/${post.slug}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(post.title);
    await expect.poll(() => page.locator(`[data-article-hash="${post.hash}"] p`).count()).toBeGreaterThan(5);
    expect(await page.title()).toBe(`${post.title} · Linux Systems`);
  }

  // A deep link opened in a new tab, as from a home-screen bookmark.
  const tab = await page.context().newPage();
  const last = posts.at(-1)!;
  await tab.goto(`${base}posts/${last.slug}/`);
  expect(await tab.getByRole('heading', { level: 1 }).textContent()).toBe(last.title);
  await expect.poll(() => tab.locator(`[data-article-hash="${last.hash}"] p`).count()).toBeGreaterThan(5);
  await tab.close();

  // An in-app tap from the list to a post.
  await page.goto(base);
  await page.getByRole('link', { name: posts[1]!.title, exact: true }).click();
  await expect.poll(() => page.locator(`[data-article-hash="${posts[1]!.hash}"] p`).count()).toBeGreaterThan(5);

  // Offline, an address that is no route answers the precached "not found" page with its honest status.
  const missing = await page.goto(`${base}no/such/page/`);
  expect(missing?.status()).toBe(404);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
}

describe('offline after one visit', () => {
  it('reads every page with the server stopped', async () => {
    server = await startServer();
    const { page, problems } = await firstVisit();
    const url = server.url;
    await server.close();
    server = undefined;
    await readsEverything(page, url);
    // Stopped server: fetches fail, so errors about them are expected; nothing uncaught.
    expect(problems.filter((p) => p.startsWith('uncaught'))).toEqual([]);
  });

  it('reads every page when the browser says it is offline', async () => {
    server = await startServer();
    const { page, problems } = await firstVisit();
    await page.context().setOffline(true);
    await readsEverything(page, server.url);
    // The last page read (not found) says so once it has mounted: waited for, as the pages above are.
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Offline' }).count()).toBe(1);
    expect(problems.filter((p) => p.startsWith('uncaught'))).toEqual([]);
  });
});
