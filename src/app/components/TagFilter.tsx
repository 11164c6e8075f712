import { countPosts } from '../../shared/posts.ts';
import { STATIC_PATHS, tagPath } from '../../shared/routes.ts';
import type { TagCount } from '../../shared/types.ts';
import { href } from '../paths.ts';

/** Every tag with its count, the current one marked; "All posts" leads back home. */
export function TagFilter({
  tags,
  total,
  current,
}: {
  tags: TagCount[];
  total?: number | undefined;
  current?: string | undefined;
}) {
  return (
    <nav class="tag-filter" aria-label="Filter by tag">
      <ul>
        <li>
          <a href={href(STATIC_PATHS.home)} aria-current={current ? undefined : 'page'}>
            All posts {total !== undefined && <span class="count">{countPosts(total)}</span>}
          </a>
        </li>
        {tags.map(({ tag, count }) => (
          <li key={tag}>
            <a href={href(tagPath(tag))} aria-current={tag === current ? 'page' : undefined}>
              {tag} <span class="count">{countPosts(count)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
