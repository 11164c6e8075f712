// The budgets, checked over dist/: the home page paints from its HTML and render-blocking CSS within one TCP initial
// window (14,600 bytes gzip), and all JavaScript of a first visit stays within 25,000 bytes gzip. Deterministic:
// gzip level 9 over the files as built; JavaScript is followed through every static and dynamic import it names,
// and the service worker counts too, because a first visit installs it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGETS = { paint: 14_600, script: 25_000 };

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
  if (existsSync(path.join(dist, 'sw.js'))) queue.push(path.join(dist, 'sw.js'));
  while (queue.length > 0) {
    const js = /** @type {string} */ (queue.pop());
    if (scripts.has(js)) continue;
    scripts.add(js);
    const code = readFileSync(js, 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*\(?\s*["']([^"']+\.js)["']/g)) {
      const spec = /** @type {string} */ (m[1]);
      if (spec.startsWith('.')) queue.push(path.resolve(path.dirname(js), spec));
      else if (spec.startsWith(base)) queue.push(file(spec));
    }
    // Vite's preload helper lists lazy chunks as "assets/x.js" strings.
    for (const m of code.matchAll(/["'](assets\/[^"']+\.js)["']/g))
      queue.push(path.join(dist, /** @type {string} */ (m[1])));
  }
  const cssBytes = css.map((u) => gz(readFileSync(file(u))));
  const paint = gz(html) + cssBytes.reduce((a, b) => a + b, 0);
  const perScript = [...scripts].map((f) => ({ file: path.relative(dist, f), gzip: gz(readFileSync(f)) }));
  const script = perScript.reduce((a, b) => a + b.gzip, 0);
  return { paint, script, html: gz(html), css: cssBytes, scripts: perScript };
}

/**
 * A report a person reads; `ok` says whether both budgets hold.
 * @param {string} dist
 * @param {string} [base]
 */
export function report(dist, base = '/') {
  const m = measure(dist, base);
  const ok = m.paint <= BUDGETS.paint && m.script <= BUDGETS.script;
  const lines = [
    `home page HTML + CSS: ${m.paint} B gzip (budget ${BUDGETS.paint}) ${m.paint <= BUDGETS.paint ? 'ok' : 'OVER'}`,
    `first-visit JavaScript: ${m.script} B gzip (budget ${BUDGETS.script}) ${m.script <= BUDGETS.script ? 'ok' : 'OVER'}`,
    ...m.scripts.map((s) => `  ${s.file}: ${s.gzip} B`),
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
