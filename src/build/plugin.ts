import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig, ViteDevServer } from 'vite';
import { providePrerenderSource } from '../shared/prerender-data.ts';
import { LATEST_FILE } from '../shared/index-files.ts';
import { postPath } from '../shared/routes.ts';
import { type Content, ContentError, loadContent, uncachedPosts } from './content.ts';
import { atomFeed, sitemap } from './feeds.ts';
import { type OwnedFile, pruneStale, writeChanged } from './output-files.ts';
import { pageFile, pageStateFile, readPageState, reusablePages, templateKey, writePageState } from './page-state.ts';
import { shardCache } from './search-index.ts';
import { buildSiteIndex, type SiteIndex } from './site-index.ts';
import {
  growingPages,
  pageInputs,
  type PageTemplate,
  pageTemplate,
  prerenderSourceOf,
  sitemapPaths,
  staticPages,
} from './site-pages.ts';
import { batches, buildPool } from './workers.ts';

const MANIFEST_ID = 'virtual:index-manifest';
const resolved = `\0${MANIFEST_ID}`;

export interface ContentPluginOptions {
  /** Folder of the posts, relative to the project root. */
  postsDir?: string | undefined;
  /** Absolute URL of the deployed site's root, for the feed, the sitemap and the pages' canonical and sharing URLs. */
  siteUrl?: string | undefined;
}

// The site as built by the page's build, for the worker's build that runs after it in the same process: the content
// is loaded and rendered once per build.
let lastManifest: string | undefined;
let lastError: string | undefined;

/**
 * The content pipeline: reads content/posts (each post rendered once, cached by its source), fails the build on any
 * broken post, and writes one payload per post, one chunk per list page, the index manifest, the posts' images,
 * feed.xml, sitemap.xml and robots.txt. The page finds the manifest by `index/latest.json`; the worker's bundle
 * gets its name (`virtual:index-manifest`), as a new worker is how a device learns of a new version. Nothing a bundle
 * holds grows with the blog.
 */
