import { renderToString } from 'preact-render-to-string';
import { type HeadElement, prerenderSource, providePageRenderer, type RenderedPage } from '../shared/prerender-data.ts';
import { isListRoute, matchRoute, SHELL_FILE } from '../shared/routes.ts';
import { SITE } from '../shared/site.ts';
import { App } from './App.tsx';
import { setHydrating } from './article-parts.ts';
import { rememberArticle } from './article-source.ts';
import { pageHead } from './head.ts';
import { preloadPage } from './lazy-pages.ts';
import { rememberList } from './list-source.ts';
import { knownPageData } from './page-data.ts';
import type { PrerenderData } from './prerendered.ts';
import { href } from './paths.ts';
import { scriptJson, shareMeta } from './share-meta.ts';

/**
 * The page at `url` (a route, `/404.html` or the shell), rendered for the build: src/build/site-pages.ts renders every
 * page of the site with it, one at a time, and puts each into the page template.
 */
async function renderPage(url: string): Promise<RenderedPage> {
  const source = prerenderSource();
  const shell = url === `/${SHELL_FILE}`;
  const path = url === '/404.html' ? '/404/' : url.endsWith('/') ? url : `${url}/`;
  const route = matchRoute(path);
  let data: PrerenderData | undefined;
  if (isListRoute(route)) {
    const list = source.list(path);
    if (list) {
      rememberList(route, list.name, list.chunk);
      data = { file: list.name };
    }
  } else if (route.kind === 'post') {
    const entry = source.article(route.slug);
    if (entry) {
      rememberArticle(entry.article);
      const { html: _html, ...meta } = entry.article;
      data = { file: entry.name, article: meta };
    }
  }
  await preloadPage(route.kind);
  setHydrating(true); // the whole article, as hydration will render it
  const head = pageHead(route, shell ? { status: 'none' } : knownPageData(route));
  const links: HeadElement[] = [];
  if (head.prev) links.push({ type: 'link', props: { rel: 'prev', href: href(head.prev) } });
  if (head.next) links.push({ type: 'link', props: { rel: 'next', href: href(head.next) } });
  return {
    html: renderToString(<App path={path} shell={shell} />),
    head: {
      lang: SITE.lang,
      title: shell ? SITE.title : head.title,
      elements: new Set([
        { type: 'meta', props: { name: 'description', content: head.description } },
        ...links,
        // The neutral shell stands in for any route: it names none, and is no page to index.
        ...(shell
          ? [{ type: 'meta', props: { name: 'robots', content: 'noindex' } }]
          : shareMeta(route, path, head, data?.article, source.site)),
        // The page's data for hydration, escaped for a script element: a heading's text (`</script>` in a post about
        // HTML) must not end the element and put markup in the page.
        ...(data
          ? [{ type: 'script', props: { type: 'application/json', id: 'prerender-data', children: scriptJson(data) } }]
          : []),
      ]),
    },
  };
}

providePageRenderer(renderPage);

/**
 * The prerender plugin's entry: it bundles this script, loads it (which hands renderPage to the build) and renders the
 * home page with it, finding no links to follow. The content plugin renders every page, the home page again among them.
 */
export const prerender = ({ url }: { url: string }): Promise<RenderedPage> => renderPage(url);
