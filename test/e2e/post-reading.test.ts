import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/build/content.ts';
import { NUMBER_LINES_OVER } from '../../src/build/markdown.ts';
import { launch, phonePage, ROOT, type Server, startServer } from './harness.ts';

const posts = loadContent(path.join(ROOT, 'content/posts'), { drafts: false, fences: true }).posts;
const lines = (code: string) => code.replace(/\n$/, '').split('\n').length;
// A post with a numbered listing and a diagram: the reading features all at once.
const post = posts.find((p) => p.html.includes('class="gutter"') && p.html.includes('<figure class="diagram">'))!;
const numbered = post.fences.findIndex((f) => lines(f.code) > NUMBER_LINES_OVER);

let browser: Browser;
let server: Server;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The post on a 360 px phone, once the post page has added its controls. */
async function openPost(
  options: { slug?: string; colorScheme?: 'light' | 'dark'; clipboard?: boolean } = {},
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    serviceWorkers: 'block',
    colorScheme: options.colorScheme ?? 'light',
  });
  contexts.push(context);
  if (options.clipboard) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  }
  const { page, problems } = await phonePage(context);
  await page.goto(`${server.url}posts/${options.slug ?? post.meta.slug}/`);
  const blocks = await page.locator('figure.code').count();
  await expect.poll(() => page.locator('figure.code > button').count()).toBe(blocks);
  return { page, problems };
}

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

describe('code blocks', () => {
  it('copies the listing without its line numbers and says "Copied" politely', async () => {
    expect(numbered).toBeGreaterThanOrEqual(0);
    const { page, problems } = await openPost({ clipboard: true });
    const figure = page.locator('figure.code').nth(numbered);
    const gutter = figure.locator('.gutter');
    expect(await gutter.textContent()).toMatch(/^1\n2\n3\n/);
    const copy = figure.getByRole('button', { name: /^Copy code: / });
    expect(await copy.textContent()).toBe('Copy');
    await copy.click();
    await expect.poll(() => page.locator('[aria-live="polite"]').textContent()).toBe('Copied');
    expect(await copy.textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(post.fences[numbered]!.code);

    // A mouse selection from the first number to the end of the listing takes the code, not the numbers.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await figure.scrollIntoViewIfNeeded();
    const from = (await gutter.boundingBox())!;
    const to = (await figure.locator('pre').boundingBox())!;
    // From the label above the numbers to the end of the code, across the gutter.
    await page.mouse.move(from.x + 2, from.y - 8);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width - 4, to.y + to.height - 14, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.press('Control+C');
    const selected = await page.evaluate(() => navigator.clipboard.readText());
    const firstLine = post.fences[numbered]!.code.split('\n')[0]!;
    expect(selected).toContain(firstLine.trim());
    expect(selected).not.toMatch(/(^|\n)1\n2\n3\n/);
    expect(problems).toEqual([]);
  });

  it('lets a keyboard reach a wide listing and scroll it with the arrow keys', async () => {
    const { page, problems } = await openPost();
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('figure.code pre')].findIndex((pre) => pre.scrollWidth > pre.clientWidth),
    );
    expect(wide).toBeGreaterThanOrEqual(0);
    const figure = page.locator('figure.code').nth(wide);
    await figure.getByRole('button').focus();
    await page.keyboard.press('Tab');
    const name = (await figure.locator('pre').getAttribute('aria-label'))!;
    expect(name).toMatch(/^Code: /);
    const region = page.getByRole('region', { name, exact: true }).nth(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('region');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(name);
    // Focus is visible.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    const scrollLeft = () => page.evaluate(() => document.activeElement!.scrollLeft);
    expect(await scrollLeft()).toBe(0);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(scrollLeft).toBeGreaterThan(0);
    expect(await region.count()).toBeGreaterThan(0);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  });

  it('scrolls long lines inside the block, never the page, on every post at 360 px', async () => {
    let wideBlocks = 0;
    for (const p of posts) {
      const { page, problems } = await openPost({ slug: p.meta.slug });
      expect(await pageOverflow(page), p.meta.slug).toBeLessThanOrEqual(0);
      wideBlocks += await page.evaluate(
        () =>
          [...document.querySelectorAll('figure.code pre')].filter((pre) => pre.scrollWidth > pre.clientWidth).length,
      );
      expect(problems, p.meta.slug).toEqual([]);
      await page.context().close();
    }
    // The blog has listings wider than a phone: this looked at blocks that really scroll.
    expect(wideBlocks).toBeGreaterThan(0);
  });
});

