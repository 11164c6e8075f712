import type { PostMeta } from '../shared/types.ts';
import { postPath } from '../shared/routes.ts';
import { SITE } from '../shared/site.ts';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An Atom feed of the newest posts. `origin` and `base` make the absolute URLs Atom requires. */
export function atomFeed(posts: PostMeta[], siteUrl: string, limit = 20): string {
  const abs = (path: string) => new URL(path.replace(/^\//, ''), siteUrl).href;
  const updated = posts.reduce((max, p) => ((p.updated ?? p.date) > max ? (p.updated ?? p.date) : max), '1970-01-01');
  const entries = posts.slice(0, limit).map(
    (p) => `  <entry>
    <title>${xml(p.title)}</title>
    <link href="${xml(abs(postPath(p.slug)))}"/>
    <id>${xml(abs(postPath(p.slug)))}</id>
    <published>${p.date}T00:00:00Z</published>
    <updated>${p.updated ?? p.date}T00:00:00Z</updated>
${p.tags.map((t) => `    <category term="${xml(t)}"/>`).join('\n')}
    <summary>${xml(p.summary)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${SITE.lang}">
  <title>${xml(SITE.title)}</title>
  <subtitle>${xml(SITE.description)}</subtitle>
  <link href="${xml(abs('/'))}"/>
  <link rel="self" href="${xml(abs('/feed.xml'))}"/>
  <id>${xml(abs('/'))}</id>
  <updated>${updated}T00:00:00Z</updated>
  <author><name>${xml(SITE.author)}</name></author>
${entries.join('\n')}
</feed>
`;
}

/** A sitemap of every page: home, each tag and each post. */
export function sitemap(paths: { path: string; lastmod?: string }[], siteUrl: string): string {
  const urls = paths.map(
    ({ path, lastmod }) =>
      `  <url><loc>${xml(new URL(path.replace(/^\//, ''), siteUrl).href)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('\n')}
</urlset>
`;
}
