import {
  type HeadElement,
  type PageRenderer,
  type PrerenderSource,
  pageRenderer,
  type RenderedPage,
} from '../shared/prerender-data.ts';
import { homePath, postPath, SHELL_FILE, STATIC_PATHS, tagPath } from '../shared/routes.ts';
import { ICONS } from './icons.ts';
import type { OwnedFile } from './output-files.ts';
import { type PageInput, pageFile } from './page-state.ts';
import type { ListPage, SiteLists } from './site-index.ts';

/**
 * The site's pages: which there are, what each is made from, and each made by the prerender script
 * (src/app/prerender.tsx) and put into the page template here, one page at a time as it is written. At 10,000 posts
 * the pages are hundreds of MB: none is held longer than it takes to write it, and no HTML parser reads them.
 */

/** The pages the app's own code knows, made by every build into the bundle: the home page is the template's file. */
const STATIC_PAGES = [
  { url: '/', fileName: 'index.html' },
  ...[STATIC_PATHS.settings, STATIC_PATHS.bookmarks, STATIC_PATHS.search].map((p) => ({
    url: p,
    fileName: pageFile(p),
  })),
  { url: '/404.html', fileName: '404.html' },
  { url: `/${SHELL_FILE}`, fileName: SHELL_FILE },
];

/** Every page of every list, at its base-relative path. */
function listPages(site: SiteLists): { path: string; page: ListPage }[] {
  return [
    ...site.home.map((page) => ({ path: homePath(page.chunk.page), page })),
    ...[...site.tags].flatMap(([tag, pages]) => pages.map((page) => ({ path: tagPath(tag, page.chunk.page), page }))),
  ];
}

export const sitemapPaths = (site: SiteLists): string[] => [
  ...listPages(site).map((l) => l.path),
  ...site.posts.map((p) => postPath(p.slug)),
];

/**
 * The pages that grow with the blog, each made from one input, with that input: a post's page from its payload, a
 * list's page from its chunk. The home page is not among them: it is the bundle's own index.html, made again by every
 * build.
 */
export function pageInputs(site: SiteLists): PageInput[] {
  return [
    ...listPages(site)
      .filter((l) => pageFile(l.path) !== 'index.html')
      .map((l) => ({ path: l.path, input: l.page.fileName })),
    ...site.posts.map((p) => ({ path: postPath(p.slug), input: p.hash })),
  ];
}

/** The largest square `any` icon stands for the site where a page is shared. */
const SHARE_IMAGE = ICONS.filter((i) => !i.maskable).sort((a, b) => b.size - a.size)[0]!.file;

/** What the prerender script looks up of the site, page by page. */
export function prerenderSourceOf(site: SiteLists, url: string): PrerenderSource {
  const lists = new Map(listPages(site).map((l) => [l.path, l.page]));
  return {
    list(p: string) {
      const page = lists.get(p);
      return page && { chunk: page.chunk, name: page.fileName };
    },
    article(slug: string) {
      const entry = site.articles.get(slug);
      return entry && { article: entry.article, name: entry.file.fileName };
    },
    site: { url, image: new URL(SHARE_IMAGE, url).href },
  };
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Elements with no content and no end tag. */
const VOID = new Set(['meta', 'link', 'base']);

/** A head element as HTML: attributes escaped; a script's text written as given (the renderer escapes it). */
export function headElementHtml({ type, props }: HeadElement): string {
  let open = `<${type}`;
  let text = '';
  for (const [name, value] of Object.entries(props)) {
    if (name === 'children') text = value;
    else open += ` ${name}="${escapeAttribute(value)}"`;
  }
  return VOID.has(type) ? `${open}>` : `${open}>${text}</${type}>`;
}

/** The page template as a function of a rendered page. */
export type PageTemplate = (page: RenderedPage) => string;

/**
 * The page template (Vite's index.html, with its scripts, styles and policy) as a function of a rendered page: the
 * page's language on `<html>`, its title in `<title>`, its head elements at the end of `<head>` and its HTML in
 * `#app`. The template is read once; a page is a few string joins.
 */
export function pageTemplate(template: string): PageTemplate {
  const find = (what: string, pattern: RegExp, from = 0) => {
    pattern.lastIndex = from;
    const m = pattern.exec(template);
    if (!m) throw new Error(`The page template (index.html) has no ${what}.`);
    return { start: m.index, end: m.index + m[0].length };
  };
  const html = find('<html> tag', /<html\b[^>]*>/g);
  const title = find('<title>', /<title>[\s\S]*?<\/title>/g, html.end);
  const headEnd = find('</head>', /<\/head>/g, title.end);
  const app = find('<div id="app">', /<div id="app">/g, headEnd.end);
  const htmlTag = template.slice(html.start, html.end);
  const pieces = [
    template.slice(0, html.start),
    template.slice(html.end, title.start),
    template.slice(title.end, headEnd.start),
    template.slice(headEnd.start, app.end),
    template.slice(app.end),
  ] as const;
  return (page) => {
    const { lang, title: text, elements } = page.head;
    const withLang = htmlTag.replace(/\s+lang="[^"]*"|(?=>$)/, ` lang="${escapeAttribute(lang)}"`);
    const head = [...new Set([...elements].map(headElementHtml))].join('\n');
    return `${pieces[0]}${withLang}${pieces[1]}<title>${escapeText(text)}</title>${pieces[2]}${head}${pieces[3]}${page.html}${pieces[4]}`;
  };
}

/** The renderer the prerender plugin's loading of the script provided, or the build's error. */
function renderer(): PageRenderer {
  const render = pageRenderer();
  if (!render) throw new Error('The prerender script was not loaded: no page can be rendered.');
  return render;
}

/** The pages of the bundle (home, settings, bookmarks, search, 404, shell), rendered now. */
export async function staticPages(template: PageTemplate): Promise<{ fileName: string; source: string }[]> {
  const render = renderer();
  const pages = [];
  for (const { url, fileName } of STATIC_PAGES) pages.push({ fileName, source: template(await render(url)) });
  return pages;
}

/**
 * The pages that grow with the blog (see pageInputs) as files to write, each rendered when it is written; except
 * `reused`, pages already on disk as a render would make them (src/build/page-state.ts).
 */
export function growingPages(site: SiteLists, template: PageTemplate, reused: Set<string>): OwnedFile[] {
  const render = renderer();
  return pageInputs(site)
    .filter(({ path }) => !reused.has(path))
    .map(({ path }) => ({ fileName: pageFile(path), source: async () => template(await render(path)), hashed: false }));
}
