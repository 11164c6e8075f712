import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/static-server.mjs';

// The static host `npm start` and the browser tests use: it must answer hostile requests and keep serving.
let root = '';
let outside = '';
let server: Awaited<ReturnType<typeof serveStatic>>;

/** A raw request, so that malformed paths reach the server exactly as sent. */
function send(method: string, target: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path: target, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'static-root-'));
  outside = mkdtempSync(path.join(tmpdir(), 'static-outside-'));
  writeFileSync(path.join(outside, 'secret.txt'), 'secret');
  writeFileSync(path.join(root, 'index.html'), '<p>home</p>');
  writeFileSync(path.join(root, '404.html'), '<p>not found</p>');
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'assets', 'index-CpC8So39.js'), 'x');
  writeFileSync(path.join(root, 'apple-touch-icon.png'), 'png');
  symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
  symlinkSync(outside, path.join(root, 'linked-dir'));
  server = await serveStatic({ root });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('the static server', () => {
  it('answers a malformed escape with 400 and keeps serving', async () => {
    for (const target of ['/%', '/%E0%A4%A', '/posts/%zz/'])
      expect((await send('GET', target)).status, target).toBe(400);
    expect((await send('GET', '/')).body).toBe('<p>home</p>');
  });

  it('serves nothing through a symbolic link out of its folder', async () => {
    for (const target of ['/link.txt', '/linked-dir/secret.txt']) {
      const res = await send('GET', target);
      expect(res.status, target).toBe(404);
      expect(res.body).not.toContain('secret');
    }
    expect((await send('GET', '/../' + path.basename(outside) + '/secret.txt')).status).toBe(404);
  });

  it('redirects a folder asked for without its slash', async () => {
    mkdirSync(path.join(root, 'blog'), { recursive: true });
    writeFileSync(path.join(root, 'blog', 'index.html'), '<p>blog</p>');
    const res = await send('GET', '/blog');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/blog/');
    expect((await send('GET', '/nothing')).status).toBe(404);
  });

  it('answers only GET and HEAD', async () => {
    const post = await send('POST', '/');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const head = await send('HEAD', '/');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('forbids framing and sniffing, and revalidates HTML with validators', async () => {
    const res = await send('GET', '/');
    expect(res.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-cache');
    const again = await send('GET', '/', { 'If-None-Match': String(res.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it('marks only content-hashed names immutable', async () => {
    expect((await send('GET', '/assets/index-CpC8So39.js')).headers['cache-control']).toContain('immutable');
    expect((await send('GET', '/apple-touch-icon.png')).headers['cache-control']).toBe('no-cache');
  });
});
