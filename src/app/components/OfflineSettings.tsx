import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_BUDGET, DEFAULT_POLICY, type OfflinePolicy } from '../../shared/offline-set.ts';
import { countPosts } from '../../shared/posts.ts';
import { postPath } from '../../shared/routes.ts';
import { formatBytes } from '../format.ts';
import { blogSize } from '../list-source.ts';
import { choosePolicy, readPolicy } from '../offline-control.ts';
import { href } from '../paths.ts';
import { appStatus, setStatus } from '../status.ts';
import { deviceState } from '../storage.ts';
import { useStore } from '../store.ts';

interface StorageFacts {
  usage?: number | undefined;
  quota?: number | undefined;
  persisted?: boolean | undefined;
}

async function readStorageFacts(): Promise<StorageFacts> {
  const storage = navigator.storage;
  if (!storage) return {};
  const [estimate, persisted] = await Promise.all([
    storage.estimate?.().catch(() => undefined),
    storage.persisted?.().catch(() => undefined),
  ]);
  return { usage: estimate?.usage, quota: estimate?.quota, persisted };
}

const BUDGETS = [10, 25, 50, 100, 250].map((mb) => mb * 1024 * 1024);
const MODES: { value: OfflinePolicy['mode']; label: string }[] = [
  { value: 'auto', label: 'Automatic: everything while it fits 50 MB, else the newest posts up to 50 MB' },
  { value: 'all', label: 'Every post' },
  { value: 'budget', label: 'The newest posts, up to a size' },
  { value: 'tags', label: 'Posts with chosen tags' },
  { value: 'none', label: 'Only bookmarked posts and posts I am reading' },
];

