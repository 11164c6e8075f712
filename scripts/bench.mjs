// `npm run bench`: the reader's speed in real Chromium with the CPU slowed 4x (a phone-class CPU), from dist/.
// Prints: tap → painted article for a saved post with the server gone (median of 20), the time to save every
// post on a first visit, and the home page's first-paint bytes. Measures; asserts nothing.
import { chromium } from 'playwright-core';
import { LAUNCH_OPTIONS } from './chromium.mjs';
import { measure } from './size-check.mjs';
import { serveStatic } from './static-server.mjs';

const dist = new URL('../dist/', import.meta.url).pathname;
const ROUNDS = 2;
/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const server = await serveStatic({ root: dist });
const browser = await chromium.launch(LAUNCH_OPTIONS);
const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

const savedCount = () =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('linux-systems-reader');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('articles')) return resolve(0);
          const count = db.transaction('articles').objectStore('articles').count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );

// First visit: from the navigation to every post stored.
const start = Date.now();
await page.goto(server.url);
const slugs = await page.$$eval('ol.post-list h2 a', (links) => links.map((a) => a.getAttribute('href')));
while ((await savedCount()) < slugs.length) await page.waitForTimeout(20);
const saveAll = Date.now() - start;
await server.close();

// Offline: open the app, tap a post, time until the article is painted.
const taps = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const href of slugs) {
    await page.goto(server.url);
    await page.waitForSelector('ol.post-list');
    taps.push(
      await page.evaluate(async (target) => {
        const link = /** @type {HTMLAnchorElement} */ (document.querySelector(`ol.post-list h2 a[href="${target}"]`));
        const t0 = performance.now();
        link.click();
        while (!document.querySelector('[data-article-hash] p')) await new Promise((r) => setTimeout(r, 1));
        // Painted: the frame after the article is in the DOM.
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }, href),
    );
  }
}
await browser.close();

const home = measure(dist);
console.log(`Chromium, 4x CPU throttling, ${slugs.length} posts`);
console.log(
  `tap → painted article, saved post, server gone: median ${median(taps).toFixed(1)} ms (n=${taps.length}, min ${Math.min(...taps).toFixed(1)}, max ${Math.max(...taps).toFixed(1)})`,
);
console.log(`first visit → every post saved: ${saveAll} ms`);
console.log(
  `home page first paint: ${home.paint} B gzip HTML + CSS; page JavaScript ${home.script} B gzip; service worker ${home.worker} B gzip`,
);
