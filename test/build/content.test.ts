import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, loadContent } from '../../src/build/content.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');

describe('loading the posts', () => {
  it('builds the index newest first, without drafts, with hashed payloads', () => {
    const { posts, images } = loadContent(path.join(fixtures, 'posts'), { drafts: false, base: '/blog/' });
    expect(posts.map((p) => p.meta.slug)).toEqual(['beta-packets', 'alpha-locks']);
    const alpha = posts[1]!;
    expect(alpha.meta).toMatchObject({
      title: 'Alpha: Locks',
      date: '2026-03-02',
      tags: ['threading', 'linux'],
      summary: 'A post about locks — with an em dash, for the list.',
      minutes: 1,
    });
    expect(alpha.meta.article).toBe(`articles/alpha-locks.${alpha.meta.hash}.json`);
    expect(alpha.meta.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(alpha.meta.bytes).toBe(Buffer.byteLength(alpha.payload));
    expect(JSON.parse(alpha.payload)).toEqual(alpha.article);
    expect(alpha.article.toc.map((t) => t.text)).toEqual(['Why locks', 'The fast path', 'Costs', 'Sources']);
    expect(images).toHaveLength(1);
    expect(images[0]!.url).toMatch(/^\/blog\/content-images\/alpha-box\.[0-9a-f]{12}\.svg$/);
    expect(alpha.article.html).toContain(`src="${images[0]!.url}"`);
  });

  it('includes drafts when asked (the dev server)', () => {
    const { posts } = loadContent(path.join(fixtures, 'posts'), { drafts: true });
    expect(posts.map((p) => p.meta.slug)).toContain('gamma-draft');
  });

  it('changes the hash exactly when the article changes', () => {
    const a = loadContent(path.join(fixtures, 'posts'), { drafts: false });
    const b = loadContent(path.join(fixtures, 'posts'), { drafts: false });
    expect(a.posts.map((p) => p.meta.hash)).toEqual(b.posts.map((p) => p.meta.hash));
    expect(new Set(a.posts.map((p) => p.meta.hash)).size).toBe(a.posts.length);
  });

  it('reports every broken post in one run, each with its file, field and rule', () => {
    let error: unknown;
    try {
      loadContent(path.join(fixtures, 'broken'), { drafts: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
    expect(problems).toEqual([
      'content/posts/bad-date.md: date: 2026-13-45 is not a real date',
      'content/posts/no-title.md: title: title is required',
      'content/posts/tags-not-list.md: tags: tags must be a list, e.g. [networking, linux]',
      'content/posts/unclosed.md: front matter: the front matter is not closed: add a line "---" after it',
      'content/posts/dup-two.md: title: the same title as content/posts/dup-one.md',
    ]);
    expect((error as Error).message).toContain('5 problems in content/posts:');
  });
});
