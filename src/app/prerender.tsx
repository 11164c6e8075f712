import { renderToString } from 'preact-render-to-string';
import articles from 'virtual:articles';
import posts from 'virtual:posts';
import { tagCounts } from '../shared/posts.ts';
import { matchRoute, postPath, STATIC_PATHS, tagPath } from '../shared/routes.ts';
import { SITE } from '../shared/site.ts';
import { App } from './App.tsx';
import { setHydrating } from './article-parts.ts';
import { rememberArticle } from './article-source.ts';
import { pageHead } from './head.ts';
import { preloadPage } from './lazy-pages.ts';

for (const article of Object.values(articles)) rememberArticle(article);

/** Every route that is a file in dist/: the prerenderer writes `<path>index.html` for each. */
const ROUTES = [
  '/',
  STATIC_PATHS.settings,
  STATIC_PATHS.bookmarks,
  ...[...tagCounts(posts).keys()].map(tagPath),
  ...posts.map((p) => postPath(p.slug)),
];

/** Called by the prerender plugin at build time, once per route (and for `/404.html`). */
export async function prerender({ url }: { url: string }) {
  const path = url === '/404.html' ? '/404' : url.endsWith('/') ? url : `${url}/`;
  await preloadPage(matchRoute(path).kind);
  setHydrating(true); // the whole article, as hydration will render it
  const head = pageHead(path, posts);
  return {
    html: renderToString(<App posts={posts} path={path} />),
    links: new Set(ROUTES),
    head: {
      lang: SITE.lang,
      title: head.title,
      elements: new Set([{ type: 'meta', props: { name: 'description', content: head.description } }]),
    },
  };
}
