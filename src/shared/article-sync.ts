import { listSaved, removeArticles, saveArticle, verifyPayload } from './article-store.ts';
import type { ReaderDatabase } from './db.ts';
import type { PostRef } from './types.ts';

/** How far a save-all has got; sent to every open page. */
export interface SyncProgress {
  /** Posts the index names. */
  total: number;
  /** Posts saved and current, including those that already were. */
  saved: number;
  /** Posts that could not be saved this time. */
  failed: string[];
  /** Set when the browser refused to store more. */
  quotaExceeded: boolean;
  done: boolean;
}

export interface SyncOptions {
  /** Fetches a payload by its base-relative name (`articles/x.json`). */
  fetchPayload: (name: string) => Promise<Response>;
  /** Posts whose saved articles stay even when the index no longer names them (bookmarks). */
  keep?: ReadonlySet<string>;
  /** How many downloads run at once. */
  concurrency?: number;
  onProgress?: (progress: SyncProgress) => void;
}

const isQuotaError = (e: unknown) =>
  e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');

/**
 * Make the saved articles match the index: fetch what is missing or changed (a few at a time), verify each before
 * storing it in its own transaction, and drop articles of posts that left the index unless they are kept.
 */
export async function syncArticles(db: ReaderDatabase, posts: readonly PostRef[], options: SyncOptions) {
  const { fetchPayload, keep = new Set(), concurrency = 3, onProgress } = options;
  const saved = new Map((await listSaved(db)).map((s) => [s.slug, s.hash]));
  const inIndex = new Set(posts.map((p) => p.slug));
  await removeArticles(
    db,
    [...saved.keys()].filter((slug) => !inIndex.has(slug) && !keep.has(slug)),
  );

  const todo = posts.filter((p) => saved.get(p.slug) !== p.hash);
  const progress: SyncProgress = {
    total: posts.length,
    saved: posts.length - todo.length,
    failed: [],
    quotaExceeded: false,
    done: false,
  };
  onProgress?.({ ...progress });

  const queue = [...todo];
  const worker = async () => {
    while (!progress.quotaExceeded && queue.length > 0) {
      const post = queue.shift()!;
      try {
        const response = await fetchPayload(post.article);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const payload = await response.text();
        const article = await verifyPayload(post, payload);
        await saveArticle(db, article, new TextEncoder().encode(payload).byteLength);
        progress.saved += 1;
      } catch (e) {
        if (isQuotaError(e)) progress.quotaExceeded = true;
        progress.failed.push(post.slug);
      }
      onProgress?.({ ...progress, failed: [...progress.failed] });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  // Once the disk is full nothing more is tried; what was left is as unsaved as what failed.
  progress.failed.push(...queue.map((p) => p.slug));
  progress.done = true;
  onProgress?.({ ...progress, failed: [...progress.failed] });
  return progress;
}
