import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, openReaderDB } from '../../../src/shared/db.ts';
import { putIndexFile } from '../../../src/shared/index-store.ts';
import { serveSite, SITE } from '../fixtures.ts';

// list-source keeps what it learnt in memory: each test starts from a fresh page.
const freshPage = async () => {
  vi.resetModules();
  return import('../../../src/app/list-source.ts');
};

beforeEach(() => vi.unstubAllGlobals());
afterEach(async () => {
  await (await import('../../../src/app/storage.ts')).closePageDB();
  await deleteDB(DB_NAME);
});

describe('finding the current index manifest', () => {
  it('asks index/latest.json, then reads the manifest and the list it names', async () => {
    const fetchMock = serveSite();
    const { fetchList } = await freshPage();
    const list = await fetchList({ kind: 'home', page: 1 });
    expect(list?.posts.map((p) => p.slug)).toEqual(['epoll', 'futex', 'packets']);
    expect(fetchMock.mock.calls.map(([url]) => String(url)).slice(0, 2)).toEqual([
      '/index/latest.json',
      `/${SITE.manifest.fileName}`,
    ]);
  });

  it('with no network, uses the manifest the device kept at its last sync', async () => {
    const db = await openReaderDB();
    await putIndexFile(db, SITE.manifest.fileName, SITE.manifest.text);
    for (const c of SITE.chunks) await putIndexFile(db, c.fileName, c.text);
    db.close();
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const { fetchList } = await freshPage();
    expect((await fetchList({ kind: 'tag', tag: 'networking', page: 1 }))?.posts.map((p) => p.slug)).toEqual([
      'epoll',
      'packets',
    ]);
  });

  it('does not follow a latest.json that names anything but a manifest', async () => {
    const fetchMock = serveSite((url) =>
      url === '/index/latest.json' ? new Response(JSON.stringify({ manifest: 'articles/../../evil.json' })) : undefined,
    );
    const { fetchList } = await freshPage();
    await expect(fetchList({ kind: 'home', page: 1 })).rejects.toThrow('The index of posts could not be loaded.');
    expect(fetchMock.mock.calls.map(([url]) => String(url))).toEqual(['/index/latest.json']);
  });

  it('tries again after a failure instead of keeping it', async () => {
    let down = true;
    serveSite(() => (down ? new Response('gateway', { status: 502 }) : undefined));
    const { fetchList } = await freshPage();
    await expect(fetchList({ kind: 'home', page: 1 })).rejects.toThrow();
    down = false;
    expect(await fetchList({ kind: 'home', page: 1 })).not.toBeNull();
  });
});
