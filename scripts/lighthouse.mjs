// `npm run lighthouse [-- --compare OTHER_DIST]`: Lighthouse (mobile, its default throttling) on the built dist/,
// served by the plain static server, in Debian's Chromium: home, a tag page, a post, Bookmarks, Settings and search
// when there is one. Prints a Markdown table; exits non-zero if any accessibility, best-practices or SEO score of
// dist/ is below 100 (performance and blocking time are reported, not asserted). `--compare` adds a second build's
// rows (another blog built from the same posts), whose scores are not asserted.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH, LAUNCH_OPTIONS } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const ASSERTED = ['accessibility', 'best-practices', 'seo'];
const { values } = parseArgs({ options: { compare: { type: 'string' }, dist: { type: 'string' } } });

/**
 * The pages to measure in a build: the first tag and the first post its home page links to.
 * @param {string} dist
 * @returns {[string, string][]}
 */
function pagesOf(dist) {
  const home = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const first = (/** @type {RegExp} */ re) => re.exec(home)?.[1];
  const pages = [
    ['home', '/'],
    ['a tag', first(/href="(\/tags\/[^"/]+\/)"/)],
    ['a post', first(/href="(\/posts\/[^"/]+\/)"/)],
    ['Bookmarks', '/bookmarks/'],
    ['Settings', '/settings/'],
    ['search', '/search/'],
  ];
  return /** @type {[string, string][]} */ (
    pages.filter(([, at]) => at && existsSync(path.join(dist, at, 'index.html')))
  );
}

/** Chromium with a debugging port, on a profile of its own, as the project's other Chromium runs are started. */
async function startChromium() {
  const profile = mkdtempSync(path.join(tmpdir(), 'reader-lighthouse-'));
  const args = [...LAUNCH_OPTIONS.args, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`];
  const child = spawn(CHROMIUM_PATH, [...args, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened:\n${err}`)));
  });
  return {
    port,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
      // Chromium's helper processes can outlive it by a moment, still writing into the profile: removing it then
      // fails with ENOTEMPTY (it did in CI), so it is tried again; the scores stand whether or not it goes.
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      } catch (e) {
        console.warn(`Could not remove Chromium's profile ${profile}: ${e instanceof Error ? e.message : e}`);
      }
    },
  };
}

/** @param {import('lighthouse').Result} lhr @param {string} id */
const ms = (lhr, id) => `${Math.round(lhr.audits[id]?.numericValue ?? NaN).toLocaleString('en')} ms`;

/**
 * Lighthouse on every page of one build: a row per page, and what failed in the asserted categories.
 * @param {string} label @param {string} dist @param {number} port
 */
async function measure(label, dist, port) {
  const server = await serveStatic({ root: dist, port: 0 });
  const rows = [];
  const failures = [];
  try {
    for (const [name, at] of pagesOf(dist)) {
      const url = new URL(at.slice(1), server.url).href;
      const lhr = (await lighthouse(url, { port, output: 'json', logLevel: 'error' }))?.lhr;
      if (!lhr) throw new Error(`${url}: Lighthouse returned no result`);
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
      const score = (/** @type {string} */ id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      rows.push([
        `${label}, ${name}`,
        score('performance'),
        ...ASSERTED.map(score),
        ms(lhr, 'first-contentful-paint'),
        ms(lhr, 'largest-contentful-paint'),
        ms(lhr, 'total-blocking-time'),
      ]);
      for (const id of ASSERTED) {
        for (const ref of lhr.categories[id]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (audit && ref.weight > 0 && audit.score !== null && audit.score < 1)
            failures.push(`${label}, ${name}: ${id}: ${ref.id}: ${audit.title}`);
        }
      }
    }
  } finally {
    await server.close();
  }
  return { rows, failures };
}

const dist = path.resolve(values.dist ?? path.join(ROOT, 'dist'));
if (!existsSync(path.join(dist, 'index.html'))) throw new Error(`${dist} has no build: run "npm run build" first`);
const chromium = await startChromium();
let ours;
let other;
try {
  ours = await measure('ours', dist, chromium.port);
  if (values.compare) other = await measure(path.basename(path.resolve(values.compare)), values.compare, chromium.port);
} finally {
  await chromium.stop();
}

const header = ['page', 'performance', 'accessibility', 'best practices', 'SEO', 'FCP', 'LCP', 'TBT'];
const lines = [header, header.map((_, i) => (i === 0 ? '---' : '---:')), ...ours.rows, ...(other?.rows ?? [])];
console.log(lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n'));
if (ours.failures.length > 0) {
  console.error(`\nBelow 100 in ${ASSERTED.join(', ')}:\n  ${ours.failures.join('\n  ')}`);
  process.exitCode = 1;
}
