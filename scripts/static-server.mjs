// A plain static host, like GitHub Pages or a CDN: `/x/` serves `x/index.html`, a file is served as itself, and
// anything else gets `404.html` with status 404. No rewrites and no single-page fallback, so the reader is tested
// the way it is deployed.
import { createReadStream, promises as fs } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serve `root` under `base` (default `/`) on `port` (0: any free port).
 * @param {{ root: string, port?: number, host?: string, base?: string,
 *   onRequest?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean }} options
 *   `onRequest` may answer a request itself (return true), for tests that need a misbehaving server.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function serveStatic({ root, port = 0, host = '127.0.0.1', base = '/', onRequest }) {
  const server = createServer((req, res) => {
    if (onRequest?.(req, res)) return;
    // Whatever goes wrong with one request ends that request, never the server.
    answer(root, base, req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else res.writeHead(500, SECURITY).end('Server error');
    });
  });
  // Keep-alive sockets would hold close() open until they time out.
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(port, host, () => ok(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://${host}:${address.port}${base}`,
    port: address.port,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        for (const s of sockets) s.destroy();
      }),
  };
}

/**
 * @param {string} root @param {string} base
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
 */
async function answer(root, base, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return res.writeHead(405, { ...SECURITY, Allow: 'GET, HEAD' }).end();
  }
  let pathname;
  try {
    // Any web page can send a malformed escape (`<img src="/%">`): it is the client's error, not the server's end.
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    return res.writeHead(400, SECURITY).end('Bad request');
  }
  const file = await resolveFile(root, base, pathname);
  if (file) return send(req, res, 200, file);
  // A folder asked for without its slash (`/blog` for `/blog/`) is redirected, as static hosts do.
  if (!pathname.endsWith('/') && (await resolveFile(root, base, `${pathname}/`))) {
    return res.writeHead(301, { ...SECURITY, Location: `${encodeURI(pathname)}/` }).end();
  }
  const notFound = path.join(root, '404.html');
  return (await isFile(notFound)) ? send(req, res, 404, notFound) : res.writeHead(404, SECURITY).end('Not found');
}

// Sent with every answer. `frame-ancestors` cannot be set from a <meta> CSP, so the host must send it.
const SECURITY = { 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "frame-ancestors 'none'" };

/** @param {string} root @param {string} base @param {string} pathname */
async function resolveFile(root, base, pathname) {
  if (!pathname.startsWith(base) || pathname.includes('\0')) return null;
  const rel = pathname.slice(base.length);
  const full = path.resolve(root, rel);
  for (const candidate of pathname.endsWith('/') ? [full, path.join(full, 'index.html')] : [full]) {
    if ((await isFile(candidate)) && (await isInside(root, candidate))) return candidate;
  }
  return null;
}

/**
 * Whether a file really lies inside the root, symbolic links resolved: a link out of the folder is not served.
 * @param {string} root @param {string} file
 */
async function isInside(root, file) {
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    return realFile.startsWith(realRoot + path.sep);
  } catch {
    return false;
  }
}

/** @param {string} file */
async function isFile(file) {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Names that carry a content hash: Vite's (`index-CpC8So39.js`) and the content pipeline's (`x.0123456789ab.json`). */
const HASHED = /(-[A-Za-z0-9_-]{8}\.(js|css)|\.[0-9a-f]{12}\.(json|svg|png|jpe?g|gif|webp|avif))$/;

/**
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
 * @param {number} status @param {string} file
 */
async function send(req, res, status, file) {
  const type = TYPES[/** @type {keyof typeof TYPES} */ (path.extname(file))] ?? 'application/octet-stream';
  const stat = await fs.stat(file);
  // Hashed files never change; everything else is revalidated with validators, as a careful static host would do.
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers = {
    ...SECURITY,
    'Content-Type': type,
    'Cache-Control': HASHED.test(path.basename(file)) ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: etag,
    'Last-Modified': stat.mtime.toUTCString(),
  };
  if (status === 200 && req.headers['if-none-match'] === etag) return res.writeHead(304, headers).end();
  res.writeHead(status, { ...headers, 'Content-Length': stat.size });
  if (req.method === 'HEAD') return res.end();
  // A file that vanishes or fails mid-read ends this answer, never the server.
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
