import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { iconsPlugin, ICONS } from './src/build/icons.ts';
import { firstPaintHead } from './src/build/inline-head.ts';
import { contentPlugin, indexManifestPlugin } from './src/build/plugin.ts';
import { SITE } from './src/shared/site.ts';

/** `BASE=/blog/` hosts the reader under a sub-path; always with a leading and trailing slash. */
const base = `/${(process.env.BASE ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

// The page's Content-Security-Policy: nothing but our own files, no plugins, forms submitting only to our own pages
// (the header's search is a GET form to /search/, for when the page's script is not running), and no inline script or
// style but the two the first paint needs, which firstPaintHead allows by their hashes. Only in the build:
// the dev server injects inline scripts for hot reloading.
const CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

export default defineConfig({
  base,
  plugins: [
    // POSTS_DIR lets the tests build other content; authors never need it.
    contentPlugin({
      siteUrl: process.env.SITE_URL,
      postsDir: process.env.POSTS_DIR,
      // SEARCH_INDEX=off: the scale bench's build without the search index (what the index adds to a build).
      searchIndex: process.env.SEARCH_INDEX !== 'off',
    }),
    preact({
      prerender: {
        enabled: true,
        renderTarget: '#app',
        // The plugin bundles and loads the script; the content plugin renders every page with it
        // (src/build/site-pages.ts), writing each as it is made.
        prerenderScript: resolve(import.meta.dirname, 'src/app/prerender.tsx'),
      },
    }),
    firstPaintHead({ themeScript: resolve(import.meta.dirname, 'src/app/theme.js'), policy: CSP }),
    iconsPlugin(resolve(import.meta.dirname, 'assets/icon.svg')),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false, // src/app/sw-bridge.ts registers it, after the page has painted
      manifest: {
        id: base,
        name: SITE.title,
        short_name: 'Linux Sys',
        description: SITE.description,
        lang: SITE.lang,
        start_url: base,
        scope: base,
        display: 'standalone',
        theme_color: '#15171a',
        background_color: '#15171a',
        icons: ICONS.filter((i) => !i.file.includes('apple')).map((i) => ({
          src: `${base}${i.file}`,
          sizes: `${i.size}x${i.size}`,
          type: 'image/png',
          purpose: i.maskable ? 'maskable' : 'any',
        })),
        shortcuts: [{ name: 'Bookmarks', short_name: 'Bookmarks', url: `${base}bookmarks/` }],
      },
      // The icons are made by iconsPlugin at build time, not found in public/.
      includeManifestIcons: false,
      injectManifest: {
        // Only the shell is precached, the same size at ten posts or ten thousand: posts, list pages past the first,
        // payloads and the index are kept in IndexedDB by the worker's sync, and the shell renders them.
        globPatterns: [
          // Only pages at the root: the build does not empty dist/, and an old root script must never be precached.
          '*.html',
          'settings/*.html',
          // The name of the current index manifest, which the page asks for (src/app/list-source.ts).
          'index/latest.json',
          'bookmarks/*.html',
          'search/*.html',
          'assets/*.{js,css}',
          'icon.svg',
          'icons/*.png',
        ],
        globIgnores: ['assets/prerender-*.js', 'sw.js'],
        sourcemap: false,
        // The worker learns the index manifest's name from the page's build, which ran first.
        buildPlugins: { vite: [indexManifestPlugin()] },
      },
    }),
  ],
  build: {
    target: 'es2022',
    // dist/ is not emptied: at 10,000 posts that alone was seconds of every rebuild. The content plugin writes only
    // the files that changed and removes what a build no longer produces (src/build/output-files.ts).
    emptyOutDir: false,
    // Every browser the reader supports preloads modules natively (Chrome 66, Firefox 115, Safari 17); elsewhere a
    // module is fetched when imported, no later than without the hint. The polyfill was 400 B of every first visit.
    modulePreload: { polyfill: false },
  },
  // workbox-window's package entry is its ES5 build; the ES2015+ one is half the size.
  resolve: { alias: { 'workbox-window': 'workbox-window/build/workbox-window.prod.mjs' } },
});