export function contentPlugin(options: ContentPluginOptions = {}): Plugin[] {
  let config: ResolvedConfig;
  let dir = '';
  let content: Content | undefined;
  let site: SiteIndex | undefined;
  // What the plugin writes itself, after the bundle: payloads, chunks, images and the post pages.
  let owned: OwnedFile[] = [];
  // The paths of the pages the last build left in dist/ that need no new render (src/build/page-state.ts).
  let reused = new Set<string>();
  // The page template (Vite's index.html before any page is put in it), and its key in the page state.
  let template: PageTemplate | undefined;
  let templateId = '';
  // RENDER_CACHE_DIR: the scale bench measures cold and warm builds with a cache of its own.
  const cacheDir = () =>
    process.env.RENDER_CACHE_DIR ?? path.join(config.root, 'node_modules/.cache/linux-systems-reader');
  // The absolute root the feed, the sitemap and the pages' canonical and sharing URLs all name.
  const siteUrl = () => new URL(config.base, options.siteUrl ?? 'http://localhost:4173/').href;

  const load = async (drafts: boolean) => {
    const cache = cacheDir();
    const { base } = config;
    // A cold build renders its posts and builds its search shards on every core, into the caches the rest reads.
    const uncached = batches(uncachedPosts(dir, base, cache), POSTS_PER_TASK);
    // One pool of threads for both: each thread costs a second to start.
    const pool = buildPool();
    try {
      await pool.run(
        'render',
        uncached.map((files) => ({ dir, base, cacheDir: cache, files })),
      );
      content = loadContent(dir, {
        drafts,
        base,
        label: path.relative(config.root, dir) || '.',
        fences: false,
        cacheDir: cache,
      });
      // When shards had to be built: from then until the index is whole (its files named, its directory made).
      let searchStart: number | undefined;
      let built = 0;
      site = await buildSiteIndex(content.posts, undefined, shardCache(cache), async (missing) => {
        searchStart = performance.now();
        built = missing.length;
        await pool.run(
          'searchShard',
          missing.map((job) => ({ ...job, cacheDir: cache })),
        );
      });
      if (searchStart !== undefined) {
        // The bench reads this line: what the search index adds to a build.
        const seconds = ((performance.now() - searchStart) / 1000).toFixed(1);
        config.logger.info(`content: search index: ${built} shards built (and the index made) in ${seconds} s`);
      }
    } finally {
      await pool.close();
    }
    lastManifest = site.manifest.fileName;
    reused = new Set();
    template = undefined;
    providePrerenderSource(prerenderSourceOf(site, siteUrl()));
  };

  // The page template, and which pages can stay: after Vite has made index.html, before the prerender plugin renders
  // the home page into it (both are 'post' plugins; this one is listed before the prerenderer in vite.config.ts).
  const pages: Plugin = {
    name: 'linux-systems:content-pages',
    apply: 'build',
    enforce: 'post',
    generateBundle(output, bundle) {
      const html = bundle['index.html'];
      if (!site || !output.dir || html?.type !== 'asset') return;
      template = pageTemplate(html.source.toString());
      templateId = templateKey([Object.keys(bundle).sort(), html.source.toString(), config.base, siteUrl()]);
      const outDir = output.dir;
      const state = readPageState(pageStateFile(cacheDir(), outDir));
      reused = reusablePages(state, templateId, pageInputs(site), outDir);
    },
  };

  const main: Plugin = {
    name: 'linux-systems:content',
    configResolved(c) {
      config = c;
      dir = path.resolve(c.root, options.postsDir ?? 'content/posts');
    },
    async buildStart() {
      // Validating here, before any output exists, means a broken post never leaves a half-written dist/.
      lastManifest = undefined;
      lastError = undefined;
      try {
        await load(config.command === 'serve');
      } catch (e) {
        // The worker's build may still run after this one failed: it reports the same error, not a confusing one.
        lastError = e instanceof Error ? e.message : String(e);
        if (e instanceof ContentError) this.error(e.message);
        throw e;
      }
      if (content) for (const post of content.posts) this.addWatchFile(path.join(dir, path.basename(post.file)));
    },
    resolveId: (id) => (id === MANIFEST_ID ? resolved : undefined),
    load: (id) => (id === resolved && site ? `export default ${JSON.stringify(site.manifest.fileName)};` : undefined),
    generateBundle: {
      // After the prerender plugin, which loads the prerender script (and renders the home page, rendered again here).
      order: 'post',
      async handler(_options, bundle) {
        if (!content || !site || !template) return;
        const emit = (fileName: string, source: string | Uint8Array) =>
          this.emitFile({ type: 'asset', fileName, source });
        for (const page of await staticPages(template)) {
          const asset = bundle[page.fileName];
          if (asset?.type === 'asset') asset.source = page.source;
          else emit(page.fileName, page.source);
        }
        const { manifest } = site;
        const hashed = (fileName: string, source: () => string | Uint8Array) => ({ fileName, source, hashed: true });
        owned = [
          ...[...site.chunks, ...site.search, ...site.terms].map((c) => hashed(c.fileName, () => c.text)),
          hashed(manifest.fileName, () => manifest.text),
          { fileName: LATEST_FILE, source: () => JSON.stringify({ manifest: manifest.fileName }), hashed: false },
          ...content.images.map((i) => hashed(i.fileName, () => i.source)),
          ...[...site.articles.values()].map(({ file }) => hashed(file.fileName, () => file.text)),
          // The pages of the lists and the posts: each rendered as it is written, none held.
          ...growingPages(site, template, reused),
        ];
        emit('feed.xml', atomFeed(site.posts, siteUrl()));
        const lastmod = new Map(site.posts.map((p) => [postPath(p.slug), p.updated ?? p.date]));
        const paths = sitemapPaths(site).map((p) => ({ path: p, lastmod: lastmod.get(p) }));
        emit('sitemap.xml', sitemap(paths, siteUrl()));
        // Crawlers may read everything; the sitemap is where every page is named.
        emit('robots.txt', `User-agent: *\nAllow: /\nSitemap: ${new URL('sitemap.xml', siteUrl()).href}\n`);
      },
    },
    writeBundle: {
      // Whole before any later plugin's writeBundle starts: the pages are written here, one at a time.
      sequential: true,
      async handler(output, bundle) {
        // The build does not empty dist/ (vite.config.ts): a rebuild writes only the files that changed, then removes
        // from the folders that grow with the blog whatever this build did not produce.
        if (!site || !output.dir) return;
        // The record of what the pages were made from goes while dist/ is changed, and comes back when it is whole.
        const stateFile = pageStateFile(cacheDir(), output.dir);
        rmSync(stateFile, { force: true });
        const written = await writeChanged(output.dir, owned);
        const keep = new Set([...owned.map((f) => f.fileName), ...Object.keys(bundle), ...[...reused].map(pageFile)]);
        const removed = pruneStale(output.dir, GROWING_DIRS, keep);
        writePageState(stateFile, {
          template: templateId,
          pages: Object.fromEntries(pageInputs(site).map((p) => [p.path, p.input])),
        });
        config.logger.info(
          `content: ${written} of ${owned.length} files written, ${reused.size} pages unchanged, ${removed} stale removed`,
        );
        owned = [];
      },
    },
    configureServer(server) {
      server.watcher.add(dir);
      const reload = async (file: string) => {
        if (!file.startsWith(dir)) return;
        try {
          await load(true);
        } catch (e) {
          server.config.logger.error(String((e as Error).message));
          server.ws.send({ type: 'error', err: { message: (e as Error).message, stack: '' } });
          return;
        }
        const mod = server.moduleGraph.getModuleById(resolved);
        if (mod) server.moduleGraph.invalidateModule(mod);
        server.ws.send({ type: 'full-reload' });
      };
      for (const event of ['change', 'add', 'unlink']) server.watcher.on(event, (f: string) => void reload(f));
      server.middlewares.use((req, res, next) => serveContent(server, content, site, req.url ?? '', res) || next());
    },
  };
  return [pages, main];
}

