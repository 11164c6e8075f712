import { deleteDB, openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  getAnyArticle,
  getArticle,
  listReads,
  listSaved,
  markRead,
  removeArticles,
  saveArticle,
} from '../../../src/shared/article-store.ts';
import { DB_NAME, DB_VERSION, openReaderDB } from '../../../src/shared/db.ts';
import { closeAll, freshDB, makePost } from './db-helpers.ts';

afterEach(closeAll);

const STORES = ['articles', 'bookmarks', 'index', 'progress', 'reads', 'saved', 'settings'];

describe('the database', () => {
  it('creates every store on a first open', async () => {
    const db = await freshDB();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(STORES);
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
  it('upgrades a version 1 database through every version, keeping every saved article and read', async () => {
    const v1 = await openVersion1();
    const { article } = await makePost('epoll');
    await v1.put('articles', { ...article, bytes: 10, savedAt: 1 });
    await v1.put('saved', { slug: 'epoll', hash: article.hash, bytes: 10, savedAt: 1 });
    await v1.put('reads', { slug: 'epoll', hash: article.hash, readAt: 2 });
    v1.close();

    const db = await freshDB();
    expect(db.version).toBe(3);
    expect([...db.objectStoreNames].sort()).toEqual(STORES);
    expect((await getAnyArticle(db, 'epoll'))?.html).toBe(article.html);
    expect(await listSaved(db)).toHaveLength(1);
    expect(await listReads(db)).toHaveLength(1);
    expect(await db.getAll('bookmarks')).toEqual([]);
    expect(await db.getAll('index')).toEqual([]);
  });

  it('upgrades a version 2 database, keeping bookmarks and positions', async () => {
    const v2 = await openDB(DB_NAME, 2, {
      upgrade(db) {
        for (const name of ['articles', 'saved', 'reads', 'progress']) db.createObjectStore(name, { keyPath: 'slug' });
        db.createObjectStore('bookmarks', { keyPath: 'slug' }).createIndex('by-added', 'addedAt');
      },
    });
    await v2.put('bookmarks', { slug: 'epoll', title: 'Epoll', addedAt: 1 });
    await v2.put('progress', { slug: 'epoll', block: 3, offset: 0, fraction: 0.4, finished: false, updatedAt: 1 });
    // An article as version 2 stored it: a body without the metadata later payloads carry.
    await v2.put('articles', {
      slug: 'gone',
      hash: '0123456789ab',
      html: '<p>kept</p>',
      toc: [],
      bytes: 5,
      savedAt: 1,
    });
    v2.close();
    const db = await freshDB();
    expect([...db.objectStoreNames].sort()).toEqual(STORES);
    expect(await db.getAll('bookmarks')).toHaveLength(1);
    expect((await db.get('progress', 'epoll'))?.block).toBe(3);
    expect((await getAnyArticle(db, 'gone'))?.html).toBe('<p>kept</p>');
  });

  it('says "blocked" while an old tab holds version 1 open, and finishes once it lets go', async () => {
    const oldTab = await openVersion1(); // a tab of the old version, frozen: it never answers versionchange
    const onBlocked = vi.fn();
    const upgrading = openReaderDB({ onBlocked });
    await vi.waitFor(() => expect(onBlocked).toHaveBeenCalledOnce());
    oldTab.close();
    const db = await upgrading;
    expect(db.version).toBe(3);
    db.close();
  });
});

describe('articles', () => {
  it('saves, lists, reads and removes articles', async () => {
    const db = await freshDB();
    const a = await makePost('a');
    const b = await makePost('b');
    await saveArticle(db, a.article, 100);
    await saveArticle(db, b.article, 200);
    expect((await listSaved(db)).map(({ slug, bytes }) => ({ slug, bytes }))).toEqual([
      { slug: 'a', bytes: 100 },
      { slug: 'b', bytes: 200 },
    ]);
    expect((await getArticle(db, a.meta))?.html).toBe('<p>a</p>');
    // A stale version is not served as the current one, but is still there for posts that left the index.
    expect(await getArticle(db, { ...a.meta, hash: 'ffffffffffff' })).toBeUndefined();
    expect((await getAnyArticle(db, 'a'))?.hash).toBe(a.meta.hash);
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
