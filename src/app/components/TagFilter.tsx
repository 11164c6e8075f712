import { countPosts, tagCounts } from '../../shared/posts.ts';
import { STATIC_PATHS, tagPath } from '../../shared/routes.ts';
import type { PostMeta } from '../../shared/types.ts';
import { href } from '../paths.ts';

/** Every tag with its count, the current one marked; "All posts" leads back home. */
export function TagFilter({ posts, current }: { posts: readonly PostMeta[]; current?: string }) {
  const counts = tagCounts(posts);
  return (
    <nav class="tag-filter" aria-label="Filter by tag">
      <ul>
        <li>
          <a href={href(STATIC_PATHS.home)} aria-current={current ? undefined : 'page'}>
            All posts <span class="count">{countPosts(posts.length)}</span>
          </a>
        </li>
        {[...counts].map(([tag, n]) => (
          <li key={tag}>
            <a href={href(tagPath(tag))} aria-current={tag === current ? 'page' : undefined}>
              {tag} <span class="count">{countPosts(n)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
