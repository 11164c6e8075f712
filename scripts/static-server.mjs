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
  const server = createServer(async (req, res) => {
    if (onRequest?.(req, res)) return;
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = await resolveFile(root, base, pathname);
    if (file) return send(res, 200, file);
    const notFound = path.join(root, '404.html');
    return (await isFile(notFound)) ? send(res, 404, notFound) : res.writeHead(404).end('Not found');
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

/** @param {string} root @param {string} base @param {string} pathname */
async function resolveFile(root, base, pathname) {
  if (!pathname.startsWith(base)) return null;
  const rel = pathname.slice(base.length);
  const full = path.resolve(root, rel);
  if (full !== path.resolve(root) && !full.startsWith(path.resolve(root) + path.sep)) return null;
  if (await isFile(full)) return full;
  if (pathname.endsWith('/') && (await isFile(path.join(full, 'index.html')))) return path.join(full, 'index.html');
  return null;
}

/** @param {string} file */
async function isFile(file) {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {string} file */
function send(res, status, file) {
  const type = TYPES[/** @type {keyof typeof TYPES} */ (path.extname(file))] ?? 'application/octet-stream';
  // Hashed assets never change; everything else is revalidated, as a careful static host would do.
  const immutable = /[.-][A-Za-z0-9_-]{8,}\.(js|css|json|svg|png)$/.test(file) && !file.endsWith('sw.js');
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
}
