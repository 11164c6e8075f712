import { describe, expect, it } from 'vitest';
import { isRealDate, parseFrontMatter } from '../../src/build/front-matter.ts';

const post = (front: string, body = '\nBody.\n') => `---\n${front}\n---${body}`;
const GOOD = 'title: "T"\ndate: 2026-07-07\ntags: [linux]\nsummary: "S."';
const problems = (source: string) => {
  const r = parseFrontMatter('content/posts/x.md', source);
  return 'problems' in r ? r.problems.map((p) => `${p.field}: ${p.message}`) : [];
};

describe('front matter', () => {
  it('accepts a valid post and returns its fields and body', () => {
    const r = parseFrontMatter('x.md', post(`${GOOD}\nupdated: 2026-08-01\ndraft: true`));
    expect(r).toEqual({
      data: { title: 'T', date: '2026-07-07', tags: ['linux'], summary: 'S.', updated: '2026-08-01', draft: true },
      body: 'Body.\n',
    });
  });

  it.each([
    ['title: "T"\ndate: 2026-07-07\ntags: [linux]', 'summary: summary is required'],
    ['date: 2026-07-07\ntags: [linux]\nsummary: "S"', 'title: title is required'],
    ['title: "T"\ndate: 2026-13-45\ntags: [linux]\nsummary: "S"', 'date: 2026-13-45 is not a real date'],
    ['title: "T"\ndate: 2026-02-30\ntags: [linux]\nsummary: "S"', 'date: 2026-02-30 is not a real date'],
    ['title: "T"\ndate: 7 July 2026\ntags: [linux]\nsummary: "S"', 'date: date must be written YYYY-MM-DD'],
    ['title: "T"\ndate: 2026-07-07\ntags: linux\nsummary: "S"', 'tags: tags must be a list, e.g. [networking, linux]'],
    ['title: "T"\ndate: 2026-07-07\ntags: []\nsummary: "S"', 'tags: tags must have at least 1 tag'],
    ['title: "T"\ndate: 2026-07-07\ntags: [a, b, c, d, e, f]\nsummary: "S"', 'tags: tags must have at most 5 tags'],
    ['title: "T"\ndate: 2026-07-07\ntags: [Linux]\nsummary: "S"', 'tags: tags must be lowercase words (a-z, 0-9, -)'],
    ['title: "<b>T</b>"\ndate: 2026-07-07\ntags: [linux]\nsummary: "S"', 'title: title must be plain text (no HTML)'],
    [`${GOOD}\nupdated: 2026-01-01`, 'updated: updated (2026-01-01) is before date (2026-07-07)'],
    [`${GOOD}\ndraft: maybe`, 'draft: draft must be true or false'],
    [`${GOOD}\nauthor: me`, 'author: unknown field author (allowed: title, date, tags, summary, updated, draft)'],
  ])('reports the field and the rule: %j', (front, expected) => {
    expect(problems(post(front))).toContain(expected);
  });

  it('reports every broken field of a post at once', () => {
    expect(problems(post('title: ""\ndate: 2026-13-45\ntags: linux'))).toEqual([
      'title: title must not be empty',
      'date: 2026-13-45 is not a real date',
      'tags: tags must be a list, e.g. [networking, linux]',
      'summary: summary is required',
    ]);
  });

  it('reports unclosed and missing front matter, and YAML errors with their line', () => {
    expect(problems(`---\n${GOOD}\nBody.`)).toEqual([
      'front matter: the front matter is not closed: add a line "---" after it',
    ]);
    expect(problems('# Just markdown')).toEqual([
      'front matter: the file must start with a line "---" opening the front matter',
    ]);
    expect(problems(post('title: "T\ndate: 2026-07-07'))[0]).toMatch(/^front matter: invalid YAML at line \d+/);
    expect(problems(post('title: A\ntitle: B'))[0]).toMatch(/^front matter: invalid YAML at line 3/);
  });

  it('knows real dates', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2026-1-01')).toBe(false);
  });
});
