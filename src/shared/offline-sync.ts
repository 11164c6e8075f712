import { saveArticle, type SavedInfo } from './article-store.ts';
import { verifyArticle, verifyIndexFile } from './content-hash.ts';
import { isQuotaError, type ReaderDatabase } from './db.ts';
import { isIndexManifest, isListChunk, manifestChunks } from './index-files.ts';
import { getIndexFile, getOfflinePolicy, listIndexFiles, putIndexFile, removeIndexFiles } from './index-store.ts';
import { chooseOfflineSet } from './offline-set.ts';
import { articleFile } from './routes.ts';
import { isSearchShard, isTermsChunk, shardSlices } from './search.ts';
import type { IndexManifest, PostRef } from './types.ts';

/** How far a sync has got; what changed since the last report rides along, so pages update without re-reading. */
export interface SyncProgress {
  /** Posts the reader's offline set holds. */
  total: number;
  /** Of those, saved and current, including those that already were. */
  saved: number;
  /** Posts that could not be saved this time. */
  failed: string[];
  /** Set when the browser refused to store more. */
  quotaExceeded: boolean;
  done: boolean;
  /** Bytes the offline set needs in all. */
  bytes: number;
  /** Articles saved since the last report. */
  changed: SavedInfo[];
  /** Articles removed since the last report. */
  removed: string[];
  /** Set once the articles are through: the search index files this run fetches, and how many are dealt with. */
  search?: { files: number; handled: number } | undefined;
}

export interface SyncOptions {
  /** The name of this version's index manifest. */
  manifest: string;
  /** Fetches a file by its base-relative name (`articles/x.json`, `index/x.json`). */
  fetchFile: (name: string) => Promise<Response>;
  /**
   * How many downloads run at once; by default 6, what a browser opens to one host over HTTP/1.1. Each request costs
   * the browser milliseconds of its own beside the transfer: at 1,000 posts, 3 at a time took twice as long to fetch.
   */
  concurrency?: number;
  /**
   * Whether an article (or a search shard) of this many bytes may be stored and still leave room for the reader's own
   * records; when it says no to an article, saving stops as on a full disk. Unset: no limit but the browser's.
   */
  hasRoom?: (bytes: number) => Promise<boolean>;
  /** Told of every step; the caller throttles. */
  onProgress?: (progress: SyncProgress) => void;
}

