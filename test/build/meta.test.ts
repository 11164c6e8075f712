import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptJson } from '../../src/app/share-meta.ts';
import { buildInto } from './build-helper.ts';

// jsdom ships no types and its @types lag a major behind: what this test uses of it, typed here.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: Window } };

// What search engines and link previews read: canonical URL, Open Graph, Twitter card, JSON-LD, feed discovery.

const fixtures = path.resolve(import.meta.dirname, '../fixtures/posts');
/** A title with what the front matter lets through that means something in HTML, JSON or a script (it refuses < >). */
const AWKWARD = `Quotes "double" & 'single', back\\slash, ]]-- and /script`;
/** A heading a post about HTML may well have; its text reaches the page's hydration data. */
const HEADING_MD = 'Why `</script><meta name="injected">` ends it';
const HEADING = 'Why </script><meta name="injected"> ends it';
let postsDir = '';
let dist = '';
let plain = '';
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');
const head = (dir: string, f: string) => new JSDOM(read(dir, f)).window.document.head;
const content = (h: HTMLHeadElement, selector: string) => h.querySelector(selector)?.getAttribute('content');
const jsonLd = (h: HTMLHeadElement) => [...h.querySelectorAll('script[type="application/ld+json"]')];

beforeAll(async () => {
  postsDir = mkdtempSync(path.join(tmpdir(), 'reader-meta-posts-'));
  cpSync(fixtures, postsDir, { recursive: true });
  writeFileSync(
    path.join(postsDir, 'delta-awkward.md'),
    `---\ntitle: ${JSON.stringify(AWKWARD)}\ndate: 2026-05-05\ntags: [linux]\nsummary: 'Ampersands & "quotes".'\n---\n\nBody.\n`,
  );
  writeFileSync(
    path.join(postsDir, 'epsilon-html.md'),
    `---\ntitle: 'Epsilon'\ndate: 2026-05-06\ntags: [linux]\nsummary: 'S.'\n---\n\n## ${HEADING_MD}\n\nBody.\n`,
  );
  dist = await buildInto({ POSTS_DIR: postsDir, BASE: '/blog/', SITE_URL: 'https://example.org' });
  plain = await buildInto({ POSTS_DIR: fixtures });
});
afterAll(() => {
  for (const d of [postsDir, dist, plain]) rmSync(d, { recursive: true, force: true });
});

describe('meta for sharing and search (SITE_URL https://example.org, base /blog/)', () => {
  const pages = [
    ['index.html', '', 'website'],
    ['tags/linux/index.html', 'tags/linux/', 'website'],
    ['bookmarks/index.html', 'bookmarks/', 'website'],
    ['settings/index.html', 'settings/', 'website'],
    ['posts/alpha-locks/index.html', 'posts/alpha-locks/', 'article'],
  ] as const;

  it.each(pages)('%s: canonical, Open Graph and Twitter card, absolute, and the feed', (file, at, type) => {
    const h = head(dist, file);
    const url = `https://example.org/blog/${at}`;
    expect([...h.querySelectorAll('link[rel="canonical"]')].map((l) => l.getAttribute('href'))).toEqual([url]);
    expect(content(h, 'meta[property="og:url"]')).toBe(url);
    expect(content(h, 'meta[property="og:type"]')).toBe(type);
    expect(content(h, 'meta[property="og:site_name"]')).toBe('Linux Systems');
    const description = content(h, 'meta[name="description"]');
    expect(description).toBeTruthy();
    expect(content(h, 'meta[property="og:description"]')).toBe(description);
    const title = type === 'article' ? 'Alpha: Locks' : h.querySelector('title')!.textContent;
    expect(content(h, 'meta[property="og:title"]')).toBe(title);
    expect(content(h, 'meta[name="twitter:card"]')).toBe('summary');
    expect(content(h, 'meta[name="twitter:title"]')).toBe(title);
    const image = content(h, 'meta[property="og:image"]')!;
    expect(image).toMatch(/^https:\/\/example\.org\/blog\/icons\/[\w-]+\.png$/);
    expect(existsSync(path.join(dist, image.slice('https://example.org/blog/'.length)))).toBe(true);
    const feed = h.querySelector('link[rel="alternate"][type="application/atom+xml"]');
    expect(feed?.getAttribute('href')).toBe('/blog/feed.xml');
    expect(jsonLd(h)).toHaveLength(type === 'article' ? 1 : 0);
  });

  it('describes a post as a JSON-LD BlogPosting', () => {
    const [script] = jsonLd(head(dist, 'posts/beta-packets/index.html'));
    const url = 'https://example.org/blog/posts/beta-packets/';
    expect(JSON.parse(script!.textContent!)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: 'Beta: Packets',
      description: 'Packets arrive.',
      datePublished: '2026-04-10',
      dateModified: '2026-05-01',
      keywords: 'networking',
      url,
      mainEntityOfPage: url,
      image: 'https://example.org/blog/icons/icon-512.png',
      author: { '@type': 'Organization', name: 'Linux Systems', url: 'https://example.org/blog/' },
      publisher: {
        '@type': 'Organization',
        name: 'Linux Systems',
        logo: { '@type': 'ImageObject', url: 'https://example.org/blog/icons/icon-512.png' },
      },
    });
  });

  it('carries an awkward title into JSON-LD exactly, escaped so nothing in it acts as markup', () => {
    const html = read(dist, 'posts/delta-awkward/index.html');
    const scripts = jsonLd(new JSDOM(html).window.document.head);
    expect(scripts).toHaveLength(1);
    expect(JSON.parse(scripts[0]!.textContent!).headline).toBe(AWKWARD);
    const raw = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1];
    expect(raw).toContain('\\u0026');
    expect(raw).not.toMatch(/[<>&]/);
  });

  it('marks "not found" and the neutral shell as no pages to index, with no canonical URL', () => {
    for (const file of ['404.html', 'shell.html']) {
      const h = head(dist, file);
      expect(content(h, 'meta[name="robots"]'), file).toBe('noindex');
      expect(h.querySelector('link[rel="canonical"]'), file).toBeNull();
      expect(h.querySelector('meta[property="og:url"]'), file).toBeNull();
    }
  });
});

