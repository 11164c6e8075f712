import type { Article, PostRef } from './types.ts';
import { isObject } from './guards.ts';

/**
 * The one content hash of the project: the first 12 hex digits of the SHA-256 of a text. The build names files by
 * it, and the page and the worker check every body they receive against it (WebCrypto, in Node and browsers alike).
 */
export async function contentHash(text: string): Promise<string> {
  return hashOfDigest(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** A text's SHA-256 digest as its content hash (see contentHash), for a digest made otherwise (the build's). */
export const hashOfDigest = (digest: ArrayBuffer | Uint8Array): string =>
  [...new Uint8Array(digest).slice(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Thrown when a body is not the one its name or index entry promises: cut short, altered or stale. */
export class ContentMismatchError extends Error {
  constructor(what: string, why: string) {
    super(`The ${what} that arrived is not the one expected: ${why}.`);
    this.name = 'ContentMismatchError';
  }
}

/** An article payload as the build writes it: the hash first, then the body the hash is taken over. */
export async function articlePayload(body: Omit<Article, 'hash'>): Promise<{ hash: string; payload: string }> {
  const text = JSON.stringify(body);
  const hash = await contentHash(text);
  // `JSON.stringify({ hash, ...body })` (an article always has fields), without writing the body out a second time.
  return { hash, payload: `{"hash":${JSON.stringify(hash)},${text.slice(1)}` };
}

/**
 * Parse an article payload and check it against the version its index entry names: the whole body is hashed, so a
 * body cut short, altered, or from another version never reaches the reader or the database.
 */
export async function verifyArticle(ref: Pick<PostRef, 'slug' | 'hash'>, payload: string): Promise<Article> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    throw new ContentMismatchError(`article "${ref.slug}"`, 'its body is incomplete');
  }
  if (!isArticle(parsed) || parsed.slug !== ref.slug) {
    throw new ContentMismatchError(`article "${ref.slug}"`, 'it is not an article payload');
  }
  const { hash, ...body } = parsed;
  if (hash !== ref.hash || (await contentHash(JSON.stringify(body))) !== ref.hash) {
    throw new ContentMismatchError(`article "${ref.slug}"`, 'its content hash does not match');
  }
  return parsed;
}

/** The hash an index file's name carries: `index/home-2.0123456789ab.json` → `0123456789ab`. */
export const hashInName = (name: string): string | undefined => /\.([0-9a-f]{12})\.json$/.exec(name)?.[1];

/** Parse an index file (manifest or list chunk) and check its body against the hash in its name. */
export async function verifyIndexFile(name: string, text: string): Promise<unknown> {
  const expected = hashInName(name);
  if (!expected || (await contentHash(text)) !== expected) {
    throw new ContentMismatchError(`index file ${name}`, 'its content hash does not match its name');
  }
  return JSON.parse(text) as unknown;
}

function isArticle(v: unknown): v is Article {
  return (
    isObject(v) &&
    typeof v.slug === 'string' &&
    typeof v.hash === 'string' &&
    typeof v.title === 'string' &&
    typeof v.date === 'string' &&
    Array.isArray(v.tags) &&
    v.tags.every((t) => typeof t === 'string') &&
    typeof v.summary === 'string' &&
    typeof v.minutes === 'number' &&
    typeof v.html === 'string' &&
    Array.isArray(v.toc) &&
    v.toc.every((e) => isObject(e) && typeof e.id === 'string' && typeof e.text === 'string') &&
    [v.older, v.newer].every(
      (l) => l === undefined || (isObject(l) && typeof l.slug === 'string' && typeof l.title === 'string'),
    )
  );
}
