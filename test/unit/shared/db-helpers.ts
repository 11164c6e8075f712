import { deleteDB } from 'idb';
import { articlePayload } from '../../../src/shared/content-hash.ts';
import { DB_NAME, openReaderDB, type ReaderDatabase } from '../../../src/shared/db.ts';
import type { Article, PostMeta } from '../../../src/shared/types.ts';

/** A post, its payload and its index entry, hashed exactly as the build hashes them. */
export async function makePost(
  slug: string,
  { html = `<p>${slug}</p>`, tags = ['linux'], date = '2026-01-01' } = {},
): Promise<{ meta: PostMeta; payload: string; article: Article }> {
  const body = { slug, title: `Title of ${slug}`, date, tags, summary: `About ${slug}.`, minutes: 1, html, toc: [] };
  const { hash, payload } = await articlePayload(body);
  return {
    meta: { slug, title: body.title, date, tags, summary: body.summary, minutes: 1, hash, bytes: payload.length },
    payload,
    article: { hash, ...body },
  };
}

const open: ReaderDatabase[] = [];

/** A fresh database for one test; `closeAll` deletes it after. */
export async function freshDB(): Promise<ReaderDatabase> {
  const db = await openReaderDB();
  open.push(db);
  return db;
}

export async function closeAll(): Promise<void> {
  for (const db of open.splice(0)) db.close();
  await deleteDB(DB_NAME);
}
