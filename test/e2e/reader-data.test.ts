import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { articleFile } from '../../src/shared/routes.ts';
import type { PostMeta } from '../../src/shared/types.ts';
import {
  buildVersion,
  DIST,
  launch,
  phonePage,
  publishedPosts,
  readStore,
  savedCount,
  type Server,
  siteIndex,
  startServer,
  waitForController,
} from './harness.ts';

// What the reader keeps of its own (bookmarks, reading positions, the offline choice) must survive a full disk, an
// update applied by another tab, a missing payload and a page closed mid-scroll: each test looks at what the reader
// sees, and at what the device holds.

const v1Posts = await publishedPosts();
/** The post the next deploy revises. */
const revised = v1Posts[3]!;
const NEW_SLUG = 'zz-a-post-from-the-future';
const REVISION = 'A paragraph added in the revision.';
let v2 = '';
let v2Posts: PostMeta[] = [];
let browser: Browser;
let server: Server | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launch();
  let postsDir = '';
  v2 = await buildVersion((dir) => {
    postsDir = dir;
    writeFileSync(
      path.join(dir, `${NEW_SLUG}.md`),
      [
        '---',
        'title: "A Post From the Future"',
        'date: 2026-11-26',
        'tags: [linux]',
        'summary: "Published after the reader was installed."',
        '---',
        '',
        ...Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1} of the new post.\n`),
      ].join('\n'),
    );
    const file = path.join(dir, `${revised.slug}.md`);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n${REVISION}\n`);
  });
  v2Posts = (await siteIndex('/', postsDir)).posts;
});
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  await server?.close();
  server = undefined;
});
afterAll(async () => {
  await browser?.close();
  rmSync(v2, { recursive: true, force: true });
});

/** Serve `root` (port 0: a fresh origin, so no other test's storage or quota override applies), logging paths. */
async function serve(root: string, port = 0, log: string[] = []): Promise<Server> {
  server = await startServer({
    root,
    port,
    onRequest: (req) => {
      log.push(new URL(req.url ?? '/', 'http://x').pathname);
      return false;
    },
  });
  return server;
}

/** A phone page in a fresh context, closed after the test. */
async function freshPage(): Promise<{ page: Page; problems: string[]; context: BrowserContext }> {
  const { page, problems } = await phonePage(browser);
  contexts.push(page.context());
  return { page, problems, context: page.context() };
}

/** A first visit: the worker controls the page and the default sync saved every post. */
async function install(page: Page, url: string, posts = v1Posts): Promise<void> {
  await page.goto(url);
  await waitForController(page);
  await expect.poll(() => savedCount(page), { timeout: 30_000 }).toBe(posts.length);
}

const uncaught = (problems: string[]) => problems.filter((p) => p.startsWith('uncaught'));

/** The "new version" prompt of a page. */
const updatePrompt = (page: Page) => page.getByRole('status').filter({ hasText: 'new version' });

/** A fresh context whose origin may store only `quotaSize` bytes, set before anything is stored. */
async function smallQuotaPage(url: string, quotaSize: number) {
  const fresh = await freshPage();
  const cdp = await fresh.context.newCDPSession(fresh.page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(url).origin, quotaSize });
  return fresh;
}

/** What the worker's precache and registration take on a fresh origin, as the browser counts it against the quota. */
async function shellBytes(url: string): Promise<number> {
  const { page } = await freshPage();
  await page.goto(url);
  await waitForController(page);
  const bytes = await page.evaluate(async () => {
    const details = ((await navigator.storage.estimate()) as { usageDetails?: Record<string, number> }).usageDetails;
    return (details?.caches ?? 0) + (details?.serviceWorkerRegistrations ?? 0);
  });
  await page.context().close();
  expect(bytes).toBeGreaterThan(100_000);
  return bytes;
}

/** Wait until the sync stopped saving: no article arrived for two seconds in a row. */
async function waitForSyncToSettle(page: Page): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const count = await savedCount(page);
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > 2000) return;
    await page.waitForTimeout(250);
  }
  throw new Error('the sync did not settle');
}

/** Scroll the page to `share` of the article's height and wait for the browser to lay it out. */
async function scrollInto(page: Page, share: number): Promise<number> {
  return page.evaluate(async (at) => {
    const article = document.querySelector('[data-article-hash]')!;
    const box = article.getBoundingClientRect();
    window.scrollTo(0, scrollY + box.top + box.height * at);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    return scrollY;
  }, share);
}

