// The budgets, checked over dist/: the home page paints from its HTML (the styles and the theme script are inline in
// it) and any render-blocking CSS within one TCP initial window (14,600 bytes gzip), and all JavaScript of a first
// visit stays within 25,000 bytes gzip. Deterministic: gzip level 9 over the files as built. The page's JavaScript:
// the home page's inline scripts (counted again on their own, though they arrive inside the HTML), its scripts and
// modulepreloads, everything they import statically, and the chunks the entry loads at startup on every page
// (STARTUP). Pages other than the lists load on demand and are not counted; the browser tests check that a first
// visit to the home page runs no JavaScript beyond what this counts. The service worker runs off the page's thread, after it has loaded; it has a
// budget of its own.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGETS = { paint: 14_600, script: 25_000, worker: 12_000 };

/** Chunks imported dynamically at startup on every page (src/app/main.tsx): the worker bridge, and the post page,
 * fetched when the browser is idle. */
export const STARTUP = [/^sw-bridge-/, /^PostPage-/];

/** @param {Buffer | string} data */
const gz = (data) => gzipSync(data, { level: 9 }).length;

/** Data blocks, which a browser never executes: the prerendered page's data, a post's JSON-LD. */
const DATA_TYPE = /\btype\s*=\s*["']?application\/(?:ld\+)?json\b/i;

/**
 * The text of each script a page runs from its own HTML (no `src`, not a data block).
 * @param {string} html
 */
export const inlineScripts = (html) =>
  [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)]
    .filter(([, attrs = '']) => !/\bsrc\s*=/i.test(attrs) && !DATA_TYPE.test(attrs))
    .map(([, , text = '']) => text);

/**
 * The stylesheets a page links that hold up its first paint: all but those for other media (`media="print"`).
 * @param {string} html
 */
const blockingStylesheets = (html) =>
  [...html.matchAll(/<link\b[^>]*>/gi)]
    .map(([tag]) => tag)
    .filter((tag) => /\brel="?stylesheet\b/i.test(tag) && !/\bmedia="?print\b/i.test(tag))
    .map((tag) => /** @type {string} */ (/\bhref="?([^" >]+)/.exec(tag)?.[1]));

/**
 * Measure the first visit of the home page in `dist`.
 * @param {string} dist
 * @param {string} [base] the base path the build was made for
 */
export function measure(dist, base = '/') {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  /** @param {string} url */
  const file = (url) => path.join(dist, url.startsWith(base) ? url.slice(base.length) : url);
  /** @param {RegExp} re */
  const refs = (re) => [...html.matchAll(re)].map((m) => /** @type {string} */ (m[1]));
  const css = blockingStylesheets(html);
  const inline = inlineScripts(html).map((text, i) => ({ file: `index.html, inline script ${i + 1}`, gzip: gz(text) }));
  const entries = [
    ...refs(/<script[^>]+src="?([^" >]+)/g),
    ...refs(/<link[^>]+rel="?modulepreload"?[^>]*href="?([^" >]+)/g),
  ].map(file);
  const scripts = new Set();
  const queue = [...entries];
  while (queue.length > 0) {
    const js = /** @type {string} */ (queue.pop());
    if (scripts.has(js)) continue;
    scripts.add(js);
    const code = readFileSync(js, 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*(\(?)\s*["'`]([^"'`]+\.js)["'`]/g)) {
      const [, dynamic, spec = ''] = m;
      const target = spec.startsWith('.')
        ? path.resolve(path.dirname(js), spec)
        : spec.startsWith(base)
          ? file(spec)
          : '';
      if (target && (!dynamic || STARTUP.some((re) => re.test(path.basename(target))))) queue.push(target);
    }
  }
  const cssBytes = css.map((u) => gz(readFileSync(file(u))));
  const paint = gz(html) + cssBytes.reduce((a, b) => a + b, 0);
  const inlineCss = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)].map(([, text = '']) => gz(text));
  const perScript = [
    ...inline,
    ...[...scripts].map((f) => ({ file: path.relative(dist, f), gzip: gz(readFileSync(f)) })),
  ];
  const script = perScript.reduce((a, b) => a + b.gzip, 0);
  const sw = path.join(dist, 'sw.js');
  const worker = existsSync(sw) ? gz(readFileSync(sw)) : 0;
  return { paint, script, worker, html: gz(html), css: cssBytes, inlineCss, scripts: perScript };
}

/**
 * A report a person reads; `ok` says whether both budgets hold.
 * @param {string} dist
 * @param {string} [base]
 */
export function report(dist, base = '/') {
  const m = measure(dist, base);
  const ok = m.paint <= BUDGETS.paint && m.script <= BUDGETS.script && m.worker <= BUDGETS.worker;
  const lines = [
    `home page HTML + render-blocking CSS: ${m.paint} B gzip (budget ${BUDGETS.paint}) ${m.paint <= BUDGETS.paint ? 'ok' : 'OVER'}`,
    `  HTML ${m.html} B, of which inline styles ${m.inlineCss.join(' + ') || 0} B gzip alone; linked CSS ${m.css.join(' + ') || 0} B`,
    `first-visit JavaScript: ${m.script} B gzip (budget ${BUDGETS.script}) ${m.script <= BUDGETS.script ? 'ok' : 'OVER'}`,
    ...m.scripts.map((s) => `  ${s.file}: ${s.gzip} B`),
    `service worker (sw.js): ${m.worker} B gzip (budget ${BUDGETS.worker}) ${m.worker <= BUDGETS.worker ? 'ok' : 'OVER'}`,
  ];
  return { ok, text: lines.join('\n'), measured: m };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = path.resolve(process.argv[2] ?? 'dist');
  const base = `/${(process.env.BASE ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const { ok, text } = report(dist, base);
  console.log(text);
  process.exit(ok ? 0 : 1);
}
