import type { PostMeta } from '../../shared/types.ts';
import { ContinueReading } from '../components/ContinueReading.tsx';
import { PostList } from '../components/PostList.tsx';
import { TagFilter } from '../components/TagFilter.tsx';

/** The home page: every post, newest first. */
export function Home({ posts }: { posts: readonly PostMeta[] }) {
  return (
    <>
      <h1 tabIndex={-1}>All posts</h1>
      <ContinueReading posts={posts} />
      <TagFilter posts={posts} />
      {posts.length > 0 ? <PostList posts={posts} /> : <p>No posts yet.</p>}
    </>
  );
}
