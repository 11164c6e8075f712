import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig, ViteDevServer } from 'vite';
import { postPath, STATIC_PATHS, tagPath } from '../shared/routes.ts';
import { tagCounts } from '../shared/posts.ts';
import { type Content, ContentError, loadContent } from './content.ts';
import { atomFeed, sitemap } from './feeds.ts';

const POSTS_ID = 'virtual:posts';
const REFS_ID = 'virtual:post-refs';
const ARTICLES_ID = 'virtual:articles';
const resolved = (id: string) => `\0${id}`;

export interface ContentPluginOptions {
  /** Folder of the posts, relative to the project root. */
  postsDir?: string | undefined;
  /** Absolute URL of the deployed site's root, for the feed and the sitemap. */
  siteUrl?: string | undefined;
  /** Write payloads, images, feed and sitemap (off for the service worker's own build). */
  emit?: boolean;
}

/**
 * The content pipeline: reads content/posts, fails the build on any broken post, and provides
 * `virtual:posts` (the index, for the app), `virtual:post-refs` (slug, hash and payload of each, for the worker),
 * `virtual:articles` (bodies, for prerendering only),
 * one payload per article at a content-hashed URL, the posts' images, feed.xml and sitemap.xml.
 */
export function contentPlugin(options: ContentPluginOptions = {}): Plugin {
  let config: ResolvedConfig;
  let dir = '';
  let content: Content | undefined;

  const load = (drafts: boolean) =>
    loadContent(dir, { drafts, base: config.base, label: path.relative(config.root, dir) || '.' });

  return {
    name: 'linux-systems:content',
    configResolved(c) {
      config = c;
      options.postsDir ??= 'content/posts';
      dir = path.resolve(c.root, options.postsDir);
    },
    buildStart() {
      // Validating here, before any output exists, means a broken post never leaves a half-written dist/.
      try {
        content = load(config.command === 'serve');
      } catch (e) {
        if (e instanceof ContentError) this.error(e.message);
        throw e;
      }
      for (const post of content.posts) this.addWatchFile(path.join(dir, path.basename(post.file)));
    },
    resolveId(id) {
      return [POSTS_ID, REFS_ID, ARTICLES_ID].includes(id) ? resolved(id) : undefined;
    },
    load(id) {
      if (!content) return undefined;
      if (id === resolved(POSTS_ID)) return `export default ${JSON.stringify(content.posts.map((p) => p.meta))};`;
      if (id === resolved(REFS_ID)) {
        const refs = content.posts.map(({ meta: { slug, hash, article } }) => ({ slug, hash, article }));
        return `export default ${JSON.stringify(refs)};`;
      }
      if (id === resolved(ARTICLES_ID)) {
        const bySlug = Object.fromEntries(content.posts.map((p) => [p.meta.slug, p.article]));
        return `export default ${JSON.stringify(bySlug)};`;
      }
      return undefined;
    },
    generateBundle() {
      if (!content || options.emit === false) return;
      for (const post of content.posts) {
        this.emitFile({ type: 'asset', fileName: post.meta.article, source: post.payload });
      }
      for (const image of content.images) {
        this.emitFile({ type: 'asset', fileName: image.fileName, source: image.source });
      }
      const siteUrl = new URL(config.base, options.siteUrl ?? 'http://localhost:4173/').href;
      const metas = content.posts.map((p) => p.meta);
      this.emitFile({ type: 'asset', fileName: 'feed.xml', source: atomFeed(metas, siteUrl) });
      const paths = [
        { path: STATIC_PATHS.home, lastmod: metas[0]?.date },
        ...[...tagCounts(metas).keys()].map((tag) => ({ path: tagPath(tag) })),
        ...metas.map((p) => ({ path: postPath(p.slug), lastmod: p.updated ?? p.date })),
      ];
      this.emitFile({ type: 'asset', fileName: 'sitemap.xml', source: sitemap(paths, siteUrl) });
    },
    configureServer(server) {
      server.watcher.add(dir);
      const reload = (file: string) => {
        if (!file.startsWith(dir)) return;
        try {
          content = load(true);
        } catch (e) {
          server.config.logger.error(String((e as Error).message));
          server.ws.send({ type: 'error', err: { message: (e as Error).message, stack: '' } });
          return;
        }
        for (const id of [POSTS_ID, REFS_ID, ARTICLES_ID]) {
          const mod = server.moduleGraph.getModuleById(resolved(id));
          if (mod) server.moduleGraph.invalidateModule(mod);
        }
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('change', reload);
      server.watcher.on('add', reload);
      server.watcher.on('unlink', reload);
      server.middlewares.use((req, res, next) => serveContent(server, content, req.url ?? '', res) || next());
    },
  };
}

// The dev server answers article payloads and images from memory, at the same URLs the build emits.
function serveContent(
  server: ViteDevServer,
  content: Content | undefined,
  url: string,
  res: import('node:http').ServerResponse,
): boolean {
  const base = server.config.base;
  if (!content || !url.startsWith(base)) return false;
  const rel = url.slice(base.length).split('?')[0];
  const post = content.posts.find((p) => p.meta.article === rel);
  if (post) {
    res.setHeader('Content-Type', 'application/json');
    res.end(post.payload);
    return true;
  }
  const image = content.images.find((i) => i.fileName === rel);
  if (image) {
    res.setHeader('Content-Type', image.fileName.endsWith('.svg') ? 'image/svg+xml' : 'application/octet-stream');
    res.end(readFileSync(image.file));
    return true;
  }
  return false;
}