describe('the reader’s own records on a small quota', () => {
  it('bookmarks and stores a reading position after the sync filled what it may', async () => {
    const url = (await serve(DIST)).url;
    // The shell, and the room the fixed 350 KB used to leave beside it (the database's own overhead and less than the
    // sync wants): relative to what the shell takes, so a larger shell (the styles inline in each precached page)
    // does not leave the reader's own writes less room than this test means.
    const { page, problems } = await smallQuotaPage(url, (await shellBytes(url)) + 170_000);
    await page.goto(url);
    await waitForController(page);
    await waitForSyncToSettle(page);
    const saved = await savedCount(page);
    // The quota did bite: not every post fits.
    expect(saved).toBeLessThan(v1Posts.length);

    // A post that was not saved: bookmarking it is the reader's own write, and must be stored.
    const savedSlugs = new Set((await readStore<{ slug: string }>(page, 'articles')).map((a) => a.slug));
    const post = [...v1Posts].reverse().find((p) => !savedSlugs.has(p.slug)) ?? v1Posts.at(-1)!;
    await page.goto(`${url}posts/${post.slug}/`);
    await expect.poll(() => page.locator(`[data-article-hash="${post.hash}"] p`).count()).toBeGreaterThan(5);
    const bookmark = page.getByRole('button', { name: 'Bookmark', exact: true });
    await expect.poll(() => bookmark.isEnabled()).toBe(true);
    expect(await bookmark.getAttribute('aria-pressed')).toBe('false');
    await bookmark.click();
    // Stored, or refused with a message: which one is the browser's. Chromium (150) does not report an overridden
    // quota in estimate(), so the sync's headroom cannot see it, and admits a write against a usage count that lags:
    // the last article the sync stored can take the disk past the quota, and then no write fits until the browser
    // reclaims the room of the saved posts removed for it. A refused change is said, and nothing of it is stored.
    const refused = page.getByRole('alert').filter({ hasText: /change could not be saved/i });
    await expect
      .poll(async () => ((await refused.count()) > 0 ? 'refused' : await bookmark.getAttribute('aria-pressed')))
      .toMatch(/^(true|refused)$/);
    if ((await refused.count()) > 0) {
      expect(await bookmark.getAttribute('aria-pressed')).toBe('false');
      expect(await readStore(page, 'bookmarks')).toEqual([]);
      expect(uncaught(problems)).toEqual([]);
      return;
    }
    await expect
      .poll(async () => (await readStore<{ slug: string }>(page, 'bookmarks')).map((b) => b.slug))
      .toEqual([post.slug]);

    // Scrolling stores where the reader is, or says it could not: the bookmark's sync saves the post bookmarked, and
    // that article can take the disk past the quota as the first sync's last one could.
    await scrollInto(page, 0.5);
    const positions = () => readStore<{ slug: string; block: number }>(page, 'progress');
    await expect
      .poll(async () => ((await refused.count()) > 0 ? 'refused' : (await positions()).map((p) => p.slug).join()))
      .toMatch(new RegExp(`^(${post.slug}|refused)$`));
    if ((await refused.count()) === 0) expect((await positions())[0]!.block).toBeGreaterThan(0);
    else expect(await positions()).toEqual([]);

    // A reload finds what was stored: the button still pressed.
    await page.reload();
    const again = page.getByRole('button', { name: 'Bookmark', exact: true });
    await expect.poll(() => again.getAttribute('aria-pressed')).toBe('true');
    expect(uncaught(problems)).toEqual([]);
  });

  it('says that offline reading is unavailable when the worker cannot keep its files', async () => {
    const url = (await serve(DIST)).url;
    const { page, problems } = await smallQuotaPage(url, 200 * 1024);
    await page.goto(url);
    const alert = page.getByRole('alert').filter({ hasText: /^Offline reading is unavailable/ });
    await expect.poll(() => alert.count(), { timeout: 30_000 }).toBe(1);
    expect(await alert.textContent()).toContain('Posts can still be read while online');
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    // Reading goes on from the network.
    const post = v1Posts[0]!;
    await page.getByRole('link', { name: post.title, exact: true }).click();
    await expect.poll(() => page.locator(`[data-article-hash="${post.hash}"] p`).count()).toBeGreaterThan(5);
    expect(uncaught(problems)).toEqual([]);
  });
});

