import { useEffect, useState } from 'preact/hooks';
import { countPosts } from '../../shared/posts.ts';
import { postPath } from '../../shared/routes.ts';
import { formatBytes } from '../format.ts';
import { install, installOffer } from '../install.ts';
import {
  getTextScale,
  getTheme,
  setTextScale,
  setTheme,
  TEXT_SCALES,
  type TextScale,
  type Theme,
} from '../settings.ts';
import type { PageProps } from '../lazy-pages.ts';
import { href } from '../paths.ts';
import { removeAll, saveAll } from '../save-all.ts';
import { appStatus } from '../status.ts';
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

/** Settings: offline reading (saved posts, space, quota, persistence), appearance, and installing the app. */
export default function SettingsPage({ posts }: PageProps) {
  const { saved, loaded } = useStore(deviceState);
  const { storage, sync } = useStore(appStatus);
  const [facts, setFacts] = useState<StorageFacts>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void readStorageFacts().then(setFacts);
  }, [saved]);

  const current = posts.filter((p) => saved.get(p.slug)?.hash === p.hash);
  const total = current.reduce((sum, p) => sum + (saved.get(p.slug)?.bytes ?? 0), 0);
  const saving = sync !== undefined && !sync.done;

  const persist = async () => {
    const granted = await navigator.storage?.persist?.().catch(() => false);
    setFacts({ ...facts, persisted: Boolean(granted) });
  };
  const run = (action: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>Settings</h1>
      <InstallSection />
      <Appearance />
      <h2>Offline reading</h2>
      {storage === 'unavailable' ? (
        <div class="notice" role="alert">
          <p>
            This browser does not let the reader store posts (private browsing, or storage turned off), so posts can be
            read only while online.
          </p>
        </div>
      ) : (
        <>
          <p class="lede">
            {loaded
              ? `${current.length} of ${countPosts(posts.length)} saved on this device, ${formatBytes(total)}.`
              : '…'}
          </p>
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
            <button type="button" disabled={busy || saving} onClick={run(() => saveAll(posts))}>
              Save all
            </button>
            <button
              type="button"
              disabled={busy || saving || saved.size === 0}
              onClick={run(() => removeAll(saved.keys()))}
            >
              Remove saved posts
            </button>
            <span class="count">Bookmarked posts stay saved.</span>
          </div>
          {sync && (
            <div class="progress">
              <label for="save-progress">
                {sync.done ? 'Saved' : 'Saving'} {sync.saved} of {countPosts(sync.total)}
                {sync.failed.length > 0 && `, ${sync.failed.length} failed`}
              </label>
              <progress id="save-progress" max={sync.total} value={sync.saved} />
            </div>
          )}
          <h3>Saved posts</h3>
          {current.length === 0 ? (
            <p>No posts are saved on this device yet.</p>
          ) : (
            <ul class="saved-list">
              {current.map((post) => (
                <li key={post.slug}>
                  <a href={href(postPath(post.slug))}>{post.title}</a>{' '}
                  <span class="count">{formatBytes(saved.get(post.slug)?.bytes ?? 0)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Same as the device' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Theme and text size, applied at once and before the first paint of every later visit. */
function Appearance() {
  const [theme, pickTheme] = useState<Theme>('system');
  const [scale, pickScale] = useState<TextScale>('1');
  useEffect(() => {
    pickTheme(getTheme());
    pickScale(getTextScale());
  }, []);
  return (
    <>
      <h2>Appearance</h2>
      <Choices
        legend="Theme"
        name="theme"
        options={THEMES}
        value={theme}
        onChange={(t) => {
          setTheme(t);
          pickTheme(t);
        }}
      />
      <Choices
        legend="Text size"
        name="text-size"
        options={TEXT_SCALES}
        value={scale}
        onChange={(t) => {
          setTextScale(t);
          pickScale(t);
        }}
      />
    </>
  );
}

/** Offered only while the browser offers installation. */
function InstallSection() {
  const offer = useStore(installOffer);
  if (!offer) return null;
  return (
    <p class="actions">
      <button type="button" onClick={() => void install()}>
        Install app
      </button>{' '}
      <span class="count">Opens on its own, from the home screen, with or without a network.</span>
    </p>
  );
}

/** A group of radio buttons with a legend. */
function Choices<T extends string>(props: {
  legend: string;
  name: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset class="choices">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.value}>
          <input
            type="radio"
            name={props.name}
            value={option.value}
            checked={props.value === option.value}
            onChange={() => props.onChange(option.value)}
          />{' '}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
