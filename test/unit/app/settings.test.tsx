// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import { preloadPage } from '../../../src/app/lazy-pages.ts';
import { appStatus, setStatus } from '../../../src/app/status.ts';
import { deviceState, emptyDeviceState, pageDB } from '../../../src/app/storage.ts';
import { getOfflinePolicy } from '../../../src/shared/index-store.ts';
import { POSTS, seedLists } from '../fixtures.ts';

const [epoll, futex] = POSTS as [(typeof POSTS)[0], (typeof POSTS)[0]];

beforeAll(async () => {
  seedLists();
  await preloadPage('settings');
});
afterEach(() => {
  appStatus.set({ storage: 'unknown', offline: false });
  deviceState.set(emptyDeviceState());
  vi.unstubAllGlobals();
});

const saved = (post: (typeof POSTS)[0], bytes: number) =>
  [post.slug, { slug: post.slug, hash: post.hash, title: post.title, bytes, savedAt: bytes }] as const;

const progress = {
  total: 0,
  saved: 0,
  failed: [],
  quotaExceeded: false,
  done: false,
  bytes: 0,
  changed: [],
  removed: [],
};

describe('the lists', () => {
  it('mark each post saved offline or not, and a post changed since it was read', () => {
    deviceState.set({
      ...emptyDeviceState(),
      saved: new Map([
        saved(epoll, 1000),
        [futex.slug, { slug: futex.slug, hash: 'old000000000', title: futex.title, bytes: 1, savedAt: 1 }],
      ]),
      reads: new Map([[futex.slug, 'old000000000']]),
      loaded: true,
    });
    render(<App path="/" />);
    const cards = within(screen.getByRole('list', { name: 'Posts' })).getAllByRole('article');
    expect(within(cards[0]!).getByText('Saved offline')).toBeTruthy();
    expect(within(cards[1]!).getByText('Not saved')).toBeTruthy();
    expect(within(cards[1]!).getByText('Updated since you read it')).toBeTruthy();
    expect(within(cards[0]!).queryByText('Updated since you read it')).toBeNull();
  });

  it('keep "saved offline" quiet, an icon on the date line whose words only a screen reader hears, and the change loud', () => {
    deviceState.set({
      ...emptyDeviceState(),
      saved: new Map([saved(epoll, 1000)]),
      reads: new Map([[futex.slug, 'old000000000']]),
      loaded: true,
    });
    render(<App path="/" />);
    const cards = within(screen.getByRole('list', { name: 'Posts' })).getAllByRole('article');
    const dateLine = within(cards[0]!).getByText(/min read/, { selector: 'p' });
    const mark = within(dateLine).getByText('Saved offline');
    expect(mark.className).toBe('vh');
    expect(mark.parentElement!.className).toBe('mark saved');
    // No line of its own: the card's paragraphs are the date line and the summary.
    expect(within(cards[0]!).getAllByText(/./, { selector: 'p' })).toHaveLength(2);
    expect(within(cards[1]!).getByText('Not saved').className).toBe('vh');
    const changed = within(cards[1]!).getByText('Updated since you read it');
    expect(changed.tagName).toBe('STRONG');
    expect(changed.closest('.vh')).toBeNull();
  });
});

