/// <reference lib="webworker" />
import { cacheNames } from 'workbox-core';
import { getCacheKeyForURL, type PrecacheEntry } from 'workbox-precaching';

/**
 * Put back what the browser evicted from the precache (Cache Storage can be cleared while the worker and IndexedDB
 * stay): every entry of this version's manifest that is missing is fetched again, so the shell works offline again
 * after one online visit. Returns how many entries were restored; entries the network cannot give stay missing.
 */
export async function repairPrecache(manifest: readonly (string | PrecacheEntry)[]): Promise<number> {
  const cache = await caches.open(cacheNames.precache);
  let restored = 0;
  for (const entry of manifest) {
    const url = new URL(typeof entry === 'string' ? entry : entry.url, self.location.href).href;
    const key = getCacheKeyForURL(url);
    if (!key || (await cache.match(key))) continue;
    try {
      const response = await fetch(url, { cache: 'no-cache' });
      if (!response.ok) continue;
      await cache.put(key, response);
      restored += 1;
    } catch {
      return restored; // offline: the next visit tries again
    }
  }
  return restored;
}
