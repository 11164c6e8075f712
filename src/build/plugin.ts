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
import { type ShardIndex, shardCache, shardHeapMb, shardIndexes } from './search-index.ts';
import {
  buildSiteLists,
  buildSiteSearch,
  indexedPost,
  type SiteIndex,
  type SiteLists,
  type SiteSearch,
} from './site-index.ts';
import {
  growingPages,
  pageInputs,
  type PageTemplate,
  pageTemplate,
  prerenderSourceOf,
  sitemapPaths,
  staticPages,
} from './site-pages.ts';
import { batches, buildPool, type BuildRun } from './workers.ts';

const MANIFEST_ID = 'virtual:index-manifest';
const resolved = `\0${MANIFEST_ID}`;

export interface ContentPluginOptions {
  /** Folder of the posts, relative to the project root. */
  postsDir?: string | undefined;
  /** Absolute URL of the deployed site's root, for the feed, the sitemap and the pages' canonical and sharing URLs. */
  siteUrl?: string | undefined;
  /**
   * false: a search index of no posts. Only for the scale bench, which builds without the index to measure what the
   * index adds to a build; a reader's search finds nothing in such a build.
   */
  searchIndex?: boolean | undefined;
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
  // What the pages are made from; and the search index, made beside them (see load).
  let lists: SiteLists | undefined;
  let search: SearchRun | undefined;
  // The whole site, for the dev server, which waits for its index.
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

