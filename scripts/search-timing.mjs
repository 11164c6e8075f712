// How the benches time a search in the page: from the keystroke (or the pasted query) to the result list painted.

/**
 * Runs in the page: time each change of the header's search field until the search page has painted its results.
 * A keydown in the field (or the first input, for a query pasted in one go) marks `search-key`. A MutationObserver
 * watches the search page's status for the field's current query ("N posts found for “query”"); the frame after it
 * first shows results (requestAnimationFrame, then a task) is measured as `first`, and the frame after every shard was
 * searched (the status no longer says "searched … of …") as `done`. Each measure is pushed to `window.__searchTimes`
 * as `{ q, kind, ms, results, at }`, `at` being the page's clock at the paint.
 */
export function installSearchTiming() {
  const w = /** @type {any} */ (window);
  const installed = Array.isArray(w.__searchTimes);
  w.__searchTimes = [];
  if (installed) return; // already listening in this page: only the measures start again
  /** @type {{ q: string, first: boolean } | null} */
  let waiting = null;
  /** @param {boolean} again a new keystroke restarts the clock; an input that follows its keydown does not */
  const start = (again) => {
    if (waiting && !again) return;
    waiting = { q: '', first: false };
    performance.mark('search-key');
  };
  const inField = (/** @type {Event} */ e) => /** @type {Element} */ (e.target).id === 'q';
  document.addEventListener('keydown', (e) => inField(e) && e.key.length === 1 && start(true), true);
  document.addEventListener('input', (e) => inField(e) && start(false), true);
  /** @param {string} q @param {'first' | 'done'} kind @param {number} results */
  const painted = (q, kind, results) =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        const end = performance.now();
        const ms = performance.measure(`search ${kind}`, 'search-key').duration;
        w.__searchTimes.push({ q, kind, ms, results, at: end });
      }),
    );
  const check = () => {
    if (!waiting) return;
    const field = /** @type {HTMLInputElement | null} */ (document.getElementById('q'));
    const status = document.querySelector('.search-page [role="status"]')?.textContent ?? '';
    const q = field?.value.trim() ?? '';
    if (!q || !/^\d+ posts? found for “/.test(status) || !status.includes(`found for “${q}”`)) return;
    const results = document.querySelectorAll('ol.search-results > li').length;
    if (results > 0 && !waiting.first) {
      waiting.first = true;
      painted(q, 'first', results);
    }
    if (status.includes('searched')) return; // shards still loading
    waiting = null;
    painted(q, 'done', results);
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
}

/**
 * The measures taken so far, waiting until there are `n` of `kind`; the last of them.
 * @param {import('playwright-core').Page} page @param {'first' | 'done'} kind @param {number} n
 * @returns {Promise<{ q: string, kind: string, ms: number, results: number, at: number }>}
 */
export async function searchTime(page, kind, n, timeout = 10 * 60_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const times = await page.evaluate(
      (k) => /** @type {any[]} */ (/** @type {any} */ (window).__searchTimes).filter((t) => t.kind === k),
      kind,
    );
    if (times.length >= n) return times[n - 1];
    if (Date.now() > end) throw new Error(`no ${kind} search paint after ${timeout} ms`);
    await page.waitForTimeout(5);
  }
}

/**
 * A first search on the page as loaded: the field focused (which starts loading the search code) and `q` arriving in
 * the same moment, as one input: the worst case for a first keystroke. Call on a page that has not searched yet.
 * @param {import('playwright-core').Page} page @param {string} q
 */
export async function firstSearch(page, q) {
  await page.evaluate(installSearchTiming);
  await page.evaluate((query) => {
    const field = /** @type {HTMLInputElement} */ (document.getElementById('q'));
    field.focus();
    field.value = query;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, q);
  return { first: await searchTime(page, 'first', 1), done: await searchTime(page, 'done', 1) };
}

/**
 * Once the search is loaded: type each query key by key after clearing the field (Escape), and time each keystroke
 * that changes the query to its complete result list painted.
 * @param {import('playwright-core').Page} page @param {string[]} queries
 */
export async function keystrokes(page, queries) {
  await page.evaluate(installSearchTiming);
  const out = [];
  for (const q of queries) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(50);
    let typed = '';
    for (const ch of q) {
      const before = typed.trim();
      typed += ch;
      await page.keyboard.press(ch === ' ' ? 'Space' : ch);
      if (typed.trim() === before) continue; // a space: the query did not change
      out.push(await searchTime(page, 'done', out.length + 1));
    }
  }
  return out;
}
