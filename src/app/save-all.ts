import { removeArticles } from '../shared/article-store.ts';
import { syncArticles } from '../shared/article-sync.ts';
import type { PostMeta } from '../shared/types.ts';
import { assetUrl } from './paths.ts';
import { setStatus } from './status.ts';
import { deviceState, pageDB, refreshDeviceState } from './storage.ts';
import { requestSync } from './sw-messages.ts';

/** Save every post for offline reading: through the service worker when it runs, else from this page. */
export async function saveAll(posts: readonly PostMeta[]): Promise<void> {
  void navigator.storage?.persist?.().catch(() => false);
  if (requestSync()) return;
  const db = await pageDB();
  if (!db) return;
  await syncArticles(db, posts, {
    keep: new Set(deviceState.get().bookmarks.keys()),
    fetchPayload: (name) => fetch(assetUrl(name), { cache: 'no-cache' }),
    onProgress: (progress) => setStatus({ sync: progress }),
  });
  await refreshDeviceState();
}

/** Remove saved articles from the device, except bookmarked ones: a bookmark promises its post stays readable. */
export async function removeAll(slugs: Iterable<string>): Promise<void> {
  const db = await pageDB();
  if (!db) return;
  const { bookmarks } = deviceState.get();
  await removeArticles(
    db,
    [...slugs].filter((slug) => !bookmarks.has(slug)),
  );
  setStatus({ sync: undefined });
  await refreshDeviceState();
}
