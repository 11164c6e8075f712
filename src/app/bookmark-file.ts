import type { Bookmark } from '../shared/db.ts';

/** What an export file says it is; an import checks it first. */
export const FORMAT = 'linux-systems-reader/bookmarks';
export const FORMAT_VERSION = 1;
/** Far more than any reader's bookmarks, far less than what could hurt the page. */
export const MAX_FILE_BYTES = 1_000_000;
export const MAX_BOOKMARKS = 5_000;

interface ExportFile {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  exportedAt: string;
  bookmarks: { slug: string; title: string; addedAt: string }[];
}

/** The export file's text: versioned JSON, dates as ISO strings. */
export function exportBookmarks(bookmarks: readonly Bookmark[], now = new Date()): string {
  const file: ExportFile = {
    format: FORMAT,
    version: FORMAT_VERSION,
    exportedAt: now.toISOString(),
    bookmarks: bookmarks.map((b) => ({ slug: b.slug, title: b.title, addedAt: new Date(b.addedAt).toISOString() })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Why an import file was refused, in words for the reader. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** Refuse a file too large to be an export, before reading it. */
export function checkFileSize(bytes: number): void {
  if (bytes > MAX_FILE_BYTES) {
    throw new ImportError('The file is larger than 1 MB: it is not a bookmarks export of this reader.');
  }
}

const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** No bookmark predates the reader; none is dated more than a day ahead (clocks differ between devices). */
const EARLIEST_BOOKMARK = Date.UTC(2020, 0, 1);
const DAY = 86_400_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

function exactKeys(value: Record<string, unknown>, keys: string[], what: string): void {
  const extra = Object.keys(value).filter((k) => !keys.includes(k));
  if (extra.length > 0) throw new ImportError(`${what} has fields this reader does not know: ${extra.join(', ')}.`);
}

/**
 * Check a whole import file before anything is stored: size, JSON, format and version, exact fields and types, no
 * keys that reach object prototypes, and only posts this blog has (or that are bookmarked already). Returns the
 * bookmarks to merge, or throws an ImportError saying what is wrong.
 */
export function parseBookmarkFile(text: string, knownSlugs: ReadonlySet<string>, now: number = Date.now()): Bookmark[] {
  checkFileSize(new TextEncoder().encode(text).byteLength);
  let data: unknown;
  try {
    data = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ImportError(`The file contains a forbidden key "${key}".`);
      return value;
    });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('The file is not valid JSON: it is not a bookmarks export of this reader.');
  }
  if (!isPlainObject(data) || data.format !== FORMAT) {
    throw new ImportError('The file is not a bookmarks export of this reader.');
  }
  if (typeof data.version !== 'number') {
    throw new ImportError(`The file's version must be a number; this reader reads version ${FORMAT_VERSION}.`);
  }
  if (data.version !== FORMAT_VERSION) {
    throw new ImportError(`The file is of version ${data.version}; this reader reads version ${FORMAT_VERSION}.`);
  }
  exactKeys(data, ['format', 'version', 'exportedAt', 'bookmarks'], 'The file');
  if (!Array.isArray(data.bookmarks)) throw new ImportError('The file has no list of bookmarks.');
  if (data.bookmarks.length > MAX_BOOKMARKS) {
    throw new ImportError(`The file has more than ${MAX_BOOKMARKS} bookmarks.`);
  }
  const seen = new Set<string>();
  return data.bookmarks.map((entry: unknown, i): Bookmark => {
    const what = `Bookmark ${i + 1}`;
    if (!isPlainObject(entry)) throw new ImportError(`${what} is not a bookmark.`);
    exactKeys(entry, ['slug', 'title', 'addedAt'], what);
    const { slug, title, addedAt } = entry;
    if (typeof slug !== 'string' || !SLUG_RE.test(slug)) throw new ImportError(`${what} has no valid post name.`);
    if (!knownSlugs.has(slug)) throw new ImportError(`${what} names a post this blog does not have: ${slug}.`);
    if (seen.has(slug)) throw new ImportError(`${what} repeats ${slug}.`);
    seen.add(slug);
    if (typeof title !== 'string' || title.trim() === '' || title.length > 300 || /[<>]/.test(title)) {
      throw new ImportError(`${what} has no valid title.`);
    }
    const time = typeof addedAt === 'string' ? Date.parse(addedAt) : NaN;
    // A real day (Date.parse turns 30 February into 2 March), in the reader's lifetime, not in the future.
    const day = typeof addedAt === 'string' ? addedAt.slice(0, 10) : '';
    const real =
      Number.isFinite(time) && /^\d{4}-\d{2}-\d{2}T/.test(day + 'T') && new Date(time).toISOString().startsWith(day);
    if (!real || time < EARLIEST_BOOKMARK || time > now + DAY) {
      throw new ImportError(`${what} has no valid date (addedAt).`);
    }
    return { slug, title: title.trim(), addedAt: time };
  });
}
