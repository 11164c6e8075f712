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
    expect([...db.objectStoreNames].sort()).toEqual(['articles', 'bookmarks', 'progress', 'reads', 'saved']);
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

/** A reader's database as version 1 of the app left it. */
async function openVersion1() {
  return openDB(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('articles', { keyPath: 'slug' });
      db.createObjectStore('saved', { keyPath: 'slug' });
      db.createObjectStore('reads', { keyPath: 'slug' });
    },
  });
}

describe('upgrades', () => {
  it('upgrades a version 1 database, keeping every saved article and read', async () => {
    const v1 = await openVersion1();
    const { article } = makePost('epoll');
    await v1.put('articles', { ...article, bytes: 10, savedAt: 1 });
    await v1.put('saved', { slug: 'epoll', hash: article.hash, bytes: 10, savedAt: 1 });
    await v1.put('reads', { slug: 'epoll', hash: article.hash, readAt: 2 });
    v1.close();

    const db = await freshDB();
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['articles', 'bookmarks', 'progress', 'reads', 'saved']);
    expect((await getAnyArticle(db, 'epoll'))?.html).toBe(article.html);
    expect(await listSaved(db)).toHaveLength(1);
    expect(await listReads(db)).toHaveLength(1);
    expect(await db.getAll('bookmarks')).toEqual([]);
  });

  it('says "blocked" while an old tab holds version 1 open, and finishes once it lets go', async () => {
    const oldTab = await openVersion1(); // a tab of the old version, frozen: it never answers versionchange
    const onBlocked = vi.fn();
    const upgrading = openReaderDB({ onBlocked });
    await vi.waitFor(() => expect(onBlocked).toHaveBeenCalledOnce());
    oldTab.close();
    const db = await upgrading;
    expect(db.version).toBe(2);
    db.close();
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
