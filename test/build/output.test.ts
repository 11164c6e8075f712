import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitArticle } from '../../src/app/article-parts.ts';
import { PROBE_FILE } from '../../src/app/network.ts';
import { buildInto } from './build-helper.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
let dist = '';
const read = (f: string) => readFileSync(path.join(dist, f), 'utf8');

describe('the build output (fixture posts, base /blog/)', () => {
  beforeAll(async () => {
    dist = await buildInto({
      POSTS_DIR: path.join(fixtures, 'posts'),
      BASE: '/blog/',
      SITE_URL: 'https://example.org',
    });
  });

  it('prerenders every route as a file, so any static host serves it', () => {
    for (const f of [
      'index.html',
      '404.html',
      'tags/linux/index.html',
      'tags/threading/index.html',
      'tags/networking/index.html',
      'posts/alpha-locks/index.html',
      'posts/beta-packets/index.html',
    ]) {
      expect(existsSync(path.join(dist, f)), f).toBe(true);
    }
    expect(existsSync(path.join(dist, 'posts/gamma-draft/index.html'))).toBe(false);
  });

  it('puts the whole article, its heading and its contents in the post page', () => {
    const html = read('posts/alpha-locks/index.html');
    expect(html).toContain('<title>Alpha: Locks · Linux Systems</title>');
    expect(html).toMatch(/<h1 id="post-title"[^>]*>Alpha: Locks<\/h1>/);
    expect(html).toContain('<nav class="toc" aria-labelledby="toc-title">');
    expect(html).toContain('<span class="hljs-keyword">return</span>');
    expect(html).toContain('href="/blog/tags/threading/"');
    expect(html).toContain('<meta name="description" content="A post about locks — with an em dash, for the list.">');
  });

  it("puts each payload's body in its page verbatim, every part of it, and no marker", () => {
    for (const file of readdirSync(path.join(dist, 'articles'))) {
      const { slug, html } = JSON.parse(read(`articles/${file}`)) as { slug: string; html: string };
      const page = read(`posts/${slug}/index.html`);
      for (const part of splitArticle(html).filter((p) => p !== ''))
        expect(page, slug).toContain(`<div class="prose">${part}</div>`);
      expect(page).not.toContain('<!--article-part');
    }
  });

  it('emits one payload per post at its content-hashed URL, and the images', () => {
    const articles = readdirSync(path.join(dist, 'articles')).sort();
    expect(articles).toHaveLength(2);
    for (const name of articles) {
      const payload = JSON.parse(read(`articles/${name}`));
      expect(name).toBe(`${payload.slug}.${payload.hash}.json`);
    }
    const [image] = readdirSync(path.join(dist, 'content-images'));
    expect(read('posts/alpha-locks/index.html')).toContain(`src="/blog/content-images/${image}"`);
  });

  it('ships no highlighter, no Markdown parser and no article bodies to the page', () => {
    const html = read('index.html');
    const scripts = [...html.matchAll(/(?:src|href)="\/blog\/(assets\/[^"]+\.js)"/g)].map((m) => read(m[1]!));
    expect(scripts.length).toBeGreaterThan(0);
    for (const js of scripts) {
      expect(js).not.toContain('hljs');
      expect(js).not.toContain('markdown-it');
      expect(js).not.toContain('Why locks');
    }
  });

  it('allows exactly the inline script and style of each page by their hashes, and nothing else inline', () => {
    const pages = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    expect(pages).toEqual(
      expect.arrayContaining(['index.html', '404.html', 'shell.html', 'posts/alpha-locks/index.html']),
    );
    for (const f of pages) {
      const html = read(f);
      const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)];
      expect(metas, f).toHaveLength(1);
      const policy = new Map(
        metas[0]![1]!
          .replaceAll('&#39;', "'")
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...sources]) => [name!, sources] as const),
      );
      expect(policy.get('default-src'), f).toEqual(["'self'"]);
      expect(policy.get('object-src'), f).toEqual(["'none'"]);
      for (const sources of policy.values()) expect(sources, f).not.toContain("'unsafe-inline'");
      const hashes = (directive: string) => {
        const sources = policy.get(directive) ?? [];
        expect(
          sources.filter((s) => !s.startsWith("'sha256-")),
          `${f}: ${directive}`,
        ).toEqual(["'self'"]);
        return sources.filter((s) => s.startsWith("'sha256-")).sort();
      };

      // What the browser executes from the page itself: every <script> without src, but data blocks (the page's data
      // for hydration, a post's JSON-LD), which CSP does not govern; every <style>.
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
        .filter(([, attrs]) => !/\ssrc=/.test(attrs!) && !/\stype="application\/(ld\+)?json"/.test(attrs!))
        .map(([, , text]) => text!);
      const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map(([, text]) => text!);
      const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
      // The theme script and the styles are inline in every page, so it paints from its HTML alone.
      expect([scripts.length, styles.length], f).toEqual([1, 1]);
      expect(hashes('script-src'), f).toEqual([...new Set(scripts.map(sha))].sort());
      expect(hashes('style-src'), f).toEqual([...new Set(styles.map(sha))].sort());
      // A <meta> policy governs only what follows it.
      expect(html.indexOf('http-equiv="Content-Security-Policy"'), f).toBeLessThan(html.search(/<style|<script/));
      // No stylesheet to wait for, and nothing a hash cannot allow: style attributes, event handlers.
      expect(html, f).not.toMatch(/<link[^>]*rel="stylesheet"/);
      expect(html, f).not.toMatch(/<[a-z][^>]*\s(style|on[a-z]+)=/);

      const data = /<script type="application\/json" id="prerender-data">([^<]*)<\/script>/.exec(html)?.[1];
      if (data !== undefined) expect(() => JSON.parse(data), f).not.toThrow();
    }
    // The inlined stylesheet is neither written nor precached.
    expect(readdirSync(path.join(dist, 'assets')).filter((a) => a.endsWith('.css'))).toEqual([]);
    expect(read('sw.js')).not.toMatch(/\.css"/);
  });

  it("loads the page's modules at low priority, so they do not compete with the first paint", () => {
    for (const f of ['index.html', 'posts/alpha-locks/index.html', 'shell.html']) {
      const modules = read(f).match(/<(link rel="modulepreload"|script type="module")[^>]*>/g) ?? [];
      expect(modules.length, f).toBeGreaterThan(1);
      for (const tag of modules) expect(tag, f).toContain(' fetchpriority="low"');
    }
  });

  it('emits the index as content-hashed chunks, and only the shell to precache', () => {
    const index = readdirSync(path.join(dist, 'index')).sort();
    expect(index.filter((f) => f.startsWith('manifest.'))).toHaveLength(1);
    expect(index.filter((f) => f.startsWith('home-'))).toHaveLength(1);
    expect(index.filter((f) => f.startsWith('tag-'))).toHaveLength(3);
    const sw = read('sw.js');
    for (const shell of ['index.html', '404.html', 'shell.html', 'settings/index.html'])
      expect(sw).toContain(`"${shell}"`);
    for (const grows of ['posts/', 'tags/', 'articles/']) expect(sw).not.toContain(`"url":"${grows}`);
    // The file the page asks to learn whether the network answers is written, and never answered by the worker.
    expect(existsSync(path.join(dist, PROBE_FILE))).toBe(true);
    expect(sw).not.toContain(`"${PROBE_FILE}"`);
    // Of the index, only the one small file of a fixed name, which names the current manifest.
    expect(sw.match(/"url":"index\/[^"]*"/g)).toEqual(['"url":"index/latest.json"']);
    const manifest = index.find((f) => f.startsWith('manifest.'));
    expect(JSON.parse(read('index/latest.json'))).toEqual({ manifest: `index/${manifest}` });
    // The neutral shell says nothing wrong before the app renders the route it stands in for.
    expect(read('shell.html')).not.toContain('Not found');
    expect(read('shell.html')).toContain('<main id="main" data-path></main>');
  });

  it('writes a "not found" page, an Atom feed and a sitemap with absolute URLs', () => {
    expect(read('404.html')).toContain('Not found');
    const feed = read('feed.xml');
    expect(feed).toContain('<link href="https://example.org/blog/posts/beta-packets/"/>');
    expect(feed.match(/<entry>/g)).toHaveLength(2);
    const sitemap = read('sitemap.xml');
    expect(sitemap).toContain('<loc>https://example.org/blog/tags/networking/</loc>');
    expect(sitemap).toContain('<loc>https://example.org/blog/posts/alpha-locks/</loc><lastmod>2026-03-02</lastmod>');
  });
});

describe('a build with a broken post', () => {
  it('fails naming every file and field, and leaves the previous output untouched', async () => {
    const outDir = await buildInto({ POSTS_DIR: path.join(fixtures, 'posts') });
    const before = readdirSync(outDir, { recursive: true }).sort();
    const home = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const failed = buildInto({ POSTS_DIR: path.join(fixtures, 'broken') }, outDir);
    await expect(failed).rejects.toThrow('test/fixtures/broken/bad-date.md: date: 2026-13-45 is not a real date');
    await expect(failed).rejects.toThrow(
      'test/fixtures/broken/unclosed.md: front matter: the front matter is not closed',
    );
    expect(readdirSync(outDir, { recursive: true }).sort()).toEqual(before);
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe(home);
  });
});
