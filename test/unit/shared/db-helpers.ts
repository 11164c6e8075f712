import { deleteDB } from 'idb';
import { createHash } from 'node:crypto';
import { DB_NAME, openReaderDB, type ReaderDatabase } from '../../../src/shared/db.ts';
import type { Article, PostRef } from '../../../src/shared/types.ts';

/** A post and its payload, hashed exactly as the build hashes it. */
export function makePost(slug: string, html = `<p>${slug}</p>`): { ref: PostRef; payload: string; article: Article } {
  const body = { slug, html, toc: [] };
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12);
  const article = { ...body, hash };
  return { ref: { slug, hash, article: `articles/${slug}.${hash}.json` }, payload: JSON.stringify(article), article };
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
