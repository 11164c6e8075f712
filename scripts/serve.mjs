// `npm start`: serve the built reader from dist/ on a plain static host and print its URL.
import { existsSync } from 'node:fs';
import { serveStatic } from './static-server.mjs';

const root = new URL('../dist/', import.meta.url).pathname;
if (!existsSync(`${root}index.html`)) {
  console.error('dist/ has no build: run "npm run build" first (npm start does both).');
  process.exit(1);
}
const base = `/${(process.env.BASE ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
const port = Number(process.env.PORT ?? 4173);
const server = await serveStatic({ root, port, host: process.env.HOST ?? '127.0.0.1', base });
console.log(`The reader is served at ${server.url} (Ctrl+C stops it)`);