describe('an older saved copy', () => {
  it('is shown, marked as such, when the new version cannot be had', async () => {
    const first = await serve(DIST);
    const { url, port } = first;
    const { page, problems } = await freshPage();
    await install(page, url);
    await page.goto(`${url}posts/${revised.slug}/`);
    await expect.poll(() => page.locator(`[data-article-hash="${revised.hash}"] p`).count()).toBeGreaterThan(5);
    const bookmark = page.getByRole('button', { name: 'Bookmark', exact: true });
    await expect.poll(() => bookmark.isEnabled()).toBe(true);
    await bookmark.click();
    await expect.poll(() => bookmark.getAttribute('aria-pressed')).toBe('true');
    await first.close();

    // The next deploy revised the post, and its payload did not make it to the host.
    const next = v2Posts.find((p) => p.slug === revised.slug)!;
    expect(next.hash).not.toBe(revised.hash);
    const broken = mkdtempSync(path.join(tmpdir(), 'reader-missing-payload-'));
    cpSync(v2, broken, { recursive: true });
    rmSync(path.join(broken, articleFile(next)));
    const log: string[] = [];
    try {
      await serve(broken, port, log);
      await page.goto(url);
      await expect.poll(() => updatePrompt(page).count(), { timeout: 30_000 }).toBe(1);
      await updatePrompt(page).getByRole('button', { name: 'Reload' }).click();
      await page.waitForEvent('load');
      await expect.poll(() => page.getByRole('link', { name: 'A Post From the Future' }).count()).toBe(1);
      // The new worker's sync asked for the missing payload, and kept the older copy.
      await expect.poll(() => log.includes(`/${articleFile(next)}`), { timeout: 30_000 }).toBe(true);
      await expect.poll(() => savedCount(page), { timeout: 30_000 }).toBe(v2Posts.length);
      expect(
        (await readStore<{ slug: string; hash: string }>(page, 'articles')).find((a) => a.slug === revised.slug)?.hash,
      ).toBe(revised.hash);

      const expectOldCopy = async () => {
        await expect
          .poll(() => page.locator(`[data-article-hash="${revised.hash}"] p`).count(), { timeout: 10_000 })
          .toBeGreaterThan(5);
        expect(await page.getByText(REVISION).count()).toBe(0);
        await expect
          .poll(() => page.getByRole('status').filter({ hasText: 'This is the version saved on this device' }).count())
          .toBe(1);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(revised.title);
      };

      // Online, the payload missing: from the list, which names the new version.
      await page.getByRole('link', { name: revised.title, exact: true }).click();
      await page.waitForURL(`**/posts/${revised.slug}/`);
      await expectOldCopy();

      // Offline, for real: the host is gone.
      await server!.close();
      server = undefined;
      await page.goto(url);
      await page.getByRole('link', { name: revised.title, exact: true }).click();
      await page.waitForURL(`**/posts/${revised.slug}/`);
      await expectOldCopy();

      await page.getByRole('link', { name: 'Bookmarks' }).click();
      const list = page.getByRole('list', { name: 'Bookmarked posts' });
      await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
      expect(await list.getByRole('listitem').textContent()).toContain('saved offline');
      expect(await list.getByRole('listitem').textContent()).not.toContain('not saved offline');
      expect(uncaught(problems)).toEqual([]);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});

describe('an old tab after another tab applied an update', () => {
  it('offers a Reload that reloads into the new version, and its pages still open', async () => {
    const first = await serve(DIST);
    const { url, port } = first;
    const { page: a, problems, context } = await freshPage();
    await install(a, url);
    const b = await context.newPage();
    const c = await context.newPage();
    for (const tab of [b, c]) {
      await tab.goto(url);
      await waitForController(tab);
      await expect.poll(() => tab.getByRole('heading', { level: 1 }).textContent()).toBe('All posts');
    }
    await first.close();

    await serve(v2, port);
    await a.goto(url);
    await expect.poll(() => updatePrompt(a).count(), { timeout: 30_000 }).toBe(1);
    await updatePrompt(a).getByRole('button', { name: 'Reload' }).click();
    await a.waitForEvent('load');
    await expect.poll(() => a.getByRole('link', { name: 'A Post From the Future' }).count()).toBe(1);

    // Tab B runs v1's code under v2's worker: it offers a reload, and the reload works.
    expect(await b.getByRole('link', { name: 'A Post From the Future' }).count()).toBe(0);
    await expect.poll(() => updatePrompt(b).count(), { timeout: 10_000 }).toBe(1);
    const reloaded = b.waitForEvent('load', { timeout: 10_000 });
    await updatePrompt(b).getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await expect.poll(() => b.getByRole('link', { name: 'A Post From the Future' }).count()).toBe(1);
    await b.waitForTimeout(1000); // room for a prompt that must not come back
    expect(await updatePrompt(b).count()).toBe(0);

    // Tab C, still on v1's code, goes to Settings: it shows Settings, or says why not with a Reload; never loads for
    // ever.
    await c.getByRole('link', { name: 'Settings' }).click();
    const settled = async () =>
      (await c.getByRole('heading', { level: 1, name: 'Settings' }).count()) > 0 ||
      (await c.getByRole('alert').getByRole('button', { name: 'Reload' }).count()) > 0;
    await expect.poll(settled, { timeout: 15_000 }).toBe(true);
    expect(await c.getByText('Loading…').count()).toBe(0);
    expect(uncaught(problems)).toEqual([]);
  });
});

describe('"Remove saved posts"', () => {
  it('empties the device of posts nobody holds, and stays so over reloads', async () => {
    const log: string[] = [];
    const { url } = await serve(DIST, 0, log);
    const { page, problems } = await freshPage();
    await install(page, url);
    const kept = v1Posts[2]!;
    const bookmark = page.getByRole('button', { name: `Bookmark: ${kept.title}` });
    await expect.poll(() => bookmark.isEnabled()).toBe(true);
    await bookmark.click();
    await expect.poll(() => bookmark.getAttribute('aria-pressed')).toBe('true');

    await page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    const remove = page.getByRole('button', { name: 'Remove saved posts' });
    await expect.poll(() => remove.isEnabled()).toBe(true);
    await remove.click();
    const slugs = async () => (await readStore<{ slug: string }>(page, 'articles')).map((a) => a.slug);
    await expect.poll(slugs, { timeout: 30_000 }).toEqual([kept.slug]);
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: /^Removed saved posts: / })
          .count(),
      )
      .toBe(1);

    const articleRequests = () => log.filter((p) => p.startsWith('/articles/'));
    const before = articleRequests().length;
    for (let i = 0; i < 2; i++) {
      await page.reload();
      await waitForController(page);
      await expect
        .poll(() => page.getByRole('radio', { name: 'Only bookmarked posts and posts I am reading' }).isChecked())
        .toBe(true);
      // Time for a sync the reload asked for to do what it would.
      await page.waitForTimeout(2500);
      expect(await slugs()).toEqual([kept.slug]);
    }
    await page.goto(url);
    await page.waitForTimeout(2500);
    expect(await slugs()).toEqual([kept.slug]);
    expect(articleRequests().slice(before)).toEqual([]);
    expect(await page.getByRole('list', { name: 'Posts' }).getByText('Saved offline').count()).toBe(1);
    expect(uncaught(problems)).toEqual([]);
  });
});

