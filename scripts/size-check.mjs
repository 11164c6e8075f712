// The budgets, checked over dist/: the home page paints from its HTML and render-blocking CSS within one TCP initial
// window (14,600 bytes gzip), and all JavaScript of a first visit stays within 25,000 bytes gzip. Deterministic:
// gzip level 9 over the files as built. The page's JavaScript: the home page's scripts and modulepreloads, everything
// they import statically, and the chunks the entry loads at startup on every page (STARTUP). Pages other than the
// lists load on demand and are not counted; the browser tests check that a first visit to the home page runs no
// JavaScript beyond what this counts. The service worker runs off the page's thread, after it has loaded; it has a
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
  const css = refs(/<link[^>]+rel="?stylesheet"?[^>]*href="?([^" >]+)/g);
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
  const perScript = [...scripts].map((f) => ({ file: path.relative(dist, f), gzip: gz(readFileSync(f)) }));
  const script = perScript.reduce((a, b) => a + b.gzip, 0);
  const sw = path.join(dist, 'sw.js');
  const worker = existsSync(sw) ? gz(readFileSync(sw)) : 0;
  return { paint, script, worker, html: gz(html), css: cssBytes, scripts: perScript };
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
    `home page HTML + CSS: ${m.paint} B gzip (budget ${BUDGETS.paint}) ${m.paint <= BUDGETS.paint ? 'ok' : 'OVER'}`,
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
