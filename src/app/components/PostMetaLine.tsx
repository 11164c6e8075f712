import type { ComponentChildren } from 'preact';
import { formatDate } from '../../shared/posts.ts';
import type { PostMeta } from '../../shared/types.ts';

/** Date, update and reading time of a post, as one quiet line; `children` (a list's marks) end the line. */
export function PostMetaLine({
  post,
  children,
}: {
  post: Pick<PostMeta, 'date' | 'updated' | 'minutes'>;
  children?: ComponentChildren;
}) {
  return (
    <p class="meta">
      <time dateTime={post.date}>{formatDate(post.date)}</time>
      {post.updated && (
        <>
          {' · updated '}
          <time dateTime={post.updated}>{formatDate(post.updated)}</time>
        </>
      )}
      {` · ${post.minutes} min read`}
      {children}
    </p>
  );
}
