import type { HeadElement } from '../shared/prerender-data.ts';
import type { Route } from '../shared/routes.ts';
import { SITE } from '../shared/site.ts';
import type { Article } from '../shared/types.ts';

/**
 * JSON for a `<script>` element: `<`, `>` and `&` as JSON escapes, so no text in it (`</script>`, `<!--`) can end
 * the element or change how the HTML parser reads it; JSON.parse reads the same value back.
 */
export const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * What search engines and link previews read in a page's head: the canonical URL, Open Graph and Twitter card tags
 * and, for a post, its JSON-LD `BlogPosting`. Absolute URLs, from the site's root (`SITE_URL` and the base).
 * Prerender only: the page's own code never needs them.
 */
export function shareMeta(
  route: Route,
  path: string,
  head: { title: string; description: string },
  article: Omit<Article, 'html'> | undefined,
  site: { url: string; image: string },
): HeadElement[] {
  if (route.kind === 'not-found') return [{ type: 'meta', props: { name: 'robots', content: 'noindex' } }];
  const url = new URL(path.replace(/^\//, ''), site.url).href;
  const title = article?.title ?? head.title;
  const meta = (key: 'name' | 'property', name: string, content: string): HeadElement => ({
    type: 'meta',
    props: { [key]: name, content },
  });
  const elements = [
    { type: 'link', props: { rel: 'canonical', href: url } },
    meta('property', 'og:type', article ? 'article' : 'website'),
    meta('property', 'og:site_name', SITE.title),
    meta('property', 'og:title', title),
    meta('property', 'og:description', head.description),
    meta('property', 'og:url', url),
    meta('property', 'og:image', site.image),
    meta('name', 'twitter:card', 'summary'),
    meta('name', 'twitter:title', title),
    meta('name', 'twitter:description', head.description),
  ];
  if (!article) return elements;
  const modified = article.updated ?? article.date;
  const publisher = { '@type': 'Organization', name: SITE.author, logo: { '@type': 'ImageObject', url: site.image } };
  const posting = {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: article.title,
    description: article.summary,
    datePublished: article.date,
    dateModified: modified,
    keywords: article.tags.join(', '),
    url,
    mainEntityOfPage: url,
    image: site.image,
    author: { '@type': 'Organization', name: SITE.author, url: site.url },
    publisher,
  };
  return [
    ...elements,
    meta('property', 'article:published_time', article.date),
    meta('property', 'article:modified_time', modified),
    ...article.tags.map((tag) => meta('property', 'article:tag', tag)),
    { type: 'script', props: { type: 'application/ld+json', children: scriptJson(posting) } },
  ];
}