describe("a post page's hydration data", () => {
  it('holds any heading text without ending its element or adding markup to the page', () => {
    const doc = new JSDOM(read(dist, 'posts/epsilon-html/index.html')).window.document;
    expect(doc.querySelector('meta[name="injected"]')).toBeNull();
    const data = JSON.parse(doc.getElementById('prerender-data')!.textContent!);
    expect(data.article.toc.map((t: { text: string }) => t.text)).toEqual([HEADING]);
    expect(doc.querySelector('h2')?.textContent).toContain('</script>');
  });
});

describe('robots.txt', () => {
  it('lets crawlers read everything and names the sitemap by its absolute URL', () => {
    expect(read(dist, 'robots.txt')).toBe('User-agent: *\nAllow: /\nSitemap: https://example.org/blog/sitemap.xml\n');
    expect(existsSync(path.join(dist, 'sitemap.xml'))).toBe(true);
  });
});

describe('meta without SITE_URL', () => {
  it('uses the same origin as the feed', () => {
    const h = head(plain, 'posts/alpha-locks/index.html');
    const feedLink = /<link href="([^"]+alpha-locks\/)"\/>/.exec(read(plain, 'feed.xml'))?.[1];
    expect(feedLink).toBe('http://localhost:4173/posts/alpha-locks/');
    expect(h.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(feedLink);
    expect(JSON.parse(jsonLd(h)[0]!.textContent!).url).toBe(feedLink);
  });
});

describe('JSON for a script element', () => {
  const hostile = {
    headline: '</script><script>alert(1)</script><!--<script>',
    other: 'a</SCRIPT >b & c \u2028',
  };
  const parse = (json: string) =>
    new JSDOM(`<head><script type="application/ld+json">${json}</script><meta name="after"></head>`).window.document;

  it('cannot be closed or commented out by what it carries, and reads back the same', () => {
    const doc = parse(scriptJson(hostile));
    const scripts = doc.querySelectorAll('script');
    expect(scripts).toHaveLength(1);
    expect(JSON.parse(scripts[0]!.textContent!)).toEqual(hostile);
    expect(doc.querySelector('meta[name="after"]')).not.toBeNull();
  });

  it('would break out if written as plain JSON (the check above can fail)', () => {
    expect(parse(JSON.stringify(hostile)).querySelectorAll('script').length).toBeGreaterThan(1);
  });
});
