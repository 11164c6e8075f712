import { describe, expect, it } from 'vitest';
import { exportBookmarks, FORMAT, ImportError, parseBookmarkFile } from '../../../src/app/bookmark-file.ts';

const KNOWN = new Set(['epoll-internals', 'decoding-elf']);
const entry = (slug = 'epoll-internals', extra: Record<string, unknown> = {}) => ({
  slug,
  title: 'How epoll Actually Works',
  addedAt: '2026-11-01T10:00:00.000Z',
  ...extra,
});
const file = (bookmarks: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: FORMAT, version: 1, exportedAt: '2026-11-02T00:00:00.000Z', bookmarks, ...extra });
const refusal = (text: string) => {
  try {
    parseBookmarkFile(text, KNOWN);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as Error).message;
  }
  throw new Error('the file was accepted');
};

describe('bookmark files', () => {
  it('exports a versioned file that imports back to the same bookmarks', () => {
    const bookmarks = [
      { slug: 'epoll-internals', title: 'How epoll Actually Works', addedAt: Date.parse('2026-11-01T10:00:00Z') },
      { slug: 'decoding-elf', title: 'Decoding ELF', addedAt: Date.parse('2026-10-01T08:30:00Z') },
    ];
    const text = exportBookmarks(bookmarks, new Date('2026-11-27T00:00:00Z'));
    expect(JSON.parse(text)).toMatchObject({ format: FORMAT, version: 1, exportedAt: '2026-11-27T00:00:00.000Z' });
    expect(parseBookmarkFile(text, KNOWN)).toEqual(bookmarks);
  });

  it.each([
    ['not JSON', '{"format": ', 'not valid JSON'],
    ['a list at the top', '[]', 'not a bookmarks export'],
    ['another format', JSON.stringify({ format: 'other', version: 1, bookmarks: [] }), 'not a bookmarks export'],
    ['a newer version', file([], { version: 2 }), 'version 2; this reader reads version 1'],
    [
      '__proto__ at the top',
      `{"__proto__": {"polluted": true}, "format": "${FORMAT}", "version": 1, "bookmarks": []}`,
      'forbidden key "__proto__"',
    ],
    [
      '__proto__ in a bookmark',
      file([JSON.parse('{"slug":"decoding-elf","title":"T","addedAt":"2026-01-01T00:00:00Z"}')]).replace(
        '{"slug"',
        '{"__proto__":{"x":1},"slug"',
      ),
      'forbidden key "__proto__"',
    ],
    [
      'constructor',
      file([entry('epoll-internals', { constructor: { prototype: { x: 1 } } })]),
      'forbidden key "prototype"',
    ],
    ['a bare constructor', file([entry('epoll-internals', { constructor: 1 })]), 'forbidden key "constructor"'],
    ['bookmarks not a list', file([]).replace('"bookmarks":[]', '"bookmarks":{}'), 'no list of bookmarks'],
    [
      'an unknown field',
      file([entry('epoll-internals', { url: 'javascript:alert(1)' })]),
      'Bookmark 1 has fields this reader does not know: url',
    ],
    ['a javascript: URL as the post', file([entry('javascript:alert(1)')]), 'Bookmark 1 has no valid post name'],
    ['a post of another blog', file([entry('not-our-post')]), 'names a post this blog does not have: not-our-post'],
    ['a number as title', file([entry('epoll-internals', { title: 42 })]), 'Bookmark 1 has no valid title'],
    ['markup as title', file([entry('epoll-internals', { title: '<img src=x onerror=alert(1)>' })]), 'no valid title'],
    ['a bad date', file([entry('epoll-internals', { addedAt: 'yesterday' })]), 'no valid date'],
    ['a date as a number', file([entry('epoll-internals', { addedAt: 1700000000000 })]), 'no valid date'],
    ['30 February', file([entry('epoll-internals', { addedAt: '2026-02-30T10:00:00.000Z' })]), 'no valid date'],
    ['year 0', file([entry('epoll-internals', { addedAt: '0000-01-01T00:00:00.000Z' })]), 'no valid date'],
    ['year 9999', file([entry('epoll-internals', { addedAt: '9999-01-01T00:00:00.000Z' })]), 'no valid date'],
    [
      'a version as text',
      file([], { version: '1' }),
      "The file's version must be a number; this reader reads version 1.",
    ],
    ['a repeated post', file([entry(), entry()]), 'Bookmark 2 repeats epoll-internals'],
    ['a string as a bookmark', file(['epoll-internals']), 'Bookmark 1 is not a bookmark'],
    ['a huge file', file([entry()], { padding: 'x'.repeat(1_100_000) }), 'larger than 1 MB'],
  ])('refuses %s, saying why', (_name, text, message) => {
    expect(refusal(text)).toContain(message);
  });

  it('never lets __proto__ reach Object.prototype', () => {
    refusal(`{"__proto__": {"polluted": true}, "format": "${FORMAT}", "version": 1, "bookmarks": []}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
