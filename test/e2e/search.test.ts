import AxeBuilder from '@axe-core/playwright';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_FILE } from '../../src/shared/index-files.ts';
import {
  buildVersion,
  DIST,
  launch,
  launchPersistent,
  phonePage,
  publishedPosts,
  readStore,
  savedCount,
  type Server,
  startServer,
  waitForController,
} from './harness.ts';

// Search as a reader uses it: from the header by keyboard, identifiers, a result followed to its heading and back,
// offline after a restart (server stopped, browser offline), a post from a later deploy, a post not kept offline,
// axe, a phone's width, and no CSP violation anywhere.

const posts = await publishedPosts();
const titleOf = (slug: string) => posts.find((p) => p.slug === slug)!.title;
const RINGBUF_HEADING = 'BPF_MAP_TYPE_RINGBUF: streaming events to user space';
const RINGBUF_ID = 'h-bpf-map-type-ringbuf-streaming-events-to-user-space';

/** The search index files a build names in its manifest. */
const searchShards = (dist: string): string[] => {
  const latest = JSON.parse(readFileSync(path.join(dist, LATEST_FILE), 'utf8')) as { manifest: string };
  return (JSON.parse(readFileSync(path.join(dist, latest.manifest), 'utf8')) as { search: string[] }).search;
};

let browser: Browser;
let server: Server | undefined;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
  await server?.close();
  server = undefined;
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Every Content-Security-Policy violation any page of `context` reports, as the page sees it (the
 * `securitypolicyviolation` event), across navigations.
 */