describe('diagrams', () => {
  it('open at full width in a dialog, close with Escape or Close, and give focus back', async () => {
    const { page, problems } = await openPost();
    const figure = page.locator('figure.diagram').first();
    expect((await figure.locator('figcaption').textContent())!.length).toBeGreaterThan(10);
    const enlarge = figure.getByRole('button', { name: 'Enlarge diagram' });
    await enlarge.click();
    const dialog = page.getByRole('dialog', { name: 'Diagram' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const big = (await dialog.locator('img').boundingBox())!;
    expect(big.width).toBeGreaterThanOrEqual(360);
    expect(await dialog.locator('img').getAttribute('alt')).toBe(await figure.locator('img').getAttribute('alt'));
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    // Focus goes back in the dialog's close event, a task after it is hidden.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Enlarge diagram');

    // A tap on the diagram itself opens it too; the labelled Close button closes it.
    await figure.locator('img').click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Close diagram' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Enlarge');
    expect(problems).toEqual([]);
  });
});

describe('reading progress', () => {
  it('fills a decorative bar as the reader scrolls, without animating it', async () => {
    const { page, problems } = await openPost();
    const bar = page.locator('.read-bar');
    expect(await bar.getAttribute('aria-hidden')).toBe('true');
    const scale = () => bar.evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
    expect(await scale()).toBeLessThan(0.05);
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight / 2));
    await expect.poll(scale).toBeGreaterThan(0.2);
    expect(await scale()).toBeLessThan(0.9);
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(scale).toBe(1);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await bar.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
    expect(problems).toEqual([]);
  });
});

describe('printing a post', () => {
  it('prints the article alone, light, with code wrapped and where links go', async () => {
    const { page, problems } = await openPost({ colorScheme: 'dark' });
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    for (const hidden of ['header.site', 'nav', 'figure.code > button', '.read-bar', '.gutter', '.actions button']) {
      const shown = await page.locator(hidden).evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
      expect(shown, hidden).toBe(0);
    }
    expect(await page.locator('article .prose p').first().isVisible()).toBe(true);
    const pres = await page.evaluate(() =>
      [...document.querySelectorAll('figure.code pre')].map((pre) => ({
        wrap: getComputedStyle(pre).whiteSpace,
        cut: pre.scrollWidth - pre.clientWidth,
      })),
    );
    expect(pres.length).toBeGreaterThan(0);
    for (const pre of pres) expect(pre).toEqual({ wrap: 'pre-wrap', cut: 0 });
    // Dark ink on a light page, whatever the screen's theme.
    const ink = await page.evaluate(() => getComputedStyle(document.body).color);
    expect(ink).toBe('rgb(29, 31, 33)');
    // The posts cite their sources by name, without links today: a link of each kind, as a post would hold it.
    const after = await page.evaluate(() => {
      const p = document.querySelector('.prose p')!;
      return ['https://www.kernel.org/doc/', '/posts/io-uring/'].map((href) => {
        const a = Object.assign(document.createElement('a'), { href, textContent: 'a link' });
        p.append(a);
        return getComputedStyle(a, '::after').content;
      });
    });
    expect(after).toEqual(['" (https://www.kernel.org/doc/)"', '" (on this site: /posts/io-uring/)"']);
    const anchor = page.locator('.prose a.anchor').first();
    expect(await anchor.evaluate((a) => getComputedStyle(a, '::after').content)).toBe('none');
    expect(problems).toEqual([]);
  });
});

describe('accessible', () => {
  it.each(['light', 'dark'] as const)('has no serious or critical axe violations on a post (%s)', async (scheme) => {
    const { page } = await openPost({ colorScheme: scheme });
    const serious = async () => {
      const { violations, passes } = await new AxeBuilder({ page }).analyze();
      expect(passes.length).toBeGreaterThan(15);
      return violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    expect(await serious()).toEqual([]);
    await page.locator('figure.diagram').first().getByRole('button', { name: 'Enlarge diagram' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Diagram' }).isVisible()).toBe(true);
    expect(await serious()).toEqual([]);
  });
});
