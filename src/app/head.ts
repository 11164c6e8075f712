import { matchRoute } from '../shared/routes.ts';
import { SITE } from '../shared/site.ts';
import type { PostMeta } from '../shared/types.ts';

/** The document title and description of a page; the same for the prerenderer and the live app. */
export function pageHead(path: string, posts: readonly PostMeta[]): { title: string; description: string } {
  const route = matchRoute(path);
  const titled = (title: string, description: string = SITE.description) => ({
    title: `${title} · ${SITE.title}`,
    description,
  });
  switch (route.kind) {
    case 'home':
      return { title: SITE.title, description: SITE.description };
    case 'tag':
      return posts.some((p) => p.tags.includes(route.tag)) ? titled(`Posts tagged ${route.tag}`) : titled('Not found');
    case 'post': {
      const post = posts.find((p) => p.slug === route.slug);
      return post ? titled(post.title, post.summary) : titled('Not found');
    }
    case 'settings':
      return titled('Settings');
    case 'bookmarks':
      return titled('Bookmarks');
    case 'not-found':
      return titled('Not found');
  }
}
