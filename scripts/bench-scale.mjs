// `npm run bench:scale [-- 10 1000 10000]`: the reader at 10 (the real posts), 1,000 and 10,000 synthetic posts.
// For each size: cold builds with the search index and without it, alternated (seconds, peak RSS), what the build
// wrote, the first visit's paint, JavaScript and sw.js bytes, a first visit in Chromium (4x CPU throttling) saving its
// default offline set (time, longest main-thread task, storage used), and a rebuild after one post changed; and the
// search: the index's total bytes, and a first query online on a fresh visit (bytes of index fetched until the first
// results and until all, and how long each took at 4x CPU). Prints two Markdown tables. Measures; asserts nothing.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { LAUNCH_OPTIONS } from './chromium.mjs';
import { writeCorpus } from './corpus.mjs';
import { firstSearch } from './search-timing.mjs';
import { measure } from './size-check.mjs';
import { serveStatic } from './static-server.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const SIZES = sizes.length > 0 ? sizes : [10, 1000, 10000];
const work = mkdtempSync(path.join(tmpdir(), 'bench-scale-'));

/**
 * A build into outDir: from an empty folder (`fresh`), or over the last build, as `npm run build` does; `index` false
 * builds without the search index, to measure what the index adds. `cacheDir` is its render cache: a new folder for a
 * cold build.
 * @param {string} postsDir @param {string} outDir @param {string} cacheDir @param {boolean} fresh
 */
