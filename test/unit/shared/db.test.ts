import { deleteDB, openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  articleHash,
  getAnyArticle,
  getArticle,
  listReads,
  listSaved,
  markRead,
  removeArticles,
  saveArticle,
  verifyPayload,
} from '../../../src/shared/article-store.ts';
import { DB_NAME, DB_VERSION, openReaderDB } from '../../../src/shared/db.ts';
import { closeAll, freshDB, makePost } from './db-helpers.ts';

afterEach(closeAll);

describe('the database', () => {
  it('creates every store on a first open', async () => {
    const db = await freshDB();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['articles', 'reads', 'saved']);
  });

  it('tells an open tab to let go when a newer version upgrades, and the newer one waits without hanging', async () => {
    const onVersionChange = vi.fn();
    const old = await openReaderDB({ onVersionChange });
    const newer = openDB(DB_NAME, DB_VERSION + 1);
    await newer.then((db) => db.close());
    expect(onVersionChange).toHaveBeenCalledOnce();
    await deleteDB(DB_NAME);
    old.close();
  });
});

describe('articles', () => {
  it('computes the same content hash as the build', async () => {
    const { article, ref } = makePost('futex');
    expect(await articleHash(article)).toBe(ref.hash);
  });

  it('verifies a whole payload and refuses a truncated, altered or foreign one', async () => {
    const { ref, payload, article } = makePost('epoll');
    expect(await verifyPayload(ref, payload)).toEqual(article);
    await expect(verifyPayload(ref, payload.slice(0, -10))).rejects.toThrow('its body is incomplete');
    await expect(verifyPayload(ref, payload.replace('<p>', '<p>x'))).rejects.toThrow('content hash does not match');
    await expect(verifyPayload(ref, makePost('other').payload)).rejects.toThrow('not an article payload');
    await expect(verifyPayload(ref, '{"slug":"epoll"}')).rejects.toThrow('not an article payload');
  });

  it('saves, lists, reads and removes articles', async () => {
    const db = await freshDB();
    const a = makePost('a');
    const b = makePost('b');
    await saveArticle(db, a.article, 100);
    await saveArticle(db, b.article, 200);
    expect((await listSaved(db)).map(({ slug, bytes }) => ({ slug, bytes }))).toEqual([
      { slug: 'a', bytes: 100 },
      { slug: 'b', bytes: 200 },
    ]);
    expect((await getArticle(db, a.ref))?.html).toBe('<p>a</p>');
    // A stale version is not served as the current one, but is still there for posts that left the index.
    expect(await getArticle(db, { ...a.ref, hash: 'ffffffffffff' })).toBeUndefined();
    expect((await getAnyArticle(db, 'a'))?.hash).toBe(a.ref.hash);
    await removeArticles(db, ['a']);
    expect((await listSaved(db)).map((s) => s.slug)).toEqual(['b']);
  });

  it('remembers which version of a post was read', async () => {
    const db = await freshDB();
    await markRead(db, { slug: 'a', hash: '111111111111' });
    await markRead(db, { slug: 'a', hash: '222222222222' });
    expect((await listReads(db)).map(({ slug, hash }) => ({ slug, hash }))).toEqual([
      { slug: 'a', hash: '222222222222' },
    ]);
  });
});