describe('a reading position left within a moment of scrolling', () => {
  /** The longest post: far enough to scroll. */
  const long = [...v1Posts].sort((x, y) => y.bytes - x.bytes)[0]!;

  async function scrolledThenLeft(leave: (page: Page) => Promise<unknown>) {
    const { url } = await serve(DIST);
    const { page, context } = await freshPage();
    await install(page, url);
    await page.goto(`${url}posts/${long.slug}/`);
    await expect.poll(() => page.locator(`[data-article-hash="${long.hash}"] > .prose`).count()).toBe(2);
    // Wait for what the page stores on opening (its read mark), so that only the position is left to store.
    await expect
      .poll(async () => (await readStore<{ slug: string }>(page, 'reads')).map((r) => r.slug))
      .toContain(long.slug);
    // Read down the post as a thumb does, a screen at a time, never pausing long enough (400 ms) for the page to
    // store the position on its own; then leave at once.
    const at = await page.evaluate(async () => {
      const blocks = [...document.querySelectorAll('[data-article-hash] > .prose > *')];
      for (let i = 0; i < 14; i++) {
        scrollBy(0, 500);
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      return { block: blocks.findIndex((b) => b.getBoundingClientRect().bottom > 0), scrollY };
    });
    expect(at.scrollY).toBeGreaterThan(5000);
    expect(at.block).toBeGreaterThan(10);
    await leave(page);

    const reopened = await context.newPage();
    await reopened.goto(`${url}posts/${long.slug}/`);
    const progress = () => readStore<{ slug: string; block: number }>(reopened, 'progress');
    await expect.poll(async () => (await progress()).map((p) => p.slug)).toEqual([long.slug]);
    expect((await progress())[0]!.block).toBe(at.block);
    // The post opens where the reader was, not at the top: the same block at the top of the screen.
    await expect
      .poll(
        () =>
          reopened.evaluate(() =>
            [...document.querySelectorAll('[data-article-hash] > .prose > *')].findIndex(
              (b) => b.getBoundingClientRect().bottom > 0,
            ),
          ),
        { timeout: 10_000 },
      )
      .toBe(at.block);
    expect(await reopened.evaluate(() => scrollY)).toBeGreaterThan(2000);
  }

  it('is kept when the page is closed', async () => {
    await scrolledThenLeft((page) => page.close({ runBeforeUnload: true }));
  });

  it('is kept when the reader leaves for another site', async () => {
    await scrolledThenLeft((page) => page.goto('about:blank'));
  });

  it('is kept when the reader goes to another page of the reader', async () => {
    await scrolledThenLeft(async (page) => {
      // A tap on a link in view (Playwright's own click would first scroll the header into view).
      await page.getByRole('link', { name: 'Bookmarks' }).dispatchEvent('click');
      await page.waitForURL('**/bookmarks/');
    });
  });
});
