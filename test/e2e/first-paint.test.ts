import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launch, publishedPosts, readStore, type Server, startServer, waitForController } from './harness.ts';

// The first paint comes from the HTML alone: the styles and the theme script are inline, allowed by their hashes in
// the page's Content-Security-Policy. On every kind of page, online and from the worker's offline shell, nothing is
// refused by the policy and the first frame already has the reader's colours and text size.

const posts = await publishedPosts();
const post = posts[0]!;
const DARK = 'rgb(21, 23, 26)'; // --bg, dark
const LIGHT = 'rgb(253, 253, 252)'; // --bg, light

let browser: Browser;
let server: Server;
let context: BrowserContext | undefined;

type Frame = { t: number; bg: string | null; theme: string | null; fontSize: string };
declare global {
  interface Window {
    firstFrames: Frame[];
    violations: string[];
  }
}

/**
 * A phone whose device scheme is `device` and whose stored theme and text size are `stored`, set before any page
 * script runs. Each page it opens records CSP violations, and, once a frame, until the first contentful paint, what
 * that frame would paint with (a requestAnimationFrame callback runs before its frame is painted).
 */
async function phone(device: 'light' | 'dark', stored: { theme?: string; scale?: string } = {}) {
  context = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme: device });
  await context.addInitScript((s) => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.violations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'} ${e.sample}`),
    );
    try {
      if (s.theme) localStorage.setItem('reader:theme', s.theme);
      if (s.scale) localStorage.setItem('reader:text-scale', s.scale);
    } catch {
      // about:blank has no storage
    }
    window.firstFrames = [];
    const sample = () => {
      const body = document.body;
      window.firstFrames.push({
        t: performance.now(),
        bg: body ? getComputedStyle(body).backgroundColor : null,
        theme: document.documentElement.getAttribute('data-theme'),
        fontSize: getComputedStyle(document.documentElement).fontSize,
      });
      const painted = performance.getEntriesByName('first-contentful-paint').length > 0;
      if (!painted && window.firstFrames.length < 1000) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  }, stored);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  // Chromium logs every CSP refusal as an error: "Refused to execute inline script because it violates ...".
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  return { page, problems };
}

/** What the frames before the first contentful paint painted with: every frame that had a body to paint. */
async function framesBeforePaint(page: Page): Promise<Omit<Frame, 't'>[]> {
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
  return page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]!.startTime;
    return window.firstFrames.filter((f) => f.bg !== null && f.t <= fcp).map(({ t: _, ...f }) => f);
  });
}

const violations = (page: Page) => page.evaluate(() => window.violations);

beforeAll(async () => {
  browser = await launch();
  server = await startServer();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await server?.close();
  await browser?.close();
});

const PAGES: [string, string, number][] = [
  ['home', '', 200],
  ['a tag', `tags/${post.tags[0]}/`, 200],
  ['a post', `posts/${post.slug}/`, 200],
  ['Settings', 'settings/', 200],
  ['Bookmarks', 'bookmarks/', 200],
  ['an unknown address (404.html)', 'no-such-page/', 404],
  ['the neutral shell', 'shell.html', 200],
];

describe('the first paint, from the HTML alone', () => {
  it.each(PAGES)(
    '%s: a device in dark mode paints dark from the first frame, with no CSP violation',
    async (_, at, status) => {
      const { page, problems } = await phone('dark');
      const response = await page.goto(`${server.url}${at}`);
      expect(response?.status()).toBe(status);
      const frames = await framesBeforePaint(page);
      expect(frames.length).toBeGreaterThan(0);
      for (const frame of frames) expect(frame).toEqual({ bg: DARK, theme: null, fontSize: '16px' });
      await page.waitForLoadState('load');
      expect(await violations(page)).toEqual([]);
      expect(problems).toEqual([]);
    },
  );

  it.each(PAGES)('%s: a stored theme and text size apply before the first frame', async (_, at) => {
    const { page, problems } = await phone('light', { theme: 'dark', scale: '1.3' });
    await page.goto(`${server.url}${at}`);
    const frames = await framesBeforePaint(page);
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(frame).toEqual({ bg: DARK, theme: 'dark', fontSize: '20.8px' });
    await page.waitForLoadState('load');
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('a light theme chosen on a dark device paints light from the first frame', async () => {
    const { page } = await phone('dark', { theme: 'light' });
    await page.goto(server.url);
    const frames = await framesBeforePaint(page);
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(frame).toEqual({ bg: LIGHT, theme: 'light', fontSize: '16px' });
  });

  it('the offline shell the worker serves for a saved post paints dark at once, with no CSP violation', async () => {
    const own = await startServer();
    try {
      const { page, problems } = await phone('light', { theme: 'dark' });
      await page.goto(own.url);
      await waitForController(page);
      await expect
        .poll(async () => (await readStore<{ slug: string }>(page, 'articles')).some((a) => a.slug === post.slug), {
          timeout: 30_000,
        })
        .toBe(true);
      await own.close();
      const response = await page.goto(`${own.url}posts/${post.slug}/`);
      expect(response?.fromServiceWorker()).toBe(true);
      // The shell, not the post's own page: the app renders the post into it from the device.
      expect(await response?.text()).toContain('<main id="main" data-path></main>');
      const frames = await framesBeforePaint(page);
      expect(frames.length).toBeGreaterThan(0);
      for (const frame of frames) expect(frame).toEqual({ bg: DARK, theme: 'dark', fontSize: '16px' });
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(post.title);
      expect(await violations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
