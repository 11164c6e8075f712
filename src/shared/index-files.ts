import type { IndexManifest, ListChunk, PostMeta, TagCount } from './types.ts';
import { isObject, isString, isCount, isStrings } from './guards.ts';

// Type guards for the index files: they come from the network or the device, so they are checked, not cast.

export function isPostMeta(v: unknown): v is PostMeta {
  return (
    isObject(v) &&
    isString(v.slug) &&
    isString(v.title) &&
    isString(v.date) &&
    (v.updated === undefined || isString(v.updated)) &&
    isStrings(v.tags) &&
    isString(v.summary) &&
    isCount(v.minutes) &&
    isString(v.hash) &&
    isCount(v.bytes)
  );
}

const isTagCount = (v: unknown): v is TagCount => isObject(v) && isString(v.tag) && isCount(v.count);

export function isListChunk(v: unknown): v is ListChunk {
  return (
    isObject(v) &&
    (v.tag === undefined || isString(v.tag)) &&
    isCount(v.page) &&
    isCount(v.pages) &&
    isCount(v.total) &&
    Array.isArray(v.posts) &&
    v.posts.every(isPostMeta) &&
    Array.isArray(v.tags) &&
    v.tags.every(isTagCount)
  );
}

export function isIndexManifest(v: unknown): v is IndexManifest {
  return (
    isObject(v) &&
    isCount(v.total) &&
    isCount(v.bytes) &&
    isCount(v.pageSize) &&
    isStrings(v.home) &&
    Array.isArray(v.tags) &&
    v.tags.every((t) => isTagCount(t) && isStrings((t as { pages?: unknown }).pages)) &&
    isStrings(v.search) &&
    (v.terms === undefined ||
      (Array.isArray(v.terms) && v.terms.every((t) => isObject(t) && isString(t.from) && isString(t.file))))
  );
}

/**
 * The one index file of a fixed name: it names the current manifest, so that no bundle and no page has to (a name
 * in the bundle would change every chunk's hash, and so every page, whenever any post changed).
 */
export const LATEST_FILE = 'index/latest.json';
const MANIFEST_NAME = /^index\/manifest\.[0-9a-f]{12}\.json$/;

/** A manifest's file name, as the build writes it. */
export const isManifestName = (v: unknown): v is string => typeof v === 'string' && MANIFEST_NAME.test(v);

/** The manifest name in `index/latest.json`, if the file is one. */
export const latestManifest = (v: unknown): string | undefined =>
  isObject(v) && isManifestName(v.manifest) ? v.manifest : undefined;

/** Every chunk the manifest names: the home pages, then each tag's pages. */
export const manifestChunks = (m: IndexManifest): string[] => [...m.home, ...m.tags.flatMap((t) => t.pages)];

/** The chunk name of a list page, if the manifest has that page. */
export function chunkFor(m: IndexManifest, list: { tag?: string | undefined; page: number }): string | undefined {
  const pages = list.tag === undefined ? m.home : m.tags.find((t) => t.tag === list.tag)?.pages;
  return pages?.[list.page - 1];
}
