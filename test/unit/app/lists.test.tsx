// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import { pageNumbers } from '../../../src/app/components/Pager.tsx';
import { seedLists, serveSite } from '../fixtures.ts';

beforeAll(seedLists);
afterEach(() => vi.unstubAllGlobals());

describe('the home page', () => {
  it('lists every post newest first with its title link, date, reading time, summary and tag links', () => {
    render(<App path="/" />);
    expect(screen.getByRole('heading', { level: 1, name: 'All posts' })).toBeTruthy();
    const items = within(screen.getByRole('list', { name: 'Posts' })).getAllByRole('article');
    expect(items.map((a) => within(a).getByRole('heading').textContent)).toEqual([
      'How epoll Actually Works',
      'Title of futex',
      'Title of packets',
    ]);
    const epoll = items[0]!;
    expect(within(epoll).getByRole('link', { name: 'How epoll Actually Works' }).getAttribute('href')).toBe(
      '/posts/epoll/',
    );
    expect(within(epoll).getByText('28 July 2026')).toBeTruthy();
    expect(epoll.textContent).toContain('9 min read');
    expect(within(epoll).getByText('Summary of epoll.')).toBeTruthy();
    expect(within(epoll).getByRole('link', { name: 'networking' }).getAttribute('href')).toBe('/tags/networking/');
    expect(items[1]!.textContent).toContain('updated 1 July 2026');
  });

  it('offers every tag with its count as a filter', () => {
    render(<App path="/" />);
    const filter = screen.getByRole('navigation', { name: 'Filter by tag' });
    const links = within(filter).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'All posts 3 posts',
      'networking 2 posts',
      'linux 1 post',
      'threading 1 post',
    ]);
    expect(links[0]!.getAttribute('aria-current')).toBe('page');
  });
});

describe('a tag page', () => {
  it("shows only that tag's posts, the tag and its count", () => {
    render(<App path="/tags/networking/" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Tagged networking');
    expect(screen.getByText('2 posts', { selector: 'p' })).toBeTruthy();
    const titles = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(titles).toEqual(['How epoll Actually Works', 'Title of packets']);
    const current = within(screen.getByRole('navigation', { name: 'Filter by tag' })).getByRole('link', {
      current: 'page',
    });
    expect(current.textContent).toBe('networking 2 posts');
  });

  it('says "not found" for a tag no post carries', async () => {
    serveSite();
    render(<App path="/tags/cobol/" />);
    await screen.findByRole('heading', { level: 1, name: 'Not found' });
    expect(screen.getByRole('heading', { level: 1, name: 'Not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to all posts' }).getAttribute('href')).toBe('/');
  });
});

describe('an unknown address', () => {
  it('shows "not found" with a way home', () => {
    render(<App path="/no/such/page/" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to all posts' })).toBeTruthy();
  });
});

describe('paging', () => {
  it('offers the first, the last and the pages around the current one', () => {
    expect(pageNumbers(1, 1)).toEqual([1]);
    expect(pageNumbers(1, 3)).toEqual([1, 2, 3]);
    expect(pageNumbers(1, 50)).toEqual([1, 2, 3, null, 50]);
    expect(pageNumbers(25, 50)).toEqual([1, null, 23, 24, 25, 26, 27, null, 50]);
    expect(pageNumbers(50, 50)).toEqual([1, null, 48, 49, 50]);
    expect(pageNumbers(4, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('says "not found" for a page past the end of a list', async () => {
    serveSite();
    render(<App path="/page/2/" />);
    await screen.findByRole('heading', { level: 1, name: 'Not found' });
  });
});
