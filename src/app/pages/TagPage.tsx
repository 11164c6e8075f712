import { countPosts, postsWithTag } from '../../shared/posts.ts';
import type { PostMeta } from '../../shared/types.ts';
import { PostList } from '../components/PostList.tsx';
import { TagFilter } from '../components/TagFilter.tsx';
import { NotFound } from './NotFound.tsx';

/** One tag's posts, with the tag's name and count. */
export function TagPage({ posts, tag }: { posts: readonly PostMeta[]; tag: string }) {
  const tagged = postsWithTag(posts, tag);
  if (tagged.length === 0) return <NotFound />;
  return (
    <>
      <h1 tabIndex={-1}>
        Tagged <span class="tag-name">{tag}</span>
      </h1>
      <p class="lede">{countPosts(tagged.length)}</p>
      <TagFilter posts={posts} current={tag} />
      <PostList posts={tagged} />
    </>
  );
}
