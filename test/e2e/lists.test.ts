import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInto } from '../build/build-helper.ts';
import { DIST, launch, publishedPosts, ROOT, type Server, startServer } from './harness.ts';

// The lists on a small phone (360 × 640): the first post's title on the first screen, the tags in one row that
// scrolls inside itself and is reached by keyboard, with today's posts and with a blog of 40 tags.

const PHONE = { width: 360, height: 640 };
let browser: Browser;
let corpusPosts: string;
let corpusDist: string;
const servers: Server[] = [];

beforeAll(async () => {
  corpusPosts = mkdtempSync(path.join(tmpdir(), 'reader-corpus-'));
  execFileSync('node', [path.join(ROOT, 'scripts/corpus.mjs'), '--posts', '200', '--out', corpusPosts]);
  corpusDist = await buildInto({ POSTS_DIR: corpusPosts });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  rmSync(corpusPosts, { recursive: true, force: true });
  rmSync(corpusDist, { recursive: true, force: true });
});

async function phoneAt(url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: PHONE, colorScheme })).newPage();
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  return page;
}

const chips = (page: Page) => page.getByRole('navigation', { name: 'Filter by tag' }).getByRole('link');

const blogs = [
  { name: "today's posts", root: () => DIST, tags: async () => (await publishedPosts()).flatMap((p) => p.tags) },
  {
    name: 'a blog of 40 tags',
    root: () => corpusDist,
    tags: async () => (await publishedPosts('/', corpusPosts)).flatMap((p) => p.tags),
  },
];

describe.each(blogs)('the lists on a 360 × 640 phone, $name', (blog) => {
  let server: Server;
  let tags: string[];
  beforeAll(async () => {
    server = await startServer({ root: blog.root() });
    servers.push(server);
    tags = [...new Set(await blog.tags())];
  });

  it('show the first post title on the first screen, at home and on a tag page, with no sideways page scroll', async () => {
    if (blog.root() === corpusDist) expect(tags).toHaveLength(40);
    else expect(tags.length).toBeGreaterThanOrEqual(8); // with "All posts", today's nine chips
    for (const at of ['', `tags/${tags.at(-1)}/`]) {
      const page = await phoneAt(server.url + at);
      const title = page.getByRole('list', { name: 'Posts' }).getByRole('heading', { level: 2 }).first();
      const box = (await title.boundingBox())!;
      expect(box.y, at).toBeGreaterThan(0);
      expect(box.y + box.height, at).toBeLessThanOrEqual(PHONE.height);
      // Every tag is offered, in one line that scrolls inside itself; the page itself does not scroll sideways.
      expect(await chips(page).count()).toBe(tags.length + 1);
      const tops = await chips(page).evaluateAll((links) => [
        ...new Set(links.map((l) => l.getBoundingClientRect().top)),
      ]);
      expect(tops).toHaveLength(1);
      const row = page.getByRole('navigation', { name: 'Filter by tag' }).getByRole('list');
      expect(await row.evaluate((ul) => ul.scrollWidth > ul.clientWidth)).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE.width);
      await page.context().close();
    }
  });

  it('marks the current tag, shown without scrolling the row, and reaches every tag by keyboard', async () => {
    const tag = tags.at(-1)!;
    const page = await phoneAt(`${server.url}tags/${tag}/`);
    const current = chips(page).and(page.locator('[aria-current="page"]'));
    expect(await current.textContent()).toMatch(new RegExp(`^${tag} \\d+ posts?$`));
    const box = (await current.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    // Tab from the page's start into the row, then through it: each chip scrolls into view as it takes focus.
    let inRow = 0;
    for (let i = 0; i < 20 && inRow === 0; i++) {
      await page.keyboard.press('Tab');
      inRow = await page.evaluate(() => (document.activeElement?.closest('.tag-filter') ? 1 : 0));
    }
    expect(inRow).toBe(1);
    const count = await chips(page).count();
    for (let i = 1; i < count; i++) await page.keyboard.press('Tab');
    const last = chips(page).last();
    expect(await last.evaluate((a) => a === document.activeElement)).toBe(true);
    const lastBox = (await last.boundingBox())!;
    expect(lastBox.x).toBeGreaterThanOrEqual(0);
    expect(lastBox.x + lastBox.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, scrollX])).toEqual([PHONE.width, 0]);
    await page.context().close();
  });

  it.each(['light', 'dark'] as const)(
    'has no serious or critical axe violation at home and on a tag (%s)',
    async (scheme) => {
      for (const at of ['', `tags/${tags[0]}/`]) {
        const page = await phoneAt(server.url + at, scheme);
        const { violations, passes } = await new AxeBuilder({ page }).analyze();
        expect(passes.length).toBeGreaterThan(15);
        const serious = violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(serious, at).toEqual([]);
        await page.context().close();
      }
    },
  );
});
