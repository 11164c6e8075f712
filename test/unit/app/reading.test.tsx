// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { deleteDB } from 'idb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import { preloadPage } from '../../../src/app/lazy-pages.ts';
import { getTextScale, getTheme, setTextScale, setTheme } from '../../../src/app/settings.ts';
import { closePageDB, deviceState, emptyDeviceState, pageDB, loadDeviceState } from '../../../src/app/storage.ts';
import { getProgress, saveProgress } from '../../../src/shared/reader-records.ts';
import { DB_NAME } from '../../../src/shared/db.ts';
import { POSTS, seedLists, serveSite } from '../fixtures.ts';

const [epoll, futex, packets] = POSTS as [(typeof POSTS)[0], (typeof POSTS)[0], (typeof POSTS)[0]];

beforeAll(async () => {
  seedLists();
  await Promise.all([preloadPage('post'), preloadPage('settings')]);
});
afterEach(async () => {
  await closePageDB();
  await deleteDB(DB_NAME);
  deviceState.set(emptyDeviceState());
  vi.unstubAllGlobals();
  localStorage.clear();
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.style.removeProperty('--text-scale');
});

describe('reading position', () => {
  it('offers "Continue reading" for posts started and not finished, most recent first', async () => {
    const db = (await pageDB())!;
    // Positions carry their post's title: "Continue reading" needs no index.
    const at = (post: (typeof POSTS)[0], fraction: number, finished: boolean, updatedAt: number) =>
      saveProgress(db, { slug: post.slug, title: post.title, block: 3, offset: 0.5, fraction, finished, updatedAt });
    await at(epoll, 0.4, false, 1);
    await at(futex, 0.7, false, 2);
    await at(packets, 1, true, 3);
    await loadDeviceState();
    render(<App path="/" />);
    const section = await screen.findByRole('region', { name: 'Continue reading' });
    expect(
      within(section)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([`${futex.title} 70% read`, `${epoll.title} 40% read`]);
    // A finished post is marked read in the list instead.
    const cards = within(screen.getByRole('list', { name: 'Posts' })).getAllByRole('article');
    expect(within(cards[2]!).getByText('Read')).toBeTruthy();
  });

  it('marks a post read with a toggle at its end, which takes it out of "Continue reading"', async () => {
    serveSite();
    const db = (await pageDB())!;
    await saveProgress(db, { slug: epoll.slug, block: 1, offset: 0, fraction: 0.5, finished: false, updatedAt: 1 });
    await loadDeviceState();
    render(<App path={`/posts/${epoll.slug}/`} />);
    const done = await screen.findByRole('button', { name: 'Mark as read' });
    await waitFor(() => expect((done as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(done);
    await waitFor(() => expect(done.getAttribute('aria-pressed')).toBe('true'));
    expect(done.textContent).toBe('✓ Read');
    expect(await getProgress(db, epoll.slug)).toMatchObject({ finished: true, fraction: 1 });
  });
});

describe('appearance settings', () => {
  it('apply at once and are remembered for the next visit', async () => {
    render(<App path="/settings/" />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.click(screen.getByRole('radio', { name: 'Larger' }));
    expect(document.documentElement.style.getPropertyValue('--text-scale')).toBe('1.3');
    expect([getTheme(), getTextScale()]).toEqual(['dark', '1.3']);
    fireEvent.click(screen.getByRole('radio', { name: 'Same as the device' }));
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
    expect(getTheme()).toBe('system');
  });

  it('are applied before the first paint by the theme script', async () => {
    setTheme('light');
    setTextScale('1.15');
    document.documentElement.removeAttribute('data-theme');
    document.documentElement.style.removeProperty('--text-scale');
    const { readFileSync } = await import('node:fs');
    new Function(readFileSync(`${process.cwd()}/src/app/theme.js`, 'utf8'))();
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(document.documentElement.style.getPropertyValue('--text-scale')).toBe('1.15');
  });
});
