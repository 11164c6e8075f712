import { afterEach, describe, expect, it } from 'vitest';
import { getArticle, listSaved, saveArticle } from '../../../src/shared/article-store.ts';
import { syncArticles, type SyncProgress } from '../../../src/shared/article-sync.ts';
import { closeAll, freshDB, makePost } from './db-helpers.ts';

afterEach(closeAll);

/** A fake network serving payloads by name; `cut` sends the first half of a body, then drops the connection. */
function network(payloads: Record<string, string>, behave: Record<string, 'cut' | 'down' | 404> = {}) {
  const requested: string[] = [];
  const fetchPayload = async (name: string): Promise<Response> => {
    requested.push(name);
    const how = behave[name];
    if (how === 'down') throw new TypeError('Failed to fetch');
    if (how === 404) return new Response('missing', { status: 404 });
    const body = payloads[name] ?? '';
    if (how === 'cut') {
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(body.slice(0, body.length / 2)));
          controller.error(new TypeError('network error'));
        },
      });
      return new Response(stream);
    }
    return new Response(body);
  };
  return { fetchPayload, requested };
}

const blog = ['a', 'b', 'c', 'd', 'e'].map((slug) => makePost(slug));
const payloads = Object.fromEntries(blog.map((p) => [p.ref.article, p.payload]));
const refs = blog.map((p) => p.ref);

describe('saving every post', () => {
  it('saves every post, a few at a time, reporting progress to the end', async () => {
    const db = await freshDB();
    const seen: SyncProgress[] = [];
    const result = await syncArticles(db, refs, {
      ...network(payloads),
      concurrency: 2,
      onProgress: (p) => seen.push(p),
    });
    expect(result).toEqual({ total: 5, saved: 5, failed: [], quotaExceeded: false, done: true });
    expect(seen.map((p) => p.saved)).toEqual([0, 1, 2, 3, 4, 5, 5]);
    expect((await listSaved(db)).map((s) => s.slug)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect((await getArticle(db, refs[0]!))?.bytes).toBe(new TextEncoder().encode(blog[0]!.payload).byteLength);
  });

  it('skips posts already saved at the same hash', async () => {
    const db = await freshDB();
    await syncArticles(db, refs, network(payloads));
    const again = network(payloads);
    const result = await syncArticles(db, refs, again);
    expect(again.requested).toEqual([]);
    expect(result.saved).toBe(5);
  });

  it('stores nothing of an article whose connection drops halfway, and saves it on a later try', async () => {
    const db = await freshDB();
    const cut = network(payloads, { [refs[2]!.article]: 'cut' });
    const first = await syncArticles(db, refs, cut);
    expect(first.failed).toEqual(['c']);
    expect(await getArticle(db, refs[2]!)).toBeUndefined();
    expect((await listSaved(db)).map((s) => s.slug)).toEqual(['a', 'b', 'd', 'e']);

    const second = await syncArticles(db, refs, network(payloads));
    expect(second).toMatchObject({ saved: 5, failed: [] });
    expect((await getArticle(db, refs[2]!))?.html).toBe('<p>c</p>');
  });

  it('reports posts the network could not deliver, and keeps going', async () => {
    const db = await freshDB();
    const result = await syncArticles(
      db,
      refs,
      network(payloads, { [refs[0]!.article]: 'down', [refs[1]!.article]: 404 }),
    );
    expect(result.failed.sort()).toEqual(['a', 'b']);
    expect(result.saved).toBe(3);
  });

  it('replaces a changed post and drops posts that left the index, unless kept', async () => {
    const db = await freshDB();
    await syncArticles(db, refs, network(payloads));
    const changed = makePost('a', '<p>a, revised</p>');
    const next = [changed.ref, ...refs.slice(1, 3)]; // d and e left the blog
    const result = await syncArticles(db, next, {
      ...network({ ...payloads, [changed.ref.article]: changed.payload }),
      keep: new Set(['e']),
    });
    expect(result).toMatchObject({ total: 3, saved: 3, failed: [] });
    expect((await getArticle(db, changed.ref))?.html).toBe('<p>a, revised</p>');
    expect((await listSaved(db)).map((s) => s.slug)).toEqual(['a', 'b', 'c', 'e']);
  });

  it('stops when the disk is full, keeps what was saved, and says so', async () => {
    const db = await freshDB();
    await saveArticle(db, blog[0]!.article, 10);
    let writes = 0;
    const transaction = db.transaction.bind(db);
    // The browser refuses the second new write with a QuotaExceededError.
    db.transaction = ((...args: Parameters<typeof transaction>) => {
      if (args[1] === 'readwrite' && ++writes >= 2) throw new DOMException('full', 'QuotaExceededError');
      return transaction(...args);
    }) as typeof db.transaction;
    const result = await syncArticles(db, refs, { ...network(payloads), concurrency: 1 });
    expect(result.quotaExceeded).toBe(true);
    expect(result.saved).toBe(2);
    expect(result.failed).toEqual(['c', 'd', 'e']);
    expect((await listSaved(db)).map((s) => s.slug)).toEqual(['a', 'b']);
  });
});
