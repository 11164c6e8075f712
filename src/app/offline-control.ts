import { getOfflinePolicy, setOfflinePolicy } from '../shared/index-store.ts';
import type { OfflinePolicy } from '../shared/offline-set.ts';
import { syncOffline } from '../shared/offline-sync.ts';
import { currentManifestName } from './list-source.ts';
import { assetUrl } from './paths.ts';
import { setStatus } from './status.ts';
import { applySavedChanges, pageDB } from './storage.ts';
import { requestSync } from './sw-bridge.ts';

/** What the reader chose to keep offline. */
export async function readPolicy(): Promise<OfflinePolicy | undefined> {
  const db = await pageDB();
  return db ? getOfflinePolicy(db).catch(() => undefined) : undefined;
}

/**
 * Keep a new choice of what to save offline, and bring the device in line with it: through the service worker when
 * one runs, else from this page. The choice sticks until the reader changes it.
 */
export async function choosePolicy(policy: OfflinePolicy): Promise<boolean> {
  const db = await pageDB();
  if (!db) return false;
  await setOfflinePolicy(db, policy);
  if (policy.mode === 'all') void navigator.storage?.persist?.().catch(() => false);
  if (requestSync()) return true;
  try {
    await syncOffline(db, {
      manifest: await currentManifestName(),
      fetchFile: (name) => fetch(assetUrl(name), { cache: 'no-cache' }),
      onProgress: (progress) => {
        setStatus({ sync: progress });
        applySavedChanges(progress.changed, progress.removed);
      },
    });
  } catch (e) {
    setStatus({ syncError: e instanceof Error ? e.message : String(e) });
  }
  return true;
}
