// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { deleteDB } from 'idb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import { preloadPage } from '../../../src/app/lazy-pages.ts';
import { closePageDB, loadDeviceState } from '../../../src/app/storage.ts';
import { DB_NAME } from '../../../src/shared/db.ts';
import { seedLists, serveSite } from '../fixtures.ts';

beforeAll(async () => {
  seedLists();
  await preloadPage('search');
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await closePageDB();
  await deleteDB(DB_NAME);
});

/** Open the search page at `?q=`, as a reader following a link or a bookmark would. */
async function openSearch(q: string) {
  serveSite();
  await loadDeviceState();
  history.replaceState(null, '', `/search/?q=${encodeURIComponent(q)}`);
  render(<App path="/search/" />);
  await screen.findByRole('status', { name: '' }).catch(() => undefined);
}

const results = () => screen.queryAllByRole('article');

describe('the search page', () => {
  it('shows each matching post with its date, tags, and the matching section linked to its heading', async () => {
    await openSearch('epoll');
    await waitFor(() => expect(results()).toHaveLength(1));
    const [epoll] = results();
    expect(within(epoll!).getByRole('link', { name: 'How epoll Actually Works' }).getAttribute('href')).toBe(
      '/posts/epoll/',
    );
    expect(within(epoll!).getByText('28 July 2026')).toBeTruthy();
    expect(within(epoll!).getByRole('link', { name: 'networking' })).toBeTruthy();
    expect(screen.getByText('1 post found for “epoll”')).toBeTruthy();
  });

  it('marks the matched words in an excerpt of the section', async () => {
    await openSearch('body');
    await waitFor(() => expect(results()).toHaveLength(3));
    const futex = results().find((r) => r.textContent?.includes('Title of futex'))!;
    const section = within(futex).getByRole('link', { name: 'One' });
    expect(section.getAttribute('href')).toBe('/posts/futex/#h-one');
    await waitFor(() => expect(futex.querySelector('mark')?.textContent).toBe('Body'));
    expect(futex.querySelector('.excerpt')?.textContent).toBe('Body of futex.');
  });

  it('narrows the results to a tag', async () => {
    await openSearch('body');
    await waitFor(() => expect(results()).toHaveLength(3));
    fireEvent.change(screen.getByLabelText('Only posts tagged'), { target: { value: 'threading' } });
    await waitFor(() => expect(results()).toHaveLength(1));
    expect(results()[0]!.textContent).toContain('Title of futex');
  });

  it('follows what is typed in the header, keeping the query in the address', async () => {
    await openSearch('epoll');
    await waitFor(() => expect(results()).toHaveLength(1));
    const field = screen.getByRole('searchbox', { name: 'Search posts' });
    expect((field as HTMLInputElement).value).toBe('epoll');
    fireEvent.input(field, { target: { value: 'packets' } });
    await waitFor(() => expect(screen.getByText('1 post found for “packets”')).toBeTruthy());
    expect(location.search).toBe('?q=packets');
    fireEvent.keyDown(field, { key: 'Escape' });
    await waitFor(() => expect(results()).toHaveLength(0));
    expect((field as HTMLInputElement).value).toBe('');
  });

  it('says when nothing matches, and offers a close spelling and the nearest tag', async () => {
    await openSearch('networkin');
    await waitFor(() => expect(screen.getByText('No post matches “networkin”.')).toBeTruthy());
    expect(screen.getByRole('link', { name: 'networking' }).getAttribute('href')).toBe('/tags/networking/');
    await openSearch('epolll');
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'epoll' }).length).toBeGreaterThan(0));
  });

  it('says a post is not saved offline, and offers to keep it', async () => {
    await openSearch('packets');
    await waitFor(() => expect(results()).toHaveLength(1));
    expect(within(results()[0]!).getByText(/Not saved offline/)).toBeTruthy();
    expect(within(results()[0]!).getByRole('button', { name: /Bookmark/ })).toBeTruthy();
  });
});