function build(postsDir, outDir, cacheDir, fresh, index = true) {
  const env = {
    ...process.env,
    POSTS_DIR: postsDir,
    RENDER_CACHE_DIR: cacheDir,
    ...(index ? {} : { SEARCH_INDEX: 'off' }),
  };
  const args = [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir];
  if (fresh) args.push('--emptyOutDir');
  const timed = existsSync('/usr/bin/time');
  // The build's own output (a line per file) goes to a file: at 10,000 posts it overflows any buffer.
  const log = path.join(work, 'build.log');
  const out = openSync(log, 'w');
  /** @type {import('node:child_process').SpawnSyncOptionsWithStringEncoding} */
  const opts = {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    stdio: ['ignore', out, 'pipe'],
    maxBuffer: 64e6,
  };
  const result = timed
    ? spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], opts)
    : spawnSync(process.execPath, args, opts);
  closeSync(out);
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}`);
  const [seconds, kb] = timed ? (result.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number) : [NaN, NaN];
  // The plugin says how long the search index took, from building its missing shards beside the pages to the index
  // made whole, and how long the build waited for it once the pages were written (src/build/plugin.ts).
  const search =
    /content: search index: \d+ shards built in ([\d.]+) s beside the pages; the build waited ([\d.]+) s/.exec(
      readFileSync(log, 'utf8'),
    );
  return {
    seconds: seconds ?? NaN,
    rssMB: (kb ?? NaN) / 1024,
    searchSeconds: Number(search?.[1] ?? NaN),
    searchWaited: Number(search?.[2] ?? NaN),
  };
}

/** @param {string} dir */
function tree(dir) {
  let files = 0;
  let bytes = 0;
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    files += 1;
    bytes += statSync(path.join(f.parentPath, f.name)).size;
  }
  return { files, mb: bytes / 1e6 };
}

/**
 * A first visit: until the worker reports its sync done; the longest main-thread task meanwhile. Timed from the
 * navigation to the report that every post of the default set is saved, and to the report that the sync is done
 * (the search index is saved after the posts).
 * @param {string} dist
 */
async function firstVisit(dist) {
  const server = await serveStatic({ root: dist, port: 0 });
  const browser = await chromium.launch(LAUNCH_OPTIONS);
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
    navigator.serviceWorker?.addEventListener('message', (e) => {
      if (e.data?.type !== 'SYNC_PROGRESS') return;
      const { progress } = e.data;
      if (progress.saved === progress.total) w.__postsAt ??= performance.now();
      if (!progress.done) return;
      w.__done = progress;
      w.__doneAt = performance.now();
    });
  });
  await page.goto(server.url);
  await page.waitForFunction(() => /** @type {any} */ (window).__done, null, { timeout: 20 * 60_000, polling: 200 });
  const { longest, done, postsAt, doneAt, usage } = await page.evaluate(async () => ({
    longest: /** @type {any} */ (window).__longest,
    done: /** @type {any} */ (window).__done,
    postsAt: /** @type {any} */ (window).__postsAt,
    doneAt: /** @type {any} */ (window).__doneAt,
    usage: (await navigator.storage.estimate()).usage ?? 0,
  }));
  await browser.close();
  await server.close();
  return {
    postsSeconds: postsAt / 1000,
    seconds: doneAt / 1000,
    longest,
    saved: done.saved,
    total: done.total,
    storedMB: usage / 1e6,
  };
}

/** The search index a build wrote (dist/index/search-*.json): files, raw and gzip bytes, each file's gzip size. @param {string} dist */
function searchIndex(dist) {
  const gz = new Map();
  let raw = 0;
  let gzip = 0;
  for (const name of readdirSync(path.join(dist, 'index')).filter((f) => /^(search|terms)-.*\.json$/.test(f))) {
    const bytes = readFileSync(path.join(dist, 'index', name));
    const z = gzipSync(bytes, { level: 9 }).length;
    gz.set(`index/${name}`, z);
    raw += bytes.length;
    gzip += z;
  }
  return { files: gz.size, raw, gzip, gz };
}

/**
 * A word in one post only, the post in the middle of the home list (so in an old shard, not the newest): what a rare
 * identifier costs, where the newest shards cannot answer. The corpus's post number i alone has a listing that calls
 * `handler_<10 i + 3>` (scripts/corpus.mjs).
 * @param {string} dist @param {number} n
 */
function rareWord(dist, n) {
  const json = (/** @type {string} */ name) => JSON.parse(readFileSync(path.join(dist, name), 'utf8'));
  const manifest = json(`index/${readdirSync(path.join(dist, 'index')).find((f) => f.startsWith('manifest.'))}`);
  const middle = n / 2;
  const post = json(manifest.home[Math.floor(middle / manifest.pageSize)]).posts[middle % manifest.pageSize];
  return `handler_${(Number(post.slug.slice(-5)) - 1) * 10 + 3}`;
}

/**
 * A first query online on a fresh visit, with the CPU slowed 4x: the home page, then `q` in the header's field.
 * The worker is kept out (its sync would fetch the same files): this is what the query itself costs. Bytes are the
 * search index's files (shards and term directory) the page fetched until the first results were painted and until
 * the search was done, as this (uncompressed) server sent them and as gzip would.
 * @param {string} dist @param {Map<string, number>} gz @param {string} q
 */
async function firstQuery(dist, gz, q) {
  const server = await serveStatic({ root: dist, port: 0 });
  const browser = await chromium.launch(LAUNCH_OPTIONS);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(() => performance.setResourceTimingBufferSize(100_000));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(server.url);
  await page.waitForSelector('ol.post-list');
  await page.waitForLoadState('networkidle');
  const { first, done } = await firstSearch(page, q);
  const shards = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => /** @type {PerformanceResourceTiming} */ (e))
      .filter((e) => /\/index\/(search|terms)-/.test(new URL(e.name).pathname))
      .map((e) => ({
        name: new URL(e.name).pathname.replace(/^\//, ''),
        bytes: e.encodedBodySize,
        end: e.responseEnd,
      })),
  );
  await browser.close();
  await server.close();
  /** @param {number} until */
  const sum = (until) => {
    const got = shards.filter((s) => s.end <= until);
    return { raw: got.reduce((n, s) => n + s.bytes, 0), gzip: got.reduce((n, s) => n + (gz.get(s.name) ?? NaN), 0) };
  };
  return { q, firstMs: first.ms, doneMs: done.ms, results: done.results, toFirst: sum(first.at), toDone: sum(done.at) };
}

const rows = [];
for (const n of SIZES) {
  const postsDir = n === 10 ? path.join(ROOT, 'content/posts') : path.join(work, `posts-${n}`);
  if (n !== 10) writeCorpus(n, postsDir);
  const dist = path.join(work, `dist-${n}`);
  // Cold builds, no rendered post cached: the real one twice, each between two without the search index (without,
  // with, without, with, without). What the index adds to a build is each build with it against the mean of the two
  // either side of it, and the mean of those two differences: a timing of the index's own work would leave out what it
  // slows beside it, one build before would carry whatever the machine did before it, and one pair moves by several
  // seconds with the machine's hour. Each has a render cache and an output folder of its own, and nothing is removed
  // until the bench ends: an ext4 with no journal (this machine's) gives no new file an inode freed in the last one to
  // six minutes (recently_deleted in fs/ext4/ialloc.c, at the top of the kernel's share of a build in `perf record`),
  // so after tens of thousands of deletions each new file costs a search past them, which the build right after a
  // deletion paid alone.
  const bareBuild = (/** @type {number} */ i) =>
    build(postsDir, `${dist}-no-index-${i}`, path.join(work, `render-cache-${n}-no-index-${i}`), true, false);
  const bareEach = [bareBuild(1)];
  const fullEach = [];
  for (const i of [1, 2]) {
    fullEach.push(build(postsDir, i === 2 ? dist : `${dist}-${i}`, path.join(work, `render-cache-${n}-${i}`), true));
    bareEach.push(bareBuild(i + 1));
  }
  // The last build with the index is the one measured further, and rebuilt.
  const full = /** @type {ReturnType<typeof build>} */ (fullEach.at(-1));
  const cache = path.join(work, `render-cache-${n}-2`);
  const mean = (/** @type {number[]} */ xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const bareSeconds = bareEach.map((b) => b.seconds);
  const fullSeconds = fullEach.map((b) => b.seconds);
  // Each build with the index against the two without it either side (bareSeconds has one more).
  const adds = fullSeconds.map((s, i) => s - mean(bareSeconds.slice(i, i + 2)));
  const bare = { seconds: mean(bareSeconds), each: bareSeconds };
  const withIndex = { seconds: mean(fullSeconds), each: fullSeconds, adds };
  const out = tree(dist);
  const sizes = measure(dist);
  const visit = await firstVisit(dist);
  const index = searchIndex(dist);
  const query = await firstQuery(dist, index.gz, 'ringbuf');
  const rare = n === 10 ? undefined : await firstQuery(dist, index.gz, rareWord(dist, n));
  let rebuild = { seconds: NaN, rssMB: NaN, searchSeconds: NaN, searchWaited: NaN };
  if (n !== 10) {
    const one = readdirSync(postsDir).find((f) => f.endsWith('.md'));
    appendFileSync(path.join(postsDir, /** @type {string} */ (one)), '\nOne more sentence, changed for the bench.\n');
    rebuild = build(postsDir, dist, cache, false);
  }
  rows.push({ n, full, bare, withIndex, out, sizes, visit, rebuild, index, query, rare });
  console.error(`${n} posts measured`);
}
rmSync(work, { recursive: true, force: true });

const f = (/** @type {number} */ x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
console.log(
  '| posts | build s | peak RSS MB | files in dist | MB in dist | home paint B gz | first-visit JS B gz | sw.js B gz | first visit: saved | save s (4x CPU): posts / with search index | longest task ms | stored MB | rebuild after 1 change s |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.n} | ${f(r.withIndex.seconds)} | ${f(r.full.rssMB, 0)} | ${r.out.files} | ${f(r.out.mb)} | ${r.sizes.paint} | ${r.sizes.script} | ${r.sizes.worker} | ${r.visit.saved} of ${r.visit.total} | ${f(r.visit.postsSeconds)} / ${f(r.visit.seconds)} | ${f(r.visit.longest, 0)} | ${f(r.visit.storedMB)} | ${f(r.rebuild.seconds)} |`,
  );
}

