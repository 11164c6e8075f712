// `npm run bench`: the reader's speed in real Chromium with the CPU slowed 4x (a phone-class CPU), from dist/.
// Prints: tap → painted article for a saved post with the server gone (median of 20), the time to save every
// post on a first visit, search latency (a first query on a reload, and each keystroke once loaded), and the home
// page's first-paint bytes. Measures; asserts nothing.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { LAUNCH_OPTIONS } from './chromium.mjs';
import { firstSearch, keystrokes } from './search-timing.mjs';
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

/** The keys of one IndexedDB store of the reader, in the page; none before the database exists. */
const storeKeys = (/** @type {string} */ store) =>
  page.evaluate(
    (name) =>
      new Promise((resolve) => {
        const open = indexedDB.open('linux-systems-reader');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve([]);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) return resolve([]);
          const keys = db.transaction(name).objectStore(name).getAllKeys();
          keys.onsuccess = () => resolve(keys.result.map(String));
        };
      }),
    store,
  );
const savedCount = async () => /** @type {string[]} */ (await storeKeys('articles')).length;
const searchShardCount = async () =>
  /** @type {string[]} */ (await storeKeys('index')).filter((k) => k.startsWith('index/search-')).length;

/**
 * Search latency with the CPU throttled: (a) a first search on each of 5 fresh page loads, from focusing the field to
 * the painted result list, loading the search code and the index from the device on the way; (b) once loaded, each
 * keystroke of a few queries typed one key at a time, to its painted results.
 * @param {import('playwright-core').Page} page @param {string} url
 */
async function measureSearch(page, url) {
  const first = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(url);
    await page.waitForSelector('ol.post-list');
    await page.waitForLoadState('networkidle');
    first.push((await firstSearch(page, 'ringbuf')).first.ms);
  }
  // The search page is loaded (the last run above): now keystrokes.
  const keys = await keystrokes(page, ['futex_wake', 'thundering herd', 'memory.max', 'page fault']);
  return { first, keys };
}

// First visit: from the navigation to every post stored.
const start = Date.now();
await page.goto(server.url);
const slugs = await page.$$eval('ol.post-list h2 a', (links) => links.map((a) => a.getAttribute('href')));
while ((await savedCount()) < slugs.length) await page.waitForTimeout(20);
const saveAll = Date.now() - start;
// The search index is kept after the articles: wait for it before the server goes, so search reads the device.
const shards = readdirSync(path.join(dist, 'index')).filter((f) => f.startsWith('search-')).length;
while ((await searchShardCount()) < shards) await page.waitForTimeout(20);
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

// Search, from the device (the server is gone): the index and the search code come from IndexedDB and the worker.
const search = await measureSearch(page, server.url);
await browser.close();

const home = measure(dist);
console.log(`Chromium, 4x CPU throttling, ${slugs.length} posts`);
console.log(
  `tap → painted article, saved post, server gone: median ${median(taps).toFixed(1)} ms (n=${taps.length}, min ${Math.min(...taps).toFixed(1)}, max ${Math.max(...taps).toFixed(1)})`,
);
console.log(`first visit → every post saved: ${saveAll} ms`);
const withResults = search.keys.filter((/** @type {{results: number}} */ k) => k.results > 0).map((k) => k.ms);
const allKeys = search.keys.map((/** @type {{ms: number}} */ k) => k.ms);
console.log(
  `search, first query on a reload, server gone (focus + query → painted results, search code and index from the device): median ${median(search.first).toFixed(1)} ms (n=${search.first.length}, min ${Math.min(...search.first).toFixed(1)}, max ${Math.max(...search.first).toFixed(1)})`,
);
console.log(
  `search, keystroke → painted results once loaded: median ${median(allKeys).toFixed(1)} ms (n=${allKeys.length}, max ${Math.max(...allKeys).toFixed(1)}); keystrokes with results: median ${median(withResults).toFixed(1)} ms (n=${withResults.length})`,
);
console.log(
  `home page first paint: ${home.paint} B gzip HTML + CSS; page JavaScript ${home.script} B gzip; service worker ${home.worker} B gzip`,
);
