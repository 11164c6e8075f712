import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type LaunchOptions, type Page } from 'playwright-core';
import { CHROMIUM_PATH, LAUNCH_OPTIONS } from '../../scripts/chromium.mjs';
import { serveStatic } from '../../scripts/static-server.mjs';
import { loadContent } from '../../src/build/content.ts';
import { buildSiteIndex, type SiteIndex } from '../../src/build/site-index.ts';
import type { PostMeta } from '../../src/shared/types.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST = path.join(ROOT, 'dist');

/**
 * The site as the build makes it from a folder of posts: payloads (with their hashes and file names), list pages and
 * the manifest. Image URLs in the articles carry the base, so the hashes depend on it.
 */
export const siteIndex = (base = '/', postsDir = path.join(ROOT, 'content/posts')): Promise<SiteIndex> =>
  buildSiteIndex(loadContent(postsDir, { drafts: false, base }).posts);

/** The posts the build published, newest first, as the index lists them, with their payloads' hashes and sizes. */
export const publishedPosts = async (base = '/', postsDir?: string): Promise<PostMeta[]> =>
  (await siteIndex(base, postsDir)).posts;

const CHROMIUM = CHROMIUM_PATH;
const LAUNCH: LaunchOptions = LAUNCH_OPTIONS;

/** A plain static host for a built folder; stop it to take the site offline for real. */
export type Server = Awaited<ReturnType<typeof serveStatic>>;

export async function startServer(
  options: {
    root?: string;
    port?: number;
    base?: string;
    onRequest?: Parameters<typeof serveStatic>[0]['onRequest'];
  } = {},
): Promise<Server> {
  const root = options.root ?? DIST;
  if (!existsSync(path.join(root, 'index.html'))) throw new Error(`${root} has no build: run "npm run build" first`);
  return serveStatic({ root, port: options.port ?? 0, base: options.base ?? '/', onRequest: options.onRequest });
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
  return chromium.launch(LAUNCH);
}

/** A browser with a profile on disk, so a test can close it and start it again like a phone restarting. */
export async function launchPersistent(dir = mkdtempSync(path.join(tmpdir(), 'reader-profile-'))) {
  const context = await chromium.launchPersistentContext(dir, { ...LAUNCH, viewport: { width: 390, height: 844 } });
  return { context, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A phone-sized page that fails the test on any console error, CSP violation or uncaught exception. */
export async function phonePage(
  target: Browser | BrowserContext,
  options: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<{ page: Page; problems: string[] }> {
  const page =
    'newContext' in target
      ? await (await target.newContext({ viewport: { width: 360, height: 740 }, ...options })).newPage()
      : await target.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return { page, problems };
}

/** Wait until the service worker controls the page, which it does once it activated and claimed its clients. */
export async function waitForController(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
}

/** Build another version of the blog: a copy of content/posts changed by `edit`, built into a temporary folder. */
export async function buildVersion(edit: (postsDir: string) => void): Promise<string> {
  const { buildInto } = await import('../build/build-helper.ts');
  const postsDir = mkdtempSync(path.join(tmpdir(), 'reader-posts-'));
  cpSync(path.join(ROOT, 'content/posts'), postsDir, { recursive: true });
  edit(postsDir);
  return buildInto({ POSTS_DIR: postsDir });
}

/** Every record of one store of the reader's database, read without creating or upgrading it. */
export async function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve) => {
        const open = indexedDB.open('linux-systems-reader');
        // Looking must not create the database: that would leave the app an empty one at its own version.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            return resolve([]);
          }
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            resolve(all.result as T[]);
            db.close();
          };
        };
        open.onerror = () => resolve([]);
      }),
    store,
  );
}

/** How many articles the page's origin has saved in IndexedDB. */
export const savedCount = async (page: Page): Promise<number> => (await readStore(page, 'articles')).length;

/** The version (content hash) of every article the page's origin has saved, by slug. */
export async function savedVersions(page: Page): Promise<Record<string, string>> {
  const articles = await readStore<{ slug: string; hash: string }>(page, 'articles');
  return Object.fromEntries(articles.map((a) => [a.slug, a.hash]).sort(([a], [b]) => a!.localeCompare(b!)));
}

/** The versions a device holds once it saved every one of `posts` as the build published it. */
export const versionsOf = (posts: readonly PostMeta[]): Record<string, string> =>
  Object.fromEntries(posts.map((p) => [p.slug, p.hash]).sort(([a], [b]) => a!.localeCompare(b!)));

/** What Settings says once `saved` posts are on the device and the blog has `total`. */
export const savedLede = (saved: number, total: number): RegExp =>
  new RegExp(`^${saved} posts? saved on this device, [^,]+, of ${total} posts? on the blog \\(`);