async function watchCsp(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding('__reportCsp', (_source, text: string) => void violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp;
      void report(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.documentURI}`);
    });
  });
  return violations;
}

/** A phone-sized page in a fresh context of the shared browser, watched for CSP violations. */
async function freshPage() {
  const { page, problems } = await phonePage(browser);
  cleanups.push(() => page.context().close());
  const csp = await watchCsp(page.context());
  return { page, problems, csp };
}

const status = (page: Page) => page.locator('.search-page [role="status"]');
const results = (page: Page) => page.locator('ol.search-results > li');
const resultTitles = (page: Page) => page.locator('ol.search-results article h2').allTextContents();
const field = (page: Page) => page.getByRole('searchbox', { name: 'Search posts' });

/** Wait until the search for `q` has looked through every shard, and say what it reported. */
async function searchDone(page: Page, q: string): Promise<string> {
  await expect
    .poll(() => status(page).textContent(), { timeout: 20_000 })
    .toMatch(new RegExp(`^\\d+ posts? found for “${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`));
  return (await status(page).textContent())!;
}

/** Open /search/?q=… and wait for every shard to be searched. */
async function searchFor(page: Page, base: string, q: string): Promise<string> {
  await page.goto(`${base}search/?q=${encodeURIComponent(q)}`);
  return searchDone(page, q);
}

/** The first result's excerpts have marked words, and the marks' text. */
const firstMarks = (page: Page) => results(page).first().locator('.excerpt mark').allTextContents();

/** Wait until the worker's sync kept every post and the search index covering them. */
async function synced(page: Page, dist = DIST, count = posts.length): Promise<void> {
  await expect.poll(() => savedCount(page), { timeout: 30_000 }).toBe(count);
  const shards = searchShards(dist);
  await expect
    .poll(async () => (await readStore<{ name: string }>(page, 'index')).map((f) => f.name), { timeout: 30_000 })
    .toEqual(expect.arrayContaining(shards));
}

async function noHorizontalScroll(page: Page): Promise<void> {
  expect(
    await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth })),
  ).toEqual({ page: 360, viewport: 360 });
}

describe('search online', () => {
  it('searches from the header by keyboard only, follows a section to its heading, and comes back', async () => {
    server = await startServer();
    const { page, problems, csp } = await freshPage();
    await page.goto(server.url);
    await page.waitForLoadState('networkidle');

    // `/` anywhere focuses the header's field; typing searches, with no Enter.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('ringbuf reserve');
    await expect.poll(() => page.url()).toBe(`${server.url}search/?q=ringbuf%20reserve`);
    await searchDone(page, 'ringbuf reserve');
    expect(await field(page).inputValue()).toBe('ringbuf reserve');
    const titles = await resultTitles(page);
    expect(titles[0]).toBe(titleOf('ebpf-maps'));
    const first = results(page).first();
    const section = first.locator('.sections a').first();
    expect(await section.textContent()).toBe(RINGBUF_HEADING);
    expect(await section.getAttribute('href')).toBe(`/posts/ebpf-maps/#${RINGBUF_ID}`);
    await expect.poll(() => firstMarks(page)).not.toEqual([]);
    for (const mark of await firstMarks(page)) expect(mark.toLowerCase()).toMatch(/ringbuf|reserve/);

    // Tab to the section's link and follow it with Enter: the post opens at that heading.
    let tabs = 0;
    while ((await page.evaluate(() => document.activeElement?.textContent)) !== RINGBUF_HEADING) {
      expect(++tabs, 'Tab never reached the section link').toBeLessThan(40);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toBe(`${server.url}posts/ebpf-maps/#${RINGBUF_ID}`);
    const heading = page.locator(`#${RINGBUF_ID}`);
    await expect.poll(() => heading.textContent()).toBe(RINGBUF_HEADING);
    await expect
      .poll(() =>
        heading.evaluate((h) => {
          const r = h.getBoundingClientRect();
          // Within a pixel: scrolled to the top, a heading can sit a fraction of one above it.
          const inView = r.top > -1 && r.bottom < innerHeight + 1;
          return inView ? true : `top ${r.top}, bottom ${r.bottom}, scrollY ${scrollY}, viewport ${innerHeight}`;
        }),
      )
      .toBe(true);

    // Back: the same search, the same results.
    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${server.url}search/?q=ringbuf%20reserve`);
    await searchDone(page, 'ringbuf reserve');
    expect(await resultTitles(page)).toEqual(titles);
    expect(await field(page).inputValue()).toBe('ringbuf reserve');

    // Escape in the field clears it, and the search with it.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.press('Escape');
    expect(await field(page).inputValue()).toBe('');
    await expect.poll(() => page.url()).toBe(`${server.url}search/`);
    await expect.poll(() => results(page).count()).toBe(0);

    expect(csp).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('submits the header form to /search/ without JavaScript', async () => {
    server = await startServer();
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    cleanups.push(() => context.close());
    const page = await context.newPage();
    await page.goto(server.url);
    await field(page).fill('FUTEX_WAKE');
    await field(page).press('Enter');
    await expect.poll(() => page.url()).toBe(`${server.url}search/?q=FUTEX_WAKE`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Search');
  });

  it.each([
    ['FUTEX_WAKE', 'spinlocks-mutexes-futexes'],
    ['io_uring_enter', 'io-uring'],
    ['handle_mm_fault', 'page-fault-path'],
    ['0x55AA', 'real-mode-bootloader'],
    ['epoll_wait(2)', 'epoll-internals'],
    ['memory.max', 'namespaces-cgroups'],
    ['bpf_ringbuf_reserve', 'ebpf-maps'],
    ['futex_wake', 'spinlocks-mutexes-futexes'],
  ])('finds %s in the right post first, with the identifier marked', async (q, slug) => {
    server = await startServer();
    const { page, problems, csp } = await freshPage();
    await searchFor(page, server.url, q);
    expect((await resultTitles(page))[0]).toBe(titleOf(slug));
    // The identifier is marked alone (a call's parentheses with it, as the post writes it), not what surrounds it.
    const whole = q.replace(/\(\d\)$/, '').toLowerCase();
    await expect
      .poll(async () => (await firstMarks(page)).map((m) => m.toLowerCase().replace(/\(\d?\)$/, '')))
      .toContain(whole);
    expect(csp).toEqual([]);
    expect(problems).toEqual([]);
  });

  it.each(['light', 'dark'] as const)(
    'has no serious or critical axe violation with results, and no sideways scroll at 360 px (%s)',
    async (scheme) => {
      server = await startServer();
      const { page, problems, csp } = await freshPage();
      await page.emulateMedia({ colorScheme: scheme });
      for (const q of ['ringbuf reserve', 'memory', 'bpf_map_lookup_elem']) {
        await searchFor(page, server.url, q);
        expect(await results(page).count(), q).toBeGreaterThan(0);
        await expect.poll(() => page.locator('.search-results .excerpt').count()).toBeGreaterThan(0);
        await page.waitForLoadState('networkidle');
        const { violations, passes } = await new AxeBuilder({ page }).analyze();
        expect(passes.length).toBeGreaterThan(15);
        expect(
          violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          q,
        ).toEqual([]);
        await noHorizontalScroll(page);
      }
      expect(csp).toEqual([]);
      expect(problems).toEqual([]);
    },
  );

  it('says a result is not saved offline, and its Bookmark keeps it', async () => {
    server = await startServer();
    const { page, problems, csp } = await freshPage();
    await page.goto(`${server.url}settings/`);
    await waitForController(page);
    await synced(page);
    const none = page.getByRole('radio', { name: 'Only bookmarked posts and posts I am reading' });
    await expect.poll(() => none.isEnabled()).toBe(true);
    await none.check();
    await expect.poll(() => savedCount(page), { timeout: 30_000 }).toBe(0);

    await searchFor(page, server.url, 'FUTEX_WAKE');
    const first = results(page).first();
    expect(await first.locator('h2').textContent()).toBe(titleOf('spinlocks-mutexes-futexes'));
    const notSaved = first.locator('.not-saved');
    await expect.poll(() => notSaved.textContent()).toBe('Not saved offline. ☆ Bookmark to keep it on this device.');
    const bookmark = notSaved.getByRole('button', { name: 'Bookmark' });
    await bookmark.click();
    // The notice (and the button in it) goes as soon as the post is saved, which can be before a poll sees the button
    // pressed: the bookmark is read where it is kept.
    await expect
      .poll(async () => (await readStore<{ slug: string }>(page, 'bookmarks')).map((b) => b.slug))
      .toEqual(['spinlocks-mutexes-futexes']);
    await expect
      .poll(async () => (await readStore<{ slug: string }>(page, 'articles')).map((a) => a.slug), { timeout: 30_000 })
      .toEqual(['spinlocks-mutexes-futexes']);
    await expect.poll(() => first.locator('.not-saved').count()).toBe(0);
    // The others are still honest about it.
    expect(await results(page).count()).toBeGreaterThan(0);
    expect(csp).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('search offline', () => {
  it.each(['the server stopped', 'the browser offline'] as const)(
    'searches every kept post after a restart with %s',
    async (how) => {
      server = await startServer();
      const url = server.url;
      const first = await launchPersistent();
      cleanups.push(first.remove);
      const firstCsp = await watchCsp(first.context);
      const page = first.context.pages()[0] ?? (await first.context.newPage());
      await page.goto(url);
      await waitForController(page);
      await synced(page);
      await first.context.close();
      if (how === 'the server stopped') {
        await server.close();
        server = undefined;
      }

      // The phone restarts with no network.
      const again = await launchPersistent(first.dir);
      cleanups.push(() => again.context.close());
      const csp = await watchCsp(again.context);
      if (how === 'the browser offline') await again.context.setOffline(true);
      const reopened = again.context.pages()[0] ?? (await again.context.newPage());
      const problems: string[] = [];
      reopened.on('pageerror', (e) => problems.push(e.message));
      const said = await searchFor(reopened, url, 'EPOLLEXCLUSIVE');
      // Every post is on the device: nothing was left out.
      expect(said).not.toContain('Offline');
      expect((await resultTitles(reopened))[0]).toBe(titleOf('epoll-internals'));
      await expect
        .poll(async () => (await firstMarks(reopened)).map((m) => m.toLowerCase()))
        .toContain('epollexclusive');
      // And from the header, by typing.
      await reopened.goto(url);
      await field(reopened).click();
      await reopened.keyboard.type('FUTEX_WAKE');
      await expect.poll(() => reopened.url()).toBe(`${url}search/?q=FUTEX_WAKE`);
      await searchDone(reopened, 'FUTEX_WAKE');
      expect((await resultTitles(reopened))[0]).toBe(titleOf('spinlocks-mutexes-futexes'));
      expect([...firstCsp, ...csp]).toEqual([]);
      expect(problems).toEqual([]);
    },
  );
});

describe('search after a new deploy', () => {
  const NEW_SLUG = 'zz-search-a-post-from-the-future';
  const WORD = 'quokkafication';
  let v2 = '';

  beforeAll(async () => {
    v2 = await buildVersion((dir) => {
      writeFileSync(
        path.join(dir, `${NEW_SLUG}.md`),
        [
          '---',
          'title: "Search Finds a Post From the Future"',
          'date: 2026-11-27',
          'tags: [linux]',
          'summary: "Published after the reader was installed."',
          '---',
          '',
          '## A word nobody else uses',
          '',
          `This post is the only one to mention ${WORD}, and \`SYS_quokka_ctl\`.`,
          '',
          ...Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of the new post.\n`),
        ].join('\n'),
      );
    });
  });

  it('finds the new post once the update is applied, online and then offline', async () => {
    server = await startServer();
    const port = server.port;
    const { page, problems, csp } = await freshPage();
    await page.goto(server.url);
    await waitForController(page);
    await synced(page);
    await searchFor(page, server.url, WORD);
    expect(await results(page).count()).toBe(0);
    await server.close();

    server = await startServer({ root: v2, port });
    await page.goto(server.url);
    const prompt = page.getByRole('status').filter({ hasText: 'new version' });
    await expect.poll(() => prompt.count(), { timeout: 30_000 }).toBe(1);
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await page.waitForEvent('load');
    await expect.poll(() => page.getByRole('link', { name: 'Search Finds a Post From the Future' }).count()).toBe(1);

    // Online, the new version's index.
    for (const q of [WORD, 'SYS_quokka_ctl', 'quokka ctl']) {
      await searchFor(page, server.url, q);
      expect(await resultTitles(page), q).toEqual(['Search Finds a Post From the Future']);
      expect(await results(page).first().locator('.sections a').first().getAttribute('href')).toBe(
        `/posts/${NEW_SLUG}/#h-a-word-nobody-else-uses`,
      );
    }

    // Offline, once the worker kept the new version's posts and index.
    await synced(page, v2, posts.length + 1);
    const url = server.url;
    await server.close();
    server = undefined;
    const said = await searchFor(page, url, WORD);
    expect(said).not.toContain('Offline');
    expect(await resultTitles(page)).toEqual(['Search Finds a Post From the Future']);
    await expect.poll(async () => (await firstMarks(page)).map((m) => m.toLowerCase())).toContain(WORD);
    expect(csp).toEqual([]);
    expect(problems.filter((p) => !/net::ERR_CONNECTION_REFUSED/.test(p))).toEqual([]);
  });
});