async function fetchText(options: SyncOptions, name: string): Promise<string> {
  const response = await options.fetchFile(name);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${name}`);
  return response.text();
}

/** An index file from the device, or fetched, verified against its name and kept. */
async function indexFile(db: ReaderDatabase, options: SyncOptions, name: string): Promise<unknown> {
  const kept = await getIndexFile(db, name);
  if (kept !== undefined) return JSON.parse(kept) as unknown;
  const text = await fetchText(options, name);
  const value = await verifyIndexFile(name, text);
  await putIndexFile(db, name, text);
  return value;
}

/** Run `task` over `items`, `limit` at a time, stopping early when `stop()` says so. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>, stop = () => false) {
  const queue = [...items];
  const run = async () => {
    while (!stop() && queue.length > 0) await task(queue.shift()!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, run));
  return queue;
}

/**
 * A file of the search index (a shard or a file of the term directory) fetched, verified against its name and kept,
 * if there is room for it beside the reader's records.
 */
async function keepSearchFile(db: ReaderDatabase, options: SyncOptions, name: string): Promise<void> {
  const text = await fetchText(options, name);
  if (options.hasRoom && !(await options.hasRoom(new TextEncoder().encode(text).byteLength))) return;
  const value = await verifyIndexFile(name, text);
  if (!isSearchShard(value) && !isTermsChunk(value)) return;
  await putIndexFile(db, name, text);
}

/**
 * Bring the device up to this version of the blog: keep the index (every list page, for offline lists), decide the
 * offline set from the reader's policy and the bookmarks in the same transaction that drops what left it, then fetch
 * what is missing or changed, a few at a time, each verified and stored whole. Stopped at any point, the next run
 * continues where this one stopped; an older saved version stays until its replacement is stored.
 */
export async function syncOffline(db: ReaderDatabase, options: SyncOptions): Promise<SyncProgress> {
  const { concurrency = 6, onProgress } = options;
  const manifestValue = await indexFile(db, options, options.manifest);
  if (!isIndexManifest(manifestValue)) throw new Error(`${options.manifest} is not an index manifest`);
  const manifest: IndexManifest = manifestValue;

  // The index first: small, and what makes every list page work offline. Only what is missing is fetched; of what
  // is kept, only the home pages are read again, for they are the list of posts.
  const names = manifestChunks(manifest);
  const kept = new Set(await listIndexFiles(db));
  const homes = new Set(manifest.home);
  const refs = new Map<string, PostRef[]>();
  await pool(names, concurrency, async (name) => {
    if (kept.has(name) && !homes.has(name)) return;
    const chunk = await indexFile(db, options, name);
    if (!isListChunk(chunk)) throw new Error(`${name} is not a list chunk`);
    if (homes.has(name))
      refs.set(
        name,
        chunk.posts.map(({ slug, hash, bytes, tags }) => ({ slug, hash, bytes, tags })),
      );
  });
  const posts = manifest.home.flatMap((name) => refs.get(name) ?? []);

  // Decide and drop in one transaction with the bookmarks and positions it protects.
  const policy = await getOfflinePolicy(db);
  const tx = db.transaction(['articles', 'saved', 'bookmarks', 'progress'], 'readwrite');
  const [bookmarked, reading, savedList] = await Promise.all([
    tx.objectStore('bookmarks').getAllKeys(),
    tx.objectStore('progress').getAllKeys(),
    tx.objectStore('saved').getAll(),
  ]);
  const always = new Set([...bookmarked, ...reading]);
  const wanted = chooseOfflineSet(posts, policy, always);
  const removed = savedList.filter((s) => !wanted.has(s.slug)).map((s) => s.slug);
  await Promise.all([
    ...removed.flatMap((slug) => [tx.objectStore('articles').delete(slug), tx.objectStore('saved').delete(slug)]),
    tx.done,
  ]);

  // The search index for the posts kept: a shard (shardSlices) is kept when any of its posts is (fetched after the
  // articles, below). What this version no longer names goes now.
  const slices = shardSlices(posts.length);
  const shards = manifest.search.filter((_, i) =>
    posts.slice(...(slices[i] ?? [0, 0])).some((p) => wanted.has(p.slug)),
  );
  // With any shard kept, the term directory too (a few small files): offline, a rare word then loads one shard.
  const directory = shards.length > 0 ? (manifest.terms ?? []).map((t) => t.file) : [];
  const keepNames = new Set([options.manifest, ...names, ...shards, ...directory]);
  await removeIndexFiles(
    db,
    [...kept].filter((n) => !keepNames.has(n)),
  );

  const saved = new Map(savedList.map((s) => [s.slug, s.hash]));
  const set = posts.filter((p) => wanted.has(p.slug));
  const todo = set.filter((p) => saved.get(p.slug) !== p.hash);
  const progress: SyncProgress = {
    total: set.length,
    saved: set.length - todo.length,
    failed: [],
    quotaExceeded: false,
    done: false,
    bytes: set.reduce((sum, p) => sum + p.bytes, 0),
    changed: [],
    removed,
  };
  onProgress?.({ ...progress, failed: [...progress.failed] });

  const left = await pool(
    todo,
    concurrency,
    async (post) => {
      try {
        if (options.hasRoom && !(await options.hasRoom(post.bytes))) {
          progress.quotaExceeded = true;
          throw new Error('no room left for the reader’s own records');
        }
        const payload = await fetchText(options, articleFile(post));
        const article = await verifyArticle(post, payload);
        const info = await saveArticle(db, article, new TextEncoder().encode(payload).byteLength);
        progress.saved += 1;
        onProgress?.({ ...progress, failed: [...progress.failed], changed: [info], removed: [] });
      } catch (e) {
        if (isQuotaError(e)) progress.quotaExceeded = true;
        progress.failed.push(post.slug);
        onProgress?.({ ...progress, failed: [...progress.failed], changed: [], removed: [] });
      }
    },
    () => progress.quotaExceeded,
  );
  // Once the disk is full nothing more is tried; what was left is as unsaved as what failed.
  progress.failed.push(...left.map((p) => p.slug));

  // Then the search index, with the room the articles left: they matter more, and a shard (hundreds of KB) stored
  // first could take the room a bookmark needs. Search is not worth failing the sync for: a shard that cannot be had
  // now is tried again next time. Each shard dealt with is reported: at 10,000 posts this phase is tens of MB, and a
  // page that hears nothing for a minute takes the worker for stopped.
  const missing = [...directory, ...shards].filter((name) => !kept.has(name));
  if (!progress.quotaExceeded && missing.length > 0) {
    let handled = 0;
    const reportSearch = () => {
      progress.search = { files: missing.length, handled };
      onProgress?.({ ...progress, failed: [...progress.failed], changed: [], removed: [] });
    };
    reportSearch();
    await pool(missing, 2, async (name) => {
      try {
        await keepSearchFile(db, options, name);
      } catch {
        // offline, the disk full, a damaged file
      }
      handled += 1;
      reportSearch();
    });
  }
  progress.done = true;
  onProgress?.({ ...progress, failed: [...progress.failed], changed: [], removed: [] });
  // The caller's summary: everything removed by this run (reports carried each change once, as it happened).
  return { ...progress, failed: [...progress.failed], changed: [], removed };
}
