// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import { POSTS } from '../fixtures.ts';

describe('the home page', () => {
  it('lists every post newest first with its title link, date, reading time, summary and tag links', () => {
    render(<App posts={POSTS} path="/" />);
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
    render(<App posts={POSTS} path="/" />);
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
    render(<App posts={POSTS} path="/tags/networking/" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Tagged networking');
    expect(screen.getByText('2 posts', { selector: 'p' })).toBeTruthy();
    const titles = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(titles).toEqual(['How epoll Actually Works', 'Title of packets']);
    const current = within(screen.getByRole('navigation', { name: 'Filter by tag' })).getByRole('link', {
      current: 'page',
    });
    expect(current.textContent).toBe('networking 2 posts');
  });

  it('says "not found" for a tag no post carries', () => {
    render(<App posts={POSTS} path="/tags/cobol/" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to all posts' }).getAttribute('href')).toBe('/');
  });
});

describe('an unknown address', () => {
  it('shows "not found" with a way home', () => {
    render(<App posts={POSTS} path="/no/such/page/" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to all posts' })).toBeTruthy();
  });
});