/** Offline reading: what is kept, the space it takes, the quota and persistence, and the reader's choice. */
export function OfflineSettings() {
  const saved = useStore(deviceState, (s) => s.saved);
  const loaded = useStore(deviceState, (s) => s.loaded);
  const { storage, sync, syncError } = useStore(appStatus);
  const [facts, setFacts] = useState<StorageFacts>({});
  const [blog, setBlog] = useState<{ total: number; bytes: number; tags: string[] }>();
  const [policy, setPolicy] = useState<OfflinePolicy>(DEFAULT_POLICY);
  const [freed, setFreed] = useState<string>();
  const chosen = useRef(false);

  useEffect(() => {
    void blogSize().then(setBlog, () => undefined);
    // The stored choice, unless the reader already made a new one while it was being read.
    void readPolicy().then((p) => p && !chosen.current && setPolicy(p));
  }, []);
  useEffect(() => {
    void readStorageFacts().then(setFacts);
  }, [saved.size]);

  const list = [...saved.values()].sort((a, b) => b.savedAt - a.savedAt);
  const total = list.reduce((sum, s) => sum + s.bytes, 0);
  const saving = sync !== undefined && !sync.done;

  // Bytes saved when "Remove saved posts" was chosen, until the sync it started is done and the space can be told.
  const freeing = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (freeing.current === undefined || !sync?.done) return;
    setFreed(`Removed saved posts: ${formatBytes(Math.max(0, freeing.current - total))} freed.`);
    freeing.current = undefined;
  }, [sync?.done, total]);

  const choose = async (next: OfflinePolicy) => {
    chosen.current = true;
    setPolicy(next);
    setFreed(undefined);
    if (next.mode === 'none') {
      freeing.current = total;
      setStatus({ sync: undefined });
    }
    await choosePolicy(next);
  };
  const persist = async () => {
    const granted = await navigator.storage?.persist?.().catch(() => false);
    setFacts({ ...facts, persisted: Boolean(granted) });
  };

  if (storage === 'unavailable') {
    return (
      <>
        <h2>Offline reading</h2>
        <div class="notice" role="alert">
          <p>
            This browser does not let the reader store posts (private browsing, or storage turned off), so posts can be
            read only while online.
          </p>
        </div>
      </>
    );
  }
  return (
    <>
      <h2>Offline reading</h2>
      <p class="lede offline-summary">
        {loaded
          ? `${countPosts(list.length)} saved on this device, ${formatBytes(total)}${blog ? `, of ${countPosts(blog.total)} on the blog (${formatBytes(blog.bytes)})` : ''}.`
          : '…'}
      </p>
      <fieldset class="choices">
        <legend>Keep on this device</legend>
        {MODES.map((m) => (
          <label key={m.value}>
            <input
              type="radio"
              name="offline-mode"
              value={m.value}
              checked={policy.mode === m.value}
              disabled={saving}
              onChange={() =>
                void choose(
                  m.value === 'budget'
                    ? { mode: 'budget', bytes: DEFAULT_BUDGET }
                    : m.value === 'tags'
                      ? { mode: 'tags', tags: [] }
                      : { mode: m.value },
                )
              }
            />{' '}
            {m.label}
            {m.value === 'all' && blog && ` (${formatBytes(blog.bytes)})`}
          </label>
        ))}
      </fieldset>
      {policy.mode === 'budget' && (
        <p>
          <label>
            Up to{' '}
            <select
              value={String(policy.bytes)}
              onChange={(e) => void choose({ mode: 'budget', bytes: Number(e.currentTarget.value) })}
            >
              {BUDGETS.map((b) => (
                <option key={b} value={String(b)}>
                  {formatBytes(b)}
                </option>
              ))}
            </select>
          </label>
        </p>
      )}
      {policy.mode === 'tags' && blog && (
        <fieldset class="choices tag-choices">
          <legend>Tags to keep</legend>
          {blog.tags.map((tag) => (
            <label key={tag}>
              <input
                type="checkbox"
                checked={policy.tags.includes(tag)}
                onChange={(e) =>
                  void choose({
                    mode: 'tags',
                    tags: e.currentTarget.checked ? [...policy.tags, tag] : policy.tags.filter((t) => t !== tag),
                  })
                }
              />{' '}
              {tag}
            </label>
          ))}
        </fieldset>
      )}
      <p class="count">Bookmarked posts, and posts you are reading, are always kept.</p>
      <dl class="facts">
        <dt>Storage used by this site</dt>
        <dd>{facts.usage !== undefined ? formatBytes(facts.usage) : 'unknown'}</dd>
        <dt>Available to this site</dt>
        <dd>{facts.quota !== undefined ? formatBytes(facts.quota) : 'unknown'}</dd>
        <dt>Persistent storage</dt>
        <dd>
          {facts.persisted
            ? 'Granted: the browser will not clear saved posts to free space.'
            : 'Not granted: the browser may clear saved posts when space runs low.'}
        </dd>
      </dl>
      <div class="actions">
        {!facts.persisted && (
          <button type="button" onClick={persist}>
            Ask to keep storage
          </button>
        )}
        <button type="button" disabled={saving} onClick={() => void choose({ mode: 'all' })}>
          Save all{blog ? ` (${formatBytes(blog.bytes)})` : ''}
        </button>
        <button type="button" disabled={saving || saved.size === 0} onClick={() => void choose({ mode: 'none' })}>
          Remove saved posts
        </button>
      </div>
      {freed && (
        <p class="status" role="status">
          {freed}
        </p>
      )}
      {sync && (
        <div class="progress">
          <label for="save-progress">
            {sync.done || sync.search ? 'Saved' : 'Saving'} {sync.saved} of {countPosts(sync.total)}
            {sync.failed.length > 0 && `, ${sync.failed.length} failed`}
            {!sync.done &&
              sync.search &&
              `; saving the search index, ${sync.search.handled} of ${sync.search.files} parts`}
          </label>
          <progress id="save-progress" max={sync.total} value={sync.saved} />
        </div>
      )}
      {syncError && (
        <p class="notice" role="alert">
          Saving stopped: {syncError}. What was saved is kept; it will continue when the reader is next online.
        </p>
      )}
      <h3>Saved posts</h3>
      {list.length === 0 ? (
        <p>No posts are saved on this device yet.</p>
      ) : (
        <ul class="saved-list">
          {list.slice(0, SHOWN).map((s) => (
            <li key={s.slug}>
              <a href={href(postPath(s.slug))}>{s.title ?? s.slug}</a> <span class="count">{formatBytes(s.bytes)}</span>
            </li>
          ))}
          {list.length > SHOWN && <li>and {countPosts(list.length - SHOWN)} more</li>}
        </ul>
      )}
    </>
  );
}

/** Saved posts listed by name; beyond this many, a count. */
const SHOWN = 50;
