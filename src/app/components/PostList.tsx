import { postPath } from '../../shared/routes.ts';
import type { PostMeta } from '../../shared/types.ts';
import { href } from '../paths.ts';
import { BookmarkButton } from './BookmarkButton.tsx';
import { PostMetaLine } from './PostMetaLine.tsx';
import { SavedMark } from './SavedMark.tsx';
import { TagLinks } from './TagLinks.tsx';

/** A list of posts: title as a link, date, reading time, summary and tags. */
export function PostList({ posts }: { posts: readonly PostMeta[] }) {
  return (
    <ol class="post-list" aria-label="Posts">
      {posts.map((post) => (
        <li key={post.slug}>
          <article class="card">
            <h2>
              <a href={href(postPath(post.slug))}>{post.title}</a>
            </h2>
            <PostMetaLine post={post}>
              <SavedMark post={post} />
            </PostMetaLine>
            <p class="summary">{post.summary}</p>
            <div class="card-foot">
              <TagLinks tags={post.tags} />
              <BookmarkButton post={post} compact />
            </div>
          </article>
        </li>
      ))}
    </ol>
  );
}