const kb = (/** @type {number} */ b) => f(b / 1024);
console.log('');
console.log(
  '| posts | search index files | build s without the index: mean (each) / with it: mean (each) | the index adds: mean (each, against the builds either side) | search index: s built beside the pages / s the build waited for it after them | index KB raw / gz | first query | KB to first results raw / gz | KB to done raw / gz | first results ms (4x CPU) | done ms | results |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | :--- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  const { searchSeconds, searchWaited } = r.full;
  const each = (/** @type {number[]} */ xs) => xs.map((x) => f(x)).join(', ');
  const pct = (/** @type {number} */ x) => `${f((100 * x) / r.bare.seconds, 0)}%`;
  const times = `${f(r.bare.seconds)} (${each(r.bare.each)}) / ${f(r.withIndex.seconds)} (${each(r.withIndex.each)})`;
  const meanAdds = r.withIndex.adds.reduce((a, b) => a + b, 0) / r.withIndex.adds.length;
  const adds = `${f(meanAdds)} s, ${pct(meanAdds)} (${r.withIndex.adds.map(pct).join(', ')})`;
  const share = `${times} | ${adds} | ${f(searchSeconds)} / ${f(searchWaited)}`;
  for (const q of [r.query, r.rare].filter((x) => x !== undefined)) {
    console.log(
      `| ${r.n} | ${r.index.files} | ${share} | ${kb(r.index.raw)} / ${kb(r.index.gzip)} | \`${q.q}\` | ${kb(q.toFirst.raw)} / ${kb(q.toFirst.gzip)} | ${kb(q.toDone.raw)} / ${kb(q.toDone.gzip)} | ${f(q.firstMs, 0)} | ${f(q.doneMs, 0)} | ${q.results} |`,
    );
  }
}
