import { isListRoute, listPath, type Route } from '../shared/routes.ts';
import { SITE } from '../shared/site.ts';
import type { PageData } from './page-data.ts';

/** The document title, description and list neighbours of a page; the same for the prerenderer and the live app. */
export function pageHead(
  route: Route,
  data: PageData,
): { title: string; description: string; prev?: string; next?: string } {
  const titled = (title: string, description: string = SITE.description) => ({
    title: `${title} · ${SITE.title}`,
    description,
  });
  if (data.status === 'missing') return titled('Not found');
  if (isListRoute(route)) {
    const of = data.status === 'list' && data.list.pages > 1 ? ` (page ${route.page} of ${data.list.pages})` : '';
    const head =
      route.kind === 'home'
        ? route.page === 1
          ? { title: SITE.title, description: SITE.description }
          : titled(`All posts${of}`)
        : titled(`Posts tagged ${route.tag}${of}`);
    if (data.status !== 'list') return head;
    return {
      ...head,
      ...(route.page > 1 ? { prev: listPath(route, route.page - 1) } : {}),
      ...(route.page < data.list.pages ? { next: listPath(route, route.page + 1) } : {}),
    };
  }
  switch (route.kind) {
    case 'post':
      return data.status === 'post' ? titled(data.article.title, data.article.summary) : titled('Loading');
    case 'settings':
      return titled('Settings');
    case 'bookmarks':
      return titled('Bookmarks');
    case 'search':
      return titled('Search');
    default:
      return titled('Not found');
  }
}
