import { deleteDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appStatus } from '../../../src/app/status.ts';
import { closePageDB, pageDB, write } from '../../../src/app/storage.ts';
import { listSaved, saveArticle } from '../../../src/shared/article-store.ts';
import { DB_NAME } from '../../../src/shared/db.ts';
import { addBookmark, listBookmarks } from '../../../src/shared/reader-records.ts';
import { makePost } from '../shared/db-helpers.ts';

afterEach(async () => {
  await closePageDB();
  await deleteDB(DB_NAME);
  appStatus.set({ storage: 'unknown', offline: false });
});

const full = () => new DOMException('full', 'QuotaExceededError');

describe("the reader's own writes on a full disk", () => {
  it('remove a saved article nobody holds, oldest first, and succeed', async () => {
    const db = (await pageDB())!;
    // Each save a second after the one before, so "old" is older by construction, not by timing luck.
    let at = Date.UTC(2026, 0, 1);
    for (const slug of ['kept', 'old', 'new']) {
      vi.spyOn(Date, 'now').mockReturnValue((at += 1000));
      await saveArticle(db, (await makePost(slug)).article, 100);
    }
    vi.restoreAllMocks();
    await addBookmark(db, { slug: 'kept', title: 'Kept', addedAt: 1 });
    let refusals = 1;
    const ok = await write(async (d) => {
      if (refusals-- > 0) throw full();
      await addBookmark(d, { slug: 'new-one', title: 'New', addedAt: 2 });
    });
    expect(ok).toBe(true);
    // "old" was saved first of the two nobody holds.
    expect((await listSaved(db)).map((s) => s.slug).sort()).toEqual(['kept', 'new']);
    expect((await listBookmarks(db)).map((b) => b.slug).sort()).toEqual(['kept', 'new-one']);
    expect(appStatus.get().writeError).toBeUndefined();
  });

  it('never remove the post the write is about, even when it was saved first', async () => {
    const db = (await pageDB())!;
    let at = Date.UTC(2026, 0, 1);
    for (const slug of ['about', 'other']) {
      vi.spyOn(Date, 'now').mockReturnValue((at += 1000));
      await saveArticle(db, (await makePost(slug)).article, 100);
    }
    vi.restoreAllMocks();
    let refusals = 1;
    const ok = await write(async (d) => {
      if (refusals-- > 0) throw full();
      await addBookmark(d, { slug: 'about', title: 'About', addedAt: 1 });
    }, 'about');
    expect(ok).toBe(true);
    expect((await listSaved(db)).map((s) => s.slug)).toEqual(['about']);
    expect((await listBookmarks(db)).map((b) => b.slug)).toEqual(['about']);
  });

  it('never remove a bookmarked article, and say exactly what failed when nothing can go', async () => {
    const db = (await pageDB())!;
    await saveArticle(db, (await makePost('kept')).article, 100);
    await addBookmark(db, { slug: 'kept', title: 'Kept', addedAt: 1 });
    const ok = await write(() => Promise.reject(full()));
    expect(ok).toBe(false);
    expect((await listSaved(db)).map((s) => s.slug)).toEqual(['kept']);
    expect(appStatus.get().writeError).toContain('storage is full');
  });
});