/** Posts a render task takes at a time: enough to outweigh a message, few enough to share the work out evenly. */
const POSTS_PER_TASK = 25;

/** The folders of dist/ whose files come and go with the posts, and the hashed bundles. */
const GROWING_DIRS = ['posts', 'articles', 'index', 'content-images', 'tags', 'page', 'assets'];

/** For the service worker's own build: the same manifest name as the page's build, without loading the posts again. */
export function indexManifestPlugin(): Plugin {
  return {
    name: 'linux-systems:index-manifest',
    resolveId: (id) => (id === MANIFEST_ID ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      if (!lastManifest) this.error(lastError ?? 'The page build did not run before the worker build.');
      return `export default ${JSON.stringify(lastManifest)};`;
    },
  };
}

// The dev server answers payloads, chunks and images from memory, at the same URLs the build emits.
function serveContent(
  server: ViteDevServer,
  content: Content | undefined,
  site: SiteIndex | undefined,
  url: string,
  res: import('node:http').ServerResponse,
): boolean {
  const base = server.config.base;
  if (!content || !site || !url.startsWith(base)) return false;
  const rel = url.slice(base.length).split('?')[0] ?? '';
  const text =
    (rel === LATEST_FILE ? JSON.stringify({ manifest: site.manifest.fileName }) : undefined) ??
    [...site.articles.values()].find((a) => a.file.fileName === rel)?.file.text ??
    [...site.chunks, ...site.search, ...site.terms].find((c) => c.fileName === rel)?.text ??
    (site.manifest.fileName === rel ? site.manifest.text : undefined);
  if (text !== undefined) {
    res.setHeader('Content-Type', 'application/json');
    res.end(text);
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
