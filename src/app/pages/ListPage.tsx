import { countPosts } from '../../shared/posts.ts';
import type { Route } from '../../shared/routes.ts';
import type { ListChunk } from '../../shared/types.ts';
import { ContinueReading } from '../components/ContinueReading.tsx';
import { Pager } from '../components/Pager.tsx';
import { PostList } from '../components/PostList.tsx';
import { TagFilter } from '../components/TagFilter.tsx';

/** One page of a list: all posts (the home page) or one tag's, newest first, with the pages around it. */
export function ListPage({ route, list }: { route: Extract<Route, { kind: 'home' | 'tag' }>; list: ListChunk }) {
  const tag = route.kind === 'tag' ? route.tag : undefined;
  const of =
    list.pages > 1 ? (
      <span class="page-of">
        {' '}
        · page {list.page} of {list.pages}
      </span>
    ) : null;
  return (
    <>
      {tag ? (
        <h1 tabIndex={-1}>
          Tagged <span class="tag-name">{tag}</span>
          {of}
        </h1>
      ) : (
        <h1 tabIndex={-1}>All posts{of}</h1>
      )}
      {tag && <p class="lede">{countPosts(list.total)}</p>}
      {!tag && list.page === 1 && <ContinueReading />}
      <TagFilter tags={list.tags} total={tag ? undefined : list.total} current={tag} />
      {list.posts.length > 0 ? <PostList posts={list.posts} /> : <p>No posts yet.</p>}
      <Pager route={route} page={list.page} pages={list.pages} />
    </>
  );
}
