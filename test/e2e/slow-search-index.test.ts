import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInto } from '../build/build-helper.ts';
import { launch, phonePage, readStore, ROOT, type Server, startServer, waitForController } from './harness.ts';

// The search index is saved after the last article; at 10,000 posts that is 39 files, a minute or more on a slow
// line. The page takes a sync it has not heard from for about a minute as stopped: the shards must keep it informed.
// 60 posts make two shards; the page's clock is run ahead while each is held, so the test takes seconds.

const POSTS = 60;
let postsDir: string;
let dist: string;
let browser: Browser;
let server: Server | undefined;

beforeAll(async () => {
  postsDir = mkdtempSync(path.join(tmpdir(), 'reader-corpus-'));
  execFileSync('node', [path.join(ROOT, 'scripts/corpus.mjs'), '--posts', String(POSTS), '--out', postsDir]);
  dist = await buildInto({ POSTS_DIR: postsDir });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(postsDir, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
});

const label = (page: Page) =>
  page.evaluate(() => document.querySelector('.progress label')?.textContent ?? '(no progress shown)');
const alerts = (page: Page) => page.getByRole('alert').allTextContents();

describe('a slow search index', () => {
  it('keeps Settings saying what is being saved, never "stopped", while its shards arrive one by one', async () => {
    // The server holds every search shard until the test lets it go.
    const held = new Map<string, () => void>();
    server = await startServer({
      root: dist,
      onRequest(req, res) {
        const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
        if (!/^index\/search-\d+\.[0-9a-f]+\.json$/.test(name)) return false;
        held.set(name, () => {
          if (!res.destroyed)
            res.writeHead(200, { 'Content-Type': 'application/json' }).end(readFileSync(path.join(dist, name)));
        });
        return true;
      },
    });
    const { page, problems } = await phonePage(browser);
    await page.clock.install();
    await page.goto(`${server.url}settings/`);
    await waitForController(page);

    // Every article saved, the term directory kept (its one file is not held) and both shards asked for.
    await expect.poll(() => held.size, { timeout: 30_000 }).toBe(2);
    await expect
      .poll(() => label(page))
      .toBe(`Saved ${POSTS} of ${POSTS} posts; saving the search index, 1 of 3 parts`);
    const [first, second] = [...held.keys()];
    // 40 s with no shard: the page asks the worker again (harmless) and keeps waiting.
    await page.clock.runFor(40_000);
    held.get(first!)!();
    await expect
      .poll(() => label(page))
      .toBe(`Saved ${POSTS} of ${POSTS} posts; saving the search index, 2 of 3 parts`);
    // 40 s more: 80 s since the last article, but the shard just reported.
    await page.clock.runFor(40_000);
    expect(await alerts(page)).toEqual([]);
    held.get(second!)!();
    await expect.poll(() => label(page)).toBe(`Saved ${POSTS} of ${POSTS} posts`);
    expect(await alerts(page)).toEqual([]);
    const kept = (await readStore<{ name: string }>(page, 'index')).map((f) => f.name);
    expect(kept).toEqual(expect.arrayContaining([first, second]));
    expect(problems).toEqual([]);
  });
});
