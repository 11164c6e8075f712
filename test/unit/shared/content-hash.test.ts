import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { articlePayload, contentHash, verifyArticle, verifyIndexFile } from '../../../src/shared/content-hash.ts';

const body = {
  slug: 'epoll',
  title: 'T',
  date: '2026-01-01',
  tags: ['x'],
  summary: 'S',
  minutes: 1,
  html: '<p>x</p>',
  toc: [],
};

describe('the content hash', () => {
  it('is the first 12 hex digits of SHA-256', async () => {
    expect(await contentHash('abc')).toBe(createHash('sha256').update('abc').digest('hex').slice(0, 12));
  });

  it('accepts exactly the payload the build wrote', async () => {
    const { hash, payload } = await articlePayload(body);
    // The text the build writes is the article as JSON, its hash first (the page stores what it parses).
    expect(payload).toBe(JSON.stringify({ hash, ...body }));
    expect(await verifyArticle({ slug: 'epoll', hash }, payload)).toEqual({ hash, ...body });
  });

  it('refuses a payload cut short, altered, of another post, or not an article', async () => {
    const { hash, payload } = await articlePayload(body);
    await expect(verifyArticle({ slug: 'epoll', hash }, payload.slice(0, 40))).rejects.toThrow(/incomplete/);
    const altered = payload.replace('<p>x</p>', '<p>y</p>');
    await expect(verifyArticle({ slug: 'epoll', hash }, altered)).rejects.toThrow(/hash/);
    // The hash field alone proves nothing: the whole body is hashed.
    await expect(
      verifyArticle({ slug: 'epoll', hash }, JSON.stringify({ ...JSON.parse(altered), hash })),
    ).rejects.toThrow(/hash/);
    await expect(verifyArticle({ slug: 'futex', hash }, payload)).rejects.toThrow(/not an article/);
    await expect(verifyArticle({ slug: 'epoll', hash }, '{"slug":"epoll"}')).rejects.toThrow(/not an article/);
  });

  it('checks an index file against the hash in its name', async () => {
    const text = '{"total":1}';
    const name = `index/manifest.${await contentHash(text)}.json`;
    expect(await verifyIndexFile(name, text)).toEqual({ total: 1 });
    await expect(verifyIndexFile(name, '{"total":2}')).rejects.toThrow(/hash/);
    await expect(verifyIndexFile('index/manifest.json', text)).rejects.toThrow(/hash/);
  });
});