describe('the settings page: offline reading', () => {
  it('shows what is saved, the bytes, the quota and persistence, and asks for persistence', async () => {
    const persist = vi.fn().mockResolvedValue(true);
    vi.stubGlobal('navigator', {
      ...navigator,
      storage: {
        estimate: () => Promise.resolve({ usage: 2_500_000, quota: 1_000_000_000 }),
        persisted: () => Promise.resolve(false),
        persist,
      },
    });
    deviceState.set({
      ...emptyDeviceState(),
      saved: new Map([saved(epoll, 41_000), saved(futex, 9_000)]),
      loaded: true,
    });
    render(<App path="/settings/" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Offline reading' })).toBeTruthy();
    const total = POSTS.reduce((sum, p) => sum + p.bytes, 0);
    expect(
      await screen.findByText(
        `2 posts saved on this device, 50.0 kB, of 3 posts on the blog (${(total / 1000).toFixed(1)} kB).`,
      ),
    ).toBeTruthy();
    // What to keep: the default is automatic, and every choice is offered.
    const keep = screen.getByRole('group', { name: 'Keep on this device' });
    expect(within(keep).getAllByRole('radio').length).toBe(5);
    expect((within(keep).getByRole('radio', { name: /Automatic/ }) as HTMLInputElement).checked).toBe(true);
    expect(await screen.findByText('2.5 MB')).toBeTruthy();
    expect(screen.getByText('1.0 GB')).toBeTruthy();
    expect(screen.getByText(/Not granted/)).toBeTruthy();
    const list = screen.getByRole('heading', { name: 'Saved posts' }).nextElementSibling as HTMLElement;
    expect(
      within(list)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([epoll.title, futex.title]);
    expect(list.textContent).toContain('41.0 kB');

    fireEvent.click(screen.getByRole('button', { name: 'Ask to keep storage' }));
    await waitFor(() => expect(screen.getByText(/Granted/)).toBeTruthy());
    expect(persist).toHaveBeenCalledOnce();
    expect(screen.queryByRole('button', { name: 'Ask to keep storage' })).toBeNull();
  });

  it('shows save progress as a real progress bar', () => {
    deviceState.set({ ...emptyDeviceState(), loaded: true });
    setStatus({ sync: { ...progress, total: 3, saved: 1 } });
    render(<App path="/settings/" />);
    const bar = screen.getByRole('progressbar', { name: 'Saving 1 of 3 posts' }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([1, 3]);
    expect((screen.getByRole('button', { name: /^Save all/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says the search index is being saved once the posts are, without calling the posts unsaved', async () => {
    deviceState.set({ ...emptyDeviceState(), loaded: true });
    setStatus({ sync: { ...progress, total: 3, saved: 3, search: { files: 4, handled: 1 } } });
    render(<App path="/settings/" />);
    const name = 'Saved 3 of 3 posts; saving the search index, 1 of 4 parts';
    const bar = screen.getByRole('progressbar', { name }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([3, 3]);
    expect((screen.getByRole('button', { name: /^Save all/ }) as HTMLButtonElement).disabled).toBe(true);
    setStatus({ sync: { ...progress, total: 3, saved: 3, done: true, search: { files: 4, handled: 4 } } });
    const done = (await screen.findByRole('progressbar', { name: 'Saved 3 of 3 posts' })) as HTMLProgressElement;
    expect(done.value).toBe(3);
  });

  it('keeps "Remove saved posts" as the reader’s choice, so the next visit does not download them again', async () => {
    deviceState.set({ ...emptyDeviceState(), saved: new Map([saved(epoll, 1000)]), loaded: true });
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    render(<App path="/settings/" />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove saved posts' }));
    const db = (await pageDB())!;
    await waitFor(async () => expect(await getOfflinePolicy(db)).toEqual({ mode: 'none' }));
    expect((screen.getByRole('radio', { name: /Only bookmarked posts/ }) as HTMLInputElement).checked).toBe(true);
  });

  it('says clearly when the browser gives no storage', () => {
    setStatus({ storage: 'unavailable' });
    render(<App path="/settings/" />);
    expect(screen.getByRole('alert').textContent).toContain('posts can be read only while online');
    expect(screen.queryByRole('button', { name: /^Save all/ })).toBeNull();
  });
});

describe('the status bar', () => {
  it('offers a waiting update as a "new version" status with a Reload button', () => {
    const applyUpdate = vi.fn();
    setStatus({ applyUpdate });
    render(<App path="/" />);
    const prompt = screen.getAllByRole('status').find((s) => s.textContent?.includes('A new version'))!;
    expect(prompt.textContent).toContain('A new version of the reader is ready.');
    fireEvent.click(within(prompt).getByRole('button', { name: 'Reload' }));
    expect(applyUpdate).toHaveBeenCalledOnce();
  });

  it('tells the reader when storage is full, and when another tab upgraded the database', () => {
    setStatus({
      storage: 'version-change',
      sync: { ...progress, total: 10, saved: 7, failed: ['a', 'b', 'c'], quotaExceeded: true, done: true },
    });
    render(<App path="/" />);
    expect(screen.getByRole('alert').textContent).toContain('storage is full: 3 posts could not be saved');
    const other = screen.getAllByRole('status').find((s) => s.textContent?.includes('another tab'))!;
    expect(within(other).getByRole('button', { name: 'Reload' })).toBeTruthy();
  });

  it('shows a quiet offline mark only while offline', async () => {
    render(<App path="/" />);
    expect(screen.queryByText('Offline', { selector: '.network' })).toBeNull();
    setStatus({ offline: true });
    expect(await screen.findByText('Offline', { selector: '.network' })).toBeTruthy();
    setStatus({ offline: false });
    await waitFor(() => expect(screen.queryByText('Offline', { selector: '.network' })).toBeNull());
  });
});
