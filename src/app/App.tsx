import { useEffect, useRef } from 'preact/hooks';
import { matchRoute } from '../shared/routes.ts';
import { SITE } from '../shared/site.ts';
import type { PostMeta } from '../shared/types.ts';
import { pageHead } from './head.ts';
import { Home } from './pages/Home.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { PostPage } from './pages/PostPage.tsx';
import { TagPage } from './pages/TagPage.tsx';
import { href } from './paths.ts';
import { usePath } from './use-path.ts';

/** The whole reader: header, the page for the current path, footer. */
export function App({ posts, path: initialPath }: { posts: readonly PostMeta[]; path: string }) {
  const path = usePath(initialPath);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // After an in-app navigation, say where we are: the title, and focus on the new page's heading.
    document.title = pageHead(path, posts).title;
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
  }, [path]);

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="site">
        <a class="brand" href={href('/')}>
          {SITE.title}
        </a>
      </header>
      <main id="main">
        <Page posts={posts} path={path} />
      </main>
      <footer class="site">
        <a href={href('/feed.xml')}>Atom feed</a>
      </footer>
    </>
  );
}

function Page({ posts, path }: { posts: readonly PostMeta[]; path: string }) {
  const route = matchRoute(path);
  switch (route.kind) {
    case 'home':
      return <Home posts={posts} />;
    case 'tag':
      return <TagPage posts={posts} tag={route.tag} />;
    case 'post':
      return <PostPage key={route.slug} posts={posts} slug={route.slug} />;
    default:
      return <NotFound />;
  }
}