  const withIndex = options.searchIndex ?? true;
  const load = async (drafts: boolean) => {
    const cache = cacheDir();
    const { base } = config;
    // A cold build renders its posts and builds its search shards on every core, into the caches the rest reads.
    const uncached = batches(uncachedPosts(dir, base, cache), POSTS_PER_TASK);
    // One pool of threads for both: each thread costs a second to start.
    const pool = buildPool();
    let run: BuildRun | undefined;
    let helping = false;
    let shards = 0;
    let started: number;
    let index: Promise<SiteSearch>;
    let indexes: Promise<ShardIndex[]> | undefined;
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
      started = performance.now();
      // The indexes of the shards the cache lacks are built on one thread from the posts' bodies, started before the
      // payloads and lists are made, as this thread makes them alone; then beside the bundle and the page writes,
      // which keep only one core busy; on two once the pages are written (writeBundle).
      indexes = shardIndexes(withIndex ? content.posts.map(indexedPost) : [], shardCache(cache), (missing) => {
        shards = missing.length;
        run = pool.beside(
          'searchShard',
          missing.map((job) => ({ ...job, cacheDir: cache })),
          { heapMb: shardHeapMb(missing) },
        );
        if (helping) run.help();
        return run.done;
      });
      const made = await buildSiteLists(content.posts);
      lists = made;
      // The shards are named once their indexes are made: each carries its posts' payload hashes.
      index = indexes.then((built) =>
        buildSiteSearch(made, built, { searchCache: shardCache(cache), indexed: withIndex }),
      );
    } catch (e) {
      // The indexes end with their threads: their failure is not the build's error.
      indexes?.catch(() => undefined);
      await pool.close();
      throw e;
    }
    // The thread ends with the index, made or failed (writeBundle reports a failure).
    void index.then(
      () => pool.close(),
      () => pool.close(),
    );
    search = {
      index,
      help: () => {
        helping = true;
        run?.help();
      },
      abort: () => void pool.close(),
      get shards() {
        return shards;
      },
      get lost() {
        return run?.lost;
      },
      started,
    };
    reused = new Set();
    template = undefined;
    providePrerenderSource(prerenderSourceOf(lists, siteUrl()));
    if (drafts) {
      // The dev server has no pages to write first: it waits for the index.
      search.help();
      site = { ...lists, ...(await index) };
      lastManifest = site.manifest.fileName;
    }
  };

  // The page template, and which pages can stay: after Vite has made index.html, before the prerender plugin renders
  // the home page into it (both are 'post' plugins; this one is listed before the prerenderer in vite.config.ts).
  const pages: Plugin = {
    name: 'linux-systems:content-pages',
    apply: 'build',
    enforce: 'post',
    generateBundle(output, bundle) {
      const html = bundle['index.html'];
      if (!lists || !output.dir || html?.type !== 'asset') return;
      template = pageTemplate(html.source.toString());
      templateId = templateKey([Object.keys(bundle).sort(), html.source.toString(), config.base, siteUrl()]);
      const outDir = output.dir;
      const state = readPageState(pageStateFile(cacheDir(), outDir));
      reused = reusablePages(state, templateId, pageInputs(lists), outDir);
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
      lists = undefined;
      search = undefined;
      site = undefined;
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
    buildEnd(error) {
      // A build that failed before its pages were written does not wait for its index.
      if (error) search?.abort();
    },
    resolveId: (id) => (id === MANIFEST_ID ? resolved : undefined),
    // The dev server's; a build's worker gets the name from indexManifestPlugin, once the index is made.
    load: (id) => (id === resolved && site ? `export default ${JSON.stringify(site.manifest.fileName)};` : undefined),
    generateBundle: {
      // After the prerender plugin, which loads the prerender script (and renders the home page, rendered again here).
      order: 'post',
      async handler(_options, bundle) {
        if (!content || !lists || !template) return;
        const emit = (fileName: string, source: string | Uint8Array) =>
          this.emitFile({ type: 'asset', fileName, source });
        for (const page of await staticPages(template)) {
          const asset = bundle[page.fileName];
          if (asset?.type === 'asset') asset.source = page.source;
          else emit(page.fileName, page.source);
        }
        // The search index and the manifest are written after these, in writeBundle, once the index is made.
        owned = [
          ...lists.chunks.map((c) => hashed(c.fileName, () => c.text)),
          ...content.images.map((i) => hashed(i.fileName, () => i.source)),
          ...[...lists.articles.values()].map(({ file }) => hashed(file.fileName, () => file.text)),
          // The pages of the lists and the posts: each rendered as it is written, none held.
          ...growingPages(lists, template, reused),
        ];
        emit('feed.xml', atomFeed(lists.posts, siteUrl()));
        const lastmod = new Map(lists.posts.map((p) => [postPath(p.slug), p.updated ?? p.date]));
        const paths = sitemapPaths(lists).map((p) => ({ path: p, lastmod: lastmod.get(p) }));
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
        if (!lists || !search || !output.dir) return;
        // The record of what the pages were made from goes while dist/ is changed, and comes back when it is whole.
        const stateFile = pageStateFile(cacheDir(), output.dir);
        rmSync(stateFile, { force: true });
        let written = await writeChanged(output.dir, owned);
        // The pages are written: a second thread builds what is left of the search index too. Then the index is written,
        // the manifest after the files it names, and index/latest.json, which names the manifest, last.
        const pagesDone = performance.now();
        search.help();
        let index: SiteSearch;
        try {
          index = await search.index;
        } catch (e) {
          lastError = e instanceof Error ? e.message : String(e);
          throw e;
        }
        if (search.lost)
          config.logger.warn(
            `content: a build thread of the search index was lost (${search.lost.message}); the others built the rest`,
          );
        const { manifest } = index;
        lastManifest = manifest.fileName;
        const indexFiles: OwnedFile[] = [
          ...index.search.map((c) => hashed(c.fileName, c.bytes)),
          ...index.terms.map((c) => hashed(c.fileName, () => c.text)),
          hashed(manifest.fileName, () => manifest.text),
          { fileName: LATEST_FILE, source: () => JSON.stringify({ manifest: manifest.fileName }), hashed: false },
        ];
        written += await writeChanged(output.dir, indexFiles);
        if (search.shards > 0) {
          // The bench reads this line: how long the index took, and how long the build waited for it after the pages
          // (what the index adds to a build it measures against a build without it).
          const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
          config.logger.info(
            `content: search index: ${search.shards} shards built in ${seconds(search.started)} s beside the pages; ` +
              `the build waited ${seconds(pagesDone)} s for it after them`,
          );
        }
        const files = [...owned, ...indexFiles];
        const keep = new Set([...files.map((f) => f.fileName), ...Object.keys(bundle), ...[...reused].map(pageFile)]);
        const removed = pruneStale(output.dir, GROWING_DIRS, keep);
        writePageState(stateFile, {
          template: templateId,
          pages: Object.fromEntries(pageInputs(lists).map((p) => [p.path, p.input])),
        });
        config.logger.info(
          `content: ${written} of ${files.length} files written, ${reused.size} pages unchanged, ${removed} stale removed`,
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

/** The search index being made beside the pages (see load). */
interface SearchRun {
  /** Settles when the index is made (its shards built, its files named, its directory made). */
  index: Promise<SiteSearch>;
  /** This thread is free: the index is built on a second thread too. */
  help(): void;
  /** The build failed: the index's thread ends. */
  abort(): void;
  /** Shards the cache lacked. */
  readonly shards: number;
  /** Why a thread of the index was lost, if one was (see BuildRun.lost). */
  readonly lost: Error | undefined;
  started: number;
}

const hashed = (fileName: string, source: () => string | Uint8Array): OwnedFile => ({ fileName, source, hashed: true });

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
