import { countPosts } from '../../shared/posts.ts';
import { appStatus } from '../status.ts';
import { useStore } from '../store.ts';

/** The app's own news, apart from the posts: an update ready, storage trouble. Quiet unless it matters. */
export function StatusBar() {
  const status = useStore(appStatus);
  const { sync } = status;
  return (
    <div class="status-bar">
      {status.applyUpdate && (
        <div class="notice" role="status">
          <p>A new version of the reader is ready.</p>
          <button type="button" onClick={status.applyUpdate}>
            Reload
          </button>
        </div>
      )}
      {status.storage === 'version-change' && (
        <div class="notice" role="status">
          <p>The reader was updated in another tab. Reload this tab to keep saving posts.</p>
          <button type="button" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
      )}
      {status.storage === 'blocked' && (
        <div class="notice" role="status">
          <p>Close the reader's other tabs to finish updating its storage.</p>
        </div>
      )}
      {status.writeError && (
        <div class="notice" role="alert">
          <p>{status.writeError}</p>
        </div>
      )}
      {status.offlineUnavailable && (
        <div class="notice" role="alert">
          <p>{status.offlineUnavailable}</p>
        </div>
      )}
      {sync?.done && sync.quotaExceeded && (
        <div class="notice" role="alert">
          <p>
            Your device's storage is full: {countPosts(sync.failed.length)} could not be saved for offline reading.
            Everything already saved is kept.
          </p>
        </div>
      )}
    </div>
  );
}
