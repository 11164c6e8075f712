import { STATIC_PATHS, tagPath } from '../../shared/routes.ts';
import type { TagCount } from '../../shared/types.ts';
import { href } from '../paths.ts';

/**
 * Every tag with its count, as one row of chips that scrolls sideways inside itself (CSS only: no script), so the
 * first post stays on the first screen however many tags the blog grows. The current tag comes right after "All
 * posts", where it is seen without scrolling the row.
 */
export function TagFilter({
  tags,
  total,
  current,
}: {
  tags: TagCount[];
  total?: number | undefined;
  current?: string | undefined;
}) {
  // "3 posts" to a screen reader, "3" on screen: the word would double a chip's width.
  const chip = (to: string, label: string, n: number | undefined, on: boolean) => (
    <li key={to}>
      <a href={href(to)} aria-current={on ? 'page' : undefined}>
        {label}{' '}
        {n !== undefined && (
          <span class="count">
            {n}
            <span class="vh"> post{n === 1 ? '' : 's'}</span>
          </span>
        )}
      </a>
    </li>
  );
  return (
    <nav class="tag-filter" aria-label="Filter by tag">
      <ul>
        {chip(STATIC_PATHS.home, 'All posts', total, !current)}
        {[...tags]
          .sort((a, b) => +(b.tag === current) - +(a.tag === current))
          .map(({ tag, count }) => chip(tagPath(tag), tag, count, tag === current))}
      </ul>
    </nav>
  );
}
