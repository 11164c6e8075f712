// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { deleteDB } from 'idb';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import { FORMAT } from '../../../src/app/bookmark-file.ts';
import { preloadPage } from '../../../src/app/lazy-pages.ts';
import { closePageDB, deviceState, emptyDeviceState, pageDB, loadDeviceState } from '../../../src/app/storage.ts';
import { addBookmark, listBookmarks } from '../../../src/shared/reader-records.ts';
import { DB_NAME } from '../../../src/shared/db.ts';
import { POSTS, seedLists, serveSite } from '../fixtures.ts';

const [epoll, futex, packets] = POSTS as [(typeof POSTS)[0], (typeof POSTS)[0], (typeof POSTS)[0]];

beforeAll(async () => {
  seedLists();
  await Promise.all([preloadPage('bookmarks'), preloadPage('post')]);
});
beforeEach(async () => {
  await loadDeviceState();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await closePageDB();
  await deleteDB(DB_NAME);
  deviceState.set(emptyDeviceState());
});

async function stored() {
  const db = (await pageDB())!;
  return (await listBookmarks(db)).map((b) => b.slug);
}

function importFile(text: string) {
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  Object.defineProperty(input, 'files', { value: [new File([text], 'bookmarks.json')], configurable: true });
  fireEvent.change(input);
}

describe('the bookmark toggle', () => {
  it('is a pressed/unpressed button named Bookmark that stores the bookmark on the device', async () => {
    serveSite();
    render(<App path={`/posts/${futex.slug}/`} />);
    const toggle = await screen.findByRole('button', { name: 'Bookmark' });
    await waitFor(() => expect((toggle as HTMLButtonElement).disabled).toBe(false));
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-pressed')).toBe('true'));
    expect(await stored()).toEqual([futex.slug]);
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-pressed')).toBe('false'));
    expect(await stored()).toEqual([]);
  });

  it('is reachable from the lists too', async () => {
    render(<App path="/" />);
    const toggle = await screen.findByRole('button', { name: `Bookmark: ${epoll.title}` });
    await waitFor(() => expect((toggle as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-pressed')).toBe('true'));
    expect(await stored()).toEqual([epoll.slug]);
  });
});

/** An export file holding these posts, bookmarked on these days. */
const exportFile = (...entries: [{ slug: string; title: string }, string][]) =>
  JSON.stringify({
    format: FORMAT,
    version: 1,
    exportedAt: '2026-11-01T00:00:00.000Z',
    bookmarks: entries.map(([post, day]) => ({ slug: post.slug, title: post.title, addedAt: `${day}T00:00:00.000Z` })),
  });

/** A reader with one bookmark, on the Bookmarks page. */
async function bookmarksPageWith(post: { slug: string; title: string }) {
  const db = (await pageDB())!;
  await addBookmark(db, { slug: post.slug, title: post.title, addedAt: 1000 });
  await loadDeviceState();
  render(<App path="/bookmarks/" />);
  await screen.findByRole('list', { name: 'Bookmarked posts' });
}

describe('the Bookmarks page', () => {
  it('says how to bookmark when there are none', async () => {
    render(<App path="/bookmarks/" />);
    expect(await screen.findByText(/No bookmarks yet/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Export bookmarks' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('lists bookmarks newest first, with their saved-offline state', async () => {
    const db = (await pageDB())!;
    await addBookmark(db, { slug: packets.slug, title: packets.title, addedAt: 1000 });
    await addBookmark(db, { slug: epoll.slug, title: epoll.title, addedAt: 3000 });
    await addBookmark(db, { slug: 'gone-post', title: 'A Post That Left', addedAt: 2000 });
    await loadDeviceState();
    render(<App path="/bookmarks/" />);
    const list = await screen.findByRole('list', { name: 'Bookmarked posts' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => within(li).getAllByRole('link')[0]!.textContent)).toEqual([
      epoll.title,
      'A Post That Left',
      packets.title,
    ]);
    expect(items[0]!.textContent).toContain('not saved offline yet');
  });

  it('imports a good file in one go and says how many were added', async () => {
    await bookmarksPageWith(epoll);
    importFile(exportFile([epoll, '2026-11-01'], [futex, '2026-11-02']));
    expect((await screen.findByText('Added 1 bookmark (1 already here).')).getAttribute('role')).toBe('status');
    expect((await stored()).sort()).toEqual([epoll.slug, futex.slug].sort());
  });

  it('refuses a broken file with a clear message and leaves the bookmarks untouched', async () => {
    await bookmarksPageWith(epoll);
    importFile(exportFile([futex, '2026-11-02'], [{ slug: 'evil', title: 'x' }, '2026-11-02']));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Bookmark 2 names a post this blog does not have: evil.',
    );
    expect(await stored()).toEqual([epoll.slug]);
  });
});
