// Refresh the README's screenshots: the home page and a post on a phone, from the built dist/.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { LAUNCH_OPTIONS } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';

const root = new URL('../dist/', import.meta.url).pathname;
const out = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const server = await serveStatic({ root });
const browser = await chromium.launch(LAUNCH_OPTIONS);
const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
// [file, path, what to scroll into view (a post's first listing), what to wait for]
const shots = [
  ['home.png', '', null, null],
  ['post.png', `posts/${process.argv[2] ?? 'epoll-internals'}/`, 'figure.code', null],
  ['search.png', 'search/?q=ringbuf%20reserve', null, '.search-result mark'],
];
// Once every post is saved, the lists show it, as a returning reader sees them.
await page.goto(server.url);
await page.waitForFunction(
  () => document.querySelectorAll('.mark.saved').length === document.querySelectorAll('ol.post-list > li').length,
  null,
  { timeout: 30_000 },
);
for (const [name, path, scrollTo, waitFor] of shots) {
  await page.goto(server.url + path);
  await page.waitForLoadState('networkidle');
  if (waitFor) await page.waitForSelector(waitFor);
  if (scrollTo) {
    await page
      .locator(scrollTo)
      .first()
      .evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path: out + name });
}
await browser.close();
await server.close();
console.log(`wrote ${shots.map(([n]) => n).join(', ')} to docs/screenshots/`);
