import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  launchPersistent,
  publishedPosts,
  savedCount,
  type Server,
  startServer,
  waitForController,
} from './harness.ts';

const posts = await publishedPosts();
let server: Server | undefined;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
  await server?.close();
  server = undefined;
});

async function profile() {
  const p = await launchPersistent();
  cleanups.push(p.remove, () => p.context.close());
  return p;
}

async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

async function installReader(context: BrowserContext): Promise<Page> {
  const page = await firstPage(context);
  await page.goto(server!.url);
  await waitForController(page);
  await expect.poll(() => savedCount(page), { timeout: 30_000 }).toBe(posts.length);
  return page;
}

describe('bookmarks', () => {
  it('bookmarks a post offline, survives a browser restart with no network, reads it and removes it', async () => {
    server = await startServer();
    const url = server.url;
    const first = await profile();
    const page = await installReader(first.context);
    await server.close();
    server = undefined;

    const post = posts[4]!;
    await page.goto(`${url}posts/${post.slug}/`);
    const toggle = page.getByRole('button', { name: 'Bookmark', exact: true });
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await first.context.close();

    // The phone restarts; still no network.
    const again = await launchPersistent(first.dir);
    cleanups.push(() => again.context.close());
    const reopened = await firstPage(again.context);
    await reopened.goto(url);
    await reopened.getByRole('link', { name: 'Bookmarks' }).click();
    const list = reopened.getByRole('list', { name: 'Bookmarked posts' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    expect(await list.textContent()).toContain('saved offline');
    await list.getByRole('link', { name: post.title }).click();
    await expect.poll(() => reopened.locator(`[data-article-hash="${post.hash}"] p`).count()).toBeGreaterThan(5);

    await reopened.getByRole('link', { name: 'Bookmarks' }).click();
    await list.getByRole('button', { name: `Bookmark: ${post.title}` }).click();
    await expect.poll(() => reopened.getByText(/No bookmarks yet/).count()).toBe(1);
  });

  it('exports bookmarks to a file and imports them into a fresh profile', async () => {
    server = await startServer();
    const from = await profile();
    const page = await installReader(from.context);
    for (const post of [posts[1]!, posts[6]!]) {
      const toggle = page.getByRole('button', { name: `Bookmark: ${post.title}` });
      await expect.poll(() => toggle.isEnabled()).toBe(true);
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    }
    await page.goto(`${server.url}bookmarks/`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export bookmarks' }).click(),
    ]);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.bookmarks.map((b: { slug: string }) => b.slug)).toEqual([posts[6]!.slug, posts[1]!.slug]);

    const to = await profile();
    const fresh = await firstPage(to.context);
    await fresh.goto(`${server.url}bookmarks/`);
    await expect.poll(() => fresh.getByText(/No bookmarks yet/).count()).toBe(1);
    await fresh.getByLabel('Import bookmarks').setInputFiles(file);
    await expect.poll(() => fresh.getByRole('status').filter({ hasText: 'Added 2 bookmarks.' }).count()).toBe(1);
    const list = fresh.getByRole('list', { name: 'Bookmarked posts' });
    expect(await list.getByRole('listitem').count()).toBe(2);

    // A broken file changes nothing.
    await fresh.getByLabel('Import bookmarks').setInputFiles({
      name: 'evil.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"__proto__": {"polluted": 1}}'),
    });
    await expect.poll(() => fresh.getByRole('alert').textContent()).toContain('forbidden key "__proto__"');
    expect(await list.getByRole('listitem').count()).toBe(2);
  });
});
