import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { isListRoute, matchRoute, STATIC_PATHS } from '../shared/routes.ts';
import { SITE } from '../shared/site.ts';
import { InstallButton } from './components/InstallButton.tsx';
import { NetworkIndicator } from './components/NetworkIndicator.tsx';
import { SearchField } from './components/SearchField.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { pageHead } from './head.ts';
import { isLazy, preloadPage, useLazyPage } from './lazy-pages.ts';
import { loadPageData, usePageData } from './page-data.ts';
import { ListPage } from './pages/ListPage.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { href } from './paths.ts';
import { prepareNavigation, usePath } from './use-path.ts';

/** How long a tap waits for a page to be ready before showing it with a loading state instead. */
const PREPARE_LIMIT_MS = 300;

function prepare(path: string): Promise<unknown> {
  const route = matchRoute(path);
  // A page whose code fails to load says so when shown (useLazyPage); getting ready never fails.
  const ready = Promise.all([preloadPage(route.kind).catch(() => undefined), loadPageData(route)]);
  return Promise.race([ready, new Promise((resolve) => setTimeout(resolve, PREPARE_LIMIT_MS))]);
}

/** The whole reader: header, the page for the current path, footer. `shell` renders neither page nor data. */
export function App({ path: initialPath, shell = false }: { path: string; shell?: boolean }) {
  const path = usePath(initialPath);
  useEffect(() => prepareNavigation(prepare), []);
  const current = (p: string) => (p === path ? 'page' : undefined);
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
          <a href={href(STATIC_PATHS.home)} aria-current={current(STATIC_PATHS.home)}>
            Posts
          </a>
          <a href={href(STATIC_PATHS.bookmarks)} aria-current={current(STATIC_PATHS.bookmarks)}>
            Bookmarks
          </a>
          <a href={href(STATIC_PATHS.settings)} aria-current={current(STATIC_PATHS.settings)}>
            Settings
          </a>
          <InstallButton />
        </nav>
        <SearchField />
      </header>
      <StatusBar />
      <main id="main" data-path={shell ? '' : path}>
        {!shell && <Page path={path} />}
      </main>
      <footer class="site">
        <a href={href('/feed.xml')}>Atom feed</a>
      </footer>
    </>
  );
}

function Page({ path }: { path: string }) {
  const route = matchRoute(path);
  const [data, retry] = usePageData(route, path);
  const Lazy = useLazyPage(route.kind);
  const first = useRef(true);
  // Before the page paints, so the title never lags behind the page it names.
  useLayoutEffect(() => {
    if (data.status === 'loading') return;
    document.title = pageHead(route, data).title;
    // After an in-app navigation, say where we are: focus on the new page's heading.
    // Not while the reader types in the search field, which opened the search page.
    if (!first.current && document.activeElement?.id !== 'q')
      document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
    first.current = false;
  }, [path, data.status]);

  if (data.status === 'missing') return <NotFound />;
  if (data.status === 'error') {
    return (
      <div class="notice" role="alert">
        <p>{data.message}</p>
        <button type="button" onClick={retry}>
          Try again
        </button>
      </div>
    );
  }
  if (isListRoute(route)) {
    return data.status === 'list' ? <ListPage route={route} list={data.list} /> : <Loading />;
  }
  if (Lazy === null) {
    return (
      <div class="notice" role="alert">
        <p>This page could not be loaded: the reader was updated and this tab runs an older version.</p>
        <button type="button" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  }
  if (isLazy(route.kind)) return Lazy && data.status !== 'loading' ? <Lazy route={route} data={data} /> : <Loading />;
  return <NotFound />;
}

const Loading = () => (
  <p class="status" role="status">
    Loading…
  </p>
);
