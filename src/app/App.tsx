import { useEffect, useRef } from 'preact/hooks';
import { matchRoute, STATIC_PATHS } from '../shared/routes.ts';
import { SITE } from '../shared/site.ts';
import type { PostMeta } from '../shared/types.ts';
import { InstallButton } from './components/InstallButton.tsx';
import { NetworkIndicator } from './components/NetworkIndicator.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { pageHead } from './head.ts';
import { isLazy, useLazyPage } from './lazy-pages.ts';
import { Home } from './pages/Home.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { TagPage } from './pages/TagPage.tsx';
import { href } from './paths.ts';
import { fetchArticle } from './article-source.ts';
import { preloadPage } from './lazy-pages.ts';
import { prepareNavigation, usePath } from './use-path.ts';

/** How long a tap waits for a post to be ready before showing its page with a loading state instead. */
const PREPARE_LIMIT_MS = 300;

function prepareFor(posts: readonly PostMeta[]) {
  return (path: string): Promise<unknown> => {
    const route = matchRoute(path);
    const post = route.kind === 'post' ? posts.find((p) => p.slug === route.slug) : undefined;
    const ready = Promise.all([preloadPage(route.kind), post && fetchArticle(post).catch(() => undefined)]);
    return Promise.race([ready, new Promise((resolve) => setTimeout(resolve, PREPARE_LIMIT_MS))]);
  };
}

/** The whole reader: header, the page for the current path, footer. */
export function App({ posts, path: initialPath }: { posts: readonly PostMeta[]; path: string }) {
  const path = usePath(initialPath);
  useEffect(() => prepareNavigation(prepareFor(posts)), [posts]);
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
        <NetworkIndicator />
        <nav aria-label="Main">
          <a href={href(STATIC_PATHS.home)} aria-current={path === STATIC_PATHS.home ? 'page' : undefined}>
            Posts
          </a>
          <a href={href(STATIC_PATHS.bookmarks)} aria-current={path === STATIC_PATHS.bookmarks ? 'page' : undefined}>
            Bookmarks
          </a>
          <a href={href(STATIC_PATHS.settings)} aria-current={path === STATIC_PATHS.settings ? 'page' : undefined}>
            Settings
          </a>
          <InstallButton />
        </nav>
      </header>
      <StatusBar />
      <main id="main" data-path={path}>
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
  const Lazy = useLazyPage(route.kind);
  if (isLazy(route.kind)) {
    return Lazy ? <Lazy key={path} posts={posts} route={route} /> : <p class="status">Loading…</p>;
  }
  switch (route.kind) {
    case 'home':
      return <Home posts={posts} />;
    case 'tag':
      return <TagPage posts={posts} tag={route.tag} />;
    default:
      return <NotFound />;
  }
}
