import { renderToString } from 'preact-render-to-string';
import { articlePartMarker, prerenderSource } from '../shared/prerender-data.ts';
import { isListRoute, matchRoute, SHELL_FILE } from '../shared/routes.ts';
import { SITE } from '../shared/site.ts';
import { App } from './App.tsx';
import { setHydrating, splitArticle } from './article-parts.ts';
import { rememberArticle } from './article-source.ts';
import { pageHead } from './head.ts';
import { preloadPage } from './lazy-pages.ts';
import { rememberList } from './list-source.ts';
import { knownPageData } from './page-data.ts';
import type { PrerenderData } from './prerendered.ts';
import { href } from './paths.ts';
import { scriptJson, shareMeta } from './share-meta.ts';

/** Called by the prerender plugin at build time, once per route (and for `/404.html` and the shell). */
export async function prerender({ url }: { url: string }) {
  const source = prerenderSource();
  const shell = url === `/${SHELL_FILE}`;
  const path = url === '/404.html' ? '/404/' : url.endsWith('/') ? url : `${url}/`;
  const route = matchRoute(path);
  let data: PrerenderData | undefined;
  let body: string | undefined;
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
      body = entry.article.html;
      const { html: _html, ...meta } = entry.article;
      data = { file: entry.name, article: meta };
    }
  }
  await preloadPage(route.kind);
  setHydrating(true); // the whole article, as hydration will render it
  const head = pageHead(route, shell ? { status: 'none' } : knownPageData(route));
  const links = [
    head.prev && { type: 'link', props: { rel: 'prev', href: href(head.prev) } },
    head.next && { type: 'link', props: { rel: 'next', href: href(head.next) } },
  ].filter((l) => l !== undefined && l !== '');
  return {
    html: withPartMarkers(renderToString(<App path={path} shell={shell} />), body),
    // Every route is named once, by the home page: the prerenderer visits each without re-collecting links.
    links: url === '/' ? new Set(source.routes) : new Set<string>(),
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
        // The page's data for hydration. Written here, not as the plugin's `data`, which it writes as plain JSON:
        // a heading's text (`</script>` in a post about HTML) could end the element and put markup in the page.
        ...(data
          ? [{ type: 'script', props: { type: 'application/json', id: 'prerender-data', children: scriptJson(data) } }]
          : []),
      ]),
    },
  };
}

/** The page with each part of the post's body replaced by its marker; the content plugin puts the parts back. */
function withPartMarkers(page: string, body: string | undefined): string {
  if (body === undefined) return page;
  return splitArticle(body)
    .filter((part) => part !== '')
    .reduce((html, part, i) => {
      const rendered = `<div class="prose">${part}</div>`;
      const at = html.indexOf(rendered);
      if (at === -1) throw new Error('The prerendered post does not hold its body as the page renders it.');
      return `${html.slice(0, at)}<div class="prose">${articlePartMarker(i)}</div>${html.slice(at + rendered.length)}`;
    }, page);
}
