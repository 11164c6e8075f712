import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launch,
  launchPersistent,
  phonePage,
  publishedPosts,
  type Server,
  startServer,
  waitForController,
} from './harness.ts';

const posts = await publishedPosts();
let server: Server;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('installable', () => {
  it('has no installability errors, a complete manifest, and a start URL that answers offline', async () => {
    // Installability is judged in a real (persistent, non-incognito) profile.
    const { context, remove } = await launchPersistent();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(server.url);
      await waitForController(page);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
      const manifest = await (await page.request.get(`${server.url}manifest.webmanifest`)).json();
      expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', scope: '/' });
      expect(manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`)).toEqual([
        '192x192 any',
        '512x512 any',
        '512x512 maskable',
      ]);
      expect(manifest.shortcuts[0].url).toBe('/bookmarks/');
      for (const icon of manifest.icons) {
        const response = await page.request.get(new URL(icon.src, server.url).href);
        expect(response.headers()['content-type']).toBe('image/png');
      }
      await context.setOffline(true);
      await page.goto(new URL(manifest.start_url, server.url).href);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('All posts');
    } finally {
      await context.close();
      remove();
    }
  });
});

describe('accessible', () => {
  const pages = [
    ['home', ''],
    ['a tag page', `tags/${posts[0]!.tags[0]}/`],
    ['a post', `posts/${posts[0]!.slug}/`],
    ['Bookmarks', 'bookmarks/'],
    ['Settings', 'settings/'],
  ];

  async function seriousViolations(page: Page) {
    const { violations, passes } = await new AxeBuilder({ page }).analyze();
    // axe really looked: a page of ours passes dozens of its rules.
    expect(passes.length).toBeGreaterThan(15);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  it.each(['light', 'dark'] as const)('has no serious or critical axe violations on any page (%s)', async (scheme) => {
    const browser = await launch();
    try {
      const { page } = await phonePage(browser);
      await page.emulateMedia({ colorScheme: scheme });
      for (const [name, path] of pages) {
        await page.goto(server.url + path!);
        await page.waitForLoadState('networkidle');
        expect(await seriousViolations(page), name).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  });
});
