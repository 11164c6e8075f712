import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { contentPlugin } from './src/build/plugin.ts';

/** `BASE=/blog/` hosts the reader under a sub-path; always with a leading and trailing slash. */
const base = `/${(process.env.BASE ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

// The page's Content-Security-Policy: nothing but our own files, no inline script or style, no plugins, no framing
// of forms. Only in the build: the dev server injects inline scripts for hot reloading.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'linux-systems:csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  base,
  plugins: [
    // POSTS_DIR lets the tests build other content; authors never need it.
    contentPlugin({ siteUrl: process.env.SITE_URL, postsDir: process.env.POSTS_DIR }),
    preact({
      prerender: {
        enabled: true,
        renderTarget: '#app',
        prerenderScript: resolve(import.meta.dirname, 'src/app/prerender.tsx'),
        additionalPrerenderRoutes: ['/404.html'],
      },
    }),
    contentSecurityPolicy(),
  ],
  build: { target: 'es2022' },
});
