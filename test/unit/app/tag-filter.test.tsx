// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { TagFilter } from '../../../src/app/components/TagFilter.tsx';

const tags = [
  { tag: 'networking', count: 3 },
  { tag: 'linux', count: 2 },
  { tag: 'ebpf', count: 1 },
];
const row = () => screen.getByRole('navigation', { name: 'Filter by tag' });

describe('the tag row', () => {
  it('names every chip with its tag and its count in words, and marks "All posts" current at home', () => {
    render(<TagFilter tags={tags} total={6} />);
    const links = within(row()).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'All posts 6 posts',
      'networking 3 posts',
      'linux 2 posts',
      'ebpf 1 post',
    ]);
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/', '/tags/networking/', '/tags/linux/', '/tags/ebpf/']);
    expect(within(row()).getByRole('link', { current: 'page' })).toBe(links[0]);
    // On screen a chip shows the number only; the word is for screen readers.
    expect(within(links[1]!).getByText('posts', { exact: false }).className).toBe('vh');
  });

  it('marks the current tag with aria-current="page", and only it, placed right after "All posts"', () => {
    render(<TagFilter tags={tags} current="ebpf" />);
    const links = within(row()).getAllByRole('link');
    expect(links.map((l) => l.textContent?.trim())).toEqual([
      'All posts',
      'ebpf 1 post',
      'networking 3 posts',
      'linux 2 posts',
    ]);
    const current = within(row()).getAllByRole('link', { current: 'page' });
    expect(current).toEqual([links[1]]);
    expect(links.filter((l) => l.hasAttribute('aria-current'))).toHaveLength(1);
  });
});
