import { assetUrl } from './paths.ts';
import { setStatus } from './status.ts';

/**
 * A small file of the build that the worker never answers itself (it is not in the precache): a request for it
 * reaches the blog's host or fails for lack of a network.
 */
export const PROBE_FILE = 'robots.txt';

/**
 * Say whether the blog can be reached. `navigator.onLine` only says whether the device has a connection at all, and
 * Chromium 150 says true in a page its worker answered while the browser is offline: a page the worker made from
 * the device (the shell for a saved post or a list, "not found") asks the host once, with a HEAD request for a file
 * the worker passes through. Any answer, whatever its status, is the network's.
 */
export async function checkNetwork(fetcher: typeof fetch = fetch): Promise<void> {
  if (!navigator.onLine) return setStatus({ offline: true });
  try {
    await fetcher(assetUrl(PROBE_FILE), { method: 'HEAD', cache: 'no-store' });
    setStatus({ offline: false });
  } catch {
    setStatus({ offline: true });
  }
}

/** Follow the browser's online and offline events; with `probe`, also ask the host now (see checkNetwork). */
export function watchNetwork(probe: boolean): void {
  const onChange = () => setStatus({ offline: !navigator.onLine });
  addEventListener('online', onChange);
  addEventListener('offline', onChange);
  onChange();
  if (probe) void checkNetwork();
}
