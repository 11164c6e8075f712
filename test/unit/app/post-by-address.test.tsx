// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/preact';
import { deleteDB } from 'idb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import { preloadPage } from '../../../src/app/lazy-pages.ts';
import { closePageDB, pageDB } from '../../../src/app/storage.ts';
import { saveArticle } from '../../../src/shared/article-store.ts';
import { DB_NAME } from '../../../src/shared/db.ts';
import { articleOf, payloadOf, POSTS } from '../fixtures.ts';

// A post opened by its address (the worker serves the shell for a saved post): no list has said which version is
// current, so the device's copy is shown at once and then checked against the blog.
const [, futex, packets] = POSTS as [(typeof POSTS)[0], (typeof POSTS)[0], (typeof POSTS)[0]];
const olderOf = (post: (typeof POSTS)[0]) => ({
  ...articleOf(post),
  hash: '0123456789ab',
  html: '<p>The copy saved last month.</p>',
});

beforeAll(() => preloadPage('post'));
afterEach(async () => {
  vi.unstubAllGlobals();
  await closePageDB();
  await deleteDB(DB_NAME);
});

/** The post's prerendered page, as far as the check reads it: its data block names the current version. */
const page = (slug: string, hash: string) =>
  `<html><body><script type="application/json" id="prerender-data">{"article":{"slug":"${slug}","hash":"${hash}"}}</script></body></html>`;

describe('a saved post opened by its address', () => {
  it('shows the saved copy at once, then the newer version the blog has', async () => {
    await saveArticle((await pageDB())!, olderOf(futex), 10);
    vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
      const url = String(input);
      if (url === '/posts/futex/') return Promise.resolve(new Response(page('futex', futex.hash)));
      if (url === `/articles/futex.${futex.hash}.json`) return Promise.resolve(new Response(payloadOf(futex)));
      return Promise.resolve(new Response('missing', { status: 404 }));
    });
    render(<App path="/posts/futex/" />);
    expect(await screen.findByText('The copy saved last month.')).toBeTruthy();
    expect(await screen.findByText('Body of futex.')).toBeTruthy();
    expect(screen.queryByText('The copy saved last month.')).toBeNull();
  });

  it('keeps showing the saved copy, marked as such, when the newer version cannot be fetched', async () => {
    await saveArticle((await pageDB())!, olderOf(packets), 10);
    vi.stubGlobal('fetch', (input: RequestInfo | URL) =>
      String(input) === '/posts/packets/'
        ? Promise.resolve(new Response(page('packets', packets.hash)))
        : Promise.reject(new TypeError('Failed to fetch')),
    );
    render(<App path="/posts/packets/" />);
    expect(await screen.findByText('The copy saved last month.')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getAllByRole('status').some((s) => s.textContent?.includes('version saved on this device'))).toBe(
        true,
      ),
    );
    expect(screen.getByText('The copy saved last month.')).toBeTruthy();
  });
});
