// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import { preloadPage } from '../../../src/app/lazy-pages.ts';
import { deviceState, emptyDeviceState } from '../../../src/app/storage.ts';
import { articleOf, payloadOf, POSTS, seedLists, serveSite } from '../fixtures.ts';

const [epoll, futex, packets] = POSTS as [(typeof POSTS)[0], (typeof POSTS)[0], (typeof POSTS)[0]];

beforeAll(async () => {
  seedLists();
  await preloadPage('post');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a post page', () => {
  it('shows the title as the h1, date, reading time, tags, contents, the body, and previous/next', async () => {
    const fetchMock = serveSite();
    render(<App path="/posts/futex/" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Title of futex' })).toBeTruthy();
    const article = screen.getByRole('article', { name: 'Title of futex' });
    expect(article.textContent).toContain('10 June 2026');
    expect(article.textContent).toContain('5 min read');
    expect(within(article).getByRole('link', { name: 'threading' }).getAttribute('href')).toBe('/tags/threading/');

    expect(await screen.findByText('Body of futex.')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledWith(`/articles/futex.${futex.hash}.json`);
    const toc = screen.getByRole('navigation', { name: 'Contents' });
    expect(
      within(toc)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['#h-one', '#h-two', '#h-three']);

    const more = screen.getByRole('navigation', { name: 'More posts' });
    expect(
      within(more)
        .getByRole('link', { name: /Previous/ })
        .getAttribute('href'),
    ).toBe(`/posts/${packets.slug}/`);
    expect(within(more).getByRole('link', { name: /Next/ }).getAttribute('href')).toBe(`/posts/${epoll.slug}/`);
  });

  it('says when the article cannot be loaded, and loads it on "Try again"', async () => {
    let online = false;
    serveSite(() => {
      if (!online) throw new TypeError('Failed to fetch');
      return undefined;
    });
    render(<App path="/posts/epoll/" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('the network is not reachable');
    online = true;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Body of epoll.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses an article whose body does not match its hash, even with the right hash field', async () => {
    const forged = payloadOf(packets).replace('Body of packets.', 'Forged body.');
    serveSite((url) => (url.startsWith('/articles/packets.') ? new Response(forged) : undefined));
    render(<App path="/posts/packets/" />);
    expect((await screen.findByRole('alert')).textContent).toContain('not the one expected');
    expect(screen.queryByText('Forged body.')).toBeNull();
    expect(articleOf(packets).hash).toBe(packets.hash);
  });

  it('says "not found" for an unknown post', async () => {
    deviceState.set({ ...emptyDeviceState(), loaded: true });
    serveSite();
    render(<App path="/posts/nope/" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Not found' })).toBeTruthy();
  });
});

describe('a post page without storage', () => {
  it('says "not found" for an unknown post when the browser gives no storage', async () => {
    const { setStatus } = await import('../../../src/app/status.ts');
    setStatus({ storage: 'unavailable' });
    serveSite();
    render(<App path="/posts/nope/" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Not found' })).toBeTruthy();
    setStatus({ storage: 'unknown' });
  });
});
