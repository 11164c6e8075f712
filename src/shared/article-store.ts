import type { ReaderDatabase, ReadRecord, SavedInfo, StoredArticle } from './db.ts';
import type { Article, PostRef } from './types.ts';

/**
 * A read-only transaction whose abort (storage cleared, connection force-closed) is handled: idb rejects `tx.done`
 * then, and a read that only awaits its request would leave that rejection unhandled.
 */
function readTx<Name extends 'articles' | 'saved' | 'reads'>(db: ReaderDatabase, store: Name) {
  const tx = db.transaction(store, 'readonly');
  tx.done.catch(() => undefined);
  return tx;
}

export type { SavedInfo };

/** Thrown when an article's body is not the one its index entry names: cut short, altered or stale. */
export class ArticleMismatchError extends Error {
  constructor(slug: string, why: string) {
    super(`The article "${slug}" that arrived is not the one expected: ${why}.`);
    this.name = 'ArticleMismatchError';
  }
}

/** The content hash the build gives an article (src/build/content.ts): sha-256 of its JSON, 12 hex digits. */
export async function articleHash(article: Pick<Article, 'slug' | 'html' | 'toc'>): Promise<string> {
  const json = JSON.stringify({ slug: article.slug, html: article.html, toc: article.toc });
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json));
  return [...new Uint8Array(digest).slice(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Parse and check a payload against its index entry. Everything is checked before anything is stored, so a body cut
 * short by a dropped connection, or one from another version, never reaches the database.
 */
export async function verifyPayload(post: PostRef, payload: string): Promise<Article> {
  let article: Article;
  try {
    article = JSON.parse(payload) as Article;
  } catch {
    throw new ArticleMismatchError(post.slug, 'its body is incomplete');
  }
  if (article?.slug !== post.slug || typeof article.html !== 'string' || !Array.isArray(article.toc)) {
    throw new ArticleMismatchError(post.slug, 'it is not an article payload');
  }
  if (article.hash !== post.hash || (await articleHash(article)) !== post.hash) {
    throw new ArticleMismatchError(post.slug, 'its content hash does not match');
  }
  return article;
}

/** Store a verified article and its summary in one transaction: all of it or, on any error, nothing. */
export async function saveArticle(db: ReaderDatabase, article: Article, bytes: number): Promise<void> {
  const record: StoredArticle = { ...article, bytes, savedAt: Date.now() };
  const tx = db.transaction(['articles', 'saved'], 'readwrite');
  const { slug, hash, savedAt } = record;
  await Promise.all([
    tx.objectStore('articles').put(record),
    tx.objectStore('saved').put({ slug, hash, bytes, savedAt }),
    tx.done,
  ]);
}

/** A saved article, if it is the version the index names. */
export async function getArticle(db: ReaderDatabase, post: PostRef): Promise<StoredArticle | undefined> {
  const stored = await readTx(db, 'articles').store.get(post.slug);
  return stored?.hash === post.hash ? stored : undefined;
}

/** A saved article whatever its version (for posts that left the index). */
export const getAnyArticle = (db: ReaderDatabase, slug: string): Promise<StoredArticle | undefined> =>
  readTx(db, 'articles').store.get(slug);

/** Every saved article's slug, hash, size and date, without reading the bodies. */
export const listSaved = (db: ReaderDatabase): Promise<SavedInfo[]> => readTx(db, 'saved').store.getAll();

/** Remove saved articles by slug, in one transaction. */
export async function removeArticles(db: ReaderDatabase, slugs: Iterable<string>): Promise<void> {
  const list = [...slugs];
  if (list.length === 0) return;
  const tx = db.transaction(['articles', 'saved'], 'readwrite');
  await Promise.all([
    ...list.flatMap((slug) => [tx.objectStore('articles').delete(slug), tx.objectStore('saved').delete(slug)]),
    tx.done,
  ]);
}

/** Remember that the reader opened this version of a post. */
export async function markRead(db: ReaderDatabase, post: Pick<PostRef, 'slug' | 'hash'>): Promise<void> {
  await db.put('reads', { slug: post.slug, hash: post.hash, readAt: Date.now() });
}

/** Which version of each post the reader last opened. */
export async function listReads(db: ReaderDatabase): Promise<ReadRecord[]> {
  return readTx(db, 'reads').store.getAll();
}
