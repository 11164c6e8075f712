import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError, loadContent } from '../../src/build/content.ts';
import { parseFrontMatter } from '../../src/build/front-matter.ts';
import { renderMarkdown } from '../../src/build/markdown.ts';

// Hostile input to the build: it must stop with the file, the field and the rule, and publish nothing it should not.
const FRONT = 'title: "T"\ndate: 2026-07-07\ntags: [linux]\nsummary: "S."';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A posts folder holding one post with `body`, and the files given beside it (in images/). */
function folder(body: string, files: Record<string, string> = {}, name = 'post') {
  const dir = mkdtempSync(path.join(tmpdir(), 'hostile-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'images'));
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, 'images', file), text);
  writeFileSync(path.join(dir, `${name}.md`), `---\n${FRONT}\n---\n\n${body}\n`);
  return dir;
}

/** The problems loading a folder reports, as "file: field: message". */
function problems(dir: string): string[] {
  try {
    loadContent(dir, { drafts: false, label: 'posts' });
    return [];
  } catch (e) {
    if (!(e instanceof ContentError)) throw e;
    return e.problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
  }
}

const SVG = (inside: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 10 10"><title>t</title>${inside}</svg>`;

describe('images a post may publish', () => {
  it('accepts a clean SVG and ordinary image types', () => {
    const dir = folder('![a](images/ok.svg) ![b](images/ok.png)', {
      'ok.svg': SVG('<rect width="5" height="5"/>'),
      'ok.png': 'png',
    });
    expect(problems(dir)).toEqual([]);
  });

  it.each([
    [
      'page.html',
      '<script>alert(1)</script>',
      'is not an image (allowed: .avif, .gif, .jpeg, .jpg, .png, .svg, .webp)',
    ],
    ['code.js', 'alert(1)', 'is not an image'],
    ['notes.md', '# x', 'is not an image'],
    ['x.svg', SVG('<script>alert(1)</script>'), 'holds a <script>'],
    ['x.svg', SVG('<rect onload="alert(1)"/>'), 'holds an event handler attribute (onload)'],
    ['x.svg', SVG('<foreignObject><p>x</p></foreignObject>'), 'holds a <foreignObject>'],
    ['x.svg', SVG('<image href="https://evil.example/x.png"/>'), 'refers to another file or site'],
    ['x.svg', SVG('<use xlink:href="javascript:alert(1)"/>'), 'refers to another file or site'],
  ])('refuses %s (%s)', (file, text, message) => {
    const dir = folder(`![x](images/${file})`, { [file]: text });
    const found = problems(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`posts/post.md: body: image images/${file} `);
    expect(found[0]).toContain(message);
  });

  it('refuses a symbolic link out of the posts folder, naming it', () => {
    const dir = folder('![x](images/passwd.svg)');
    symlinkSync('/etc/passwd', path.join(dir, 'images', 'passwd.svg'));
    expect(problems(dir)).toEqual([
      'posts/post.md: body: image images/passwd.svg is a link to a file outside the posts folder',
    ]);
  });

  it('refuses a malformed escape in an image path, and an image from another site', () => {
    // markdown-it has already escaped the stray %, so the path is shown as it reached the build.
    const [malformed, ...more] = problems(folder('![x](images/%E0%A4%A.svg)'));
    expect(more).toEqual([]);
    expect(malformed).toMatch(
      /^posts\/post\.md: body: image images\/%E0%A4.*\.svg is not a valid path \(a malformed % escape\)$/,
    );
    expect(problems(folder('![x](https://example.org/x.png)'))).toEqual([
      'posts/post.md: body: image https://example.org/x.png is on another site: images must be files beside the post',
    ]);
  });
});

describe('front matter and names that would break the build or the feed', () => {
  const fm = (front: string) => {
    const r = parseFrontMatter('posts/x.md', `---\n${front}\n---\nBody.\n`);
    return 'problems' in r ? r.problems.map((p) => `${p.field}: ${p.message}`) : [];
  };

  it('names the file when YAML aliases explode', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ];
    expect(fm([FRONT, ...bomb].join('\n'))[0]).toMatch(/^front matter: .*alias/);
  });

  it('caps the length of tags, and of slugs', () => {
    expect(fm(FRONT.replace('[linux]', `[${'a'.repeat(33)}]`))).toEqual([
      'tags: each tag must be at most 32 characters',
    ]);
    expect(problems(folder('Body.', {}, 'a'.repeat(81)))).toEqual([
      `posts/${'a'.repeat(81)}.md: file name: the slug must be at most 80 characters`,
    ]);
  });

  it.each([
    ['a control character', 'T\u0007'],
    ['a bidirectional control', 'T\u202Eevil'],
    ['a lone surrogate', 'T\uD800'],
  ])('refuses %s in a title', (_what, title) => {
    expect(fm(FRONT.replace('"T"', JSON.stringify(title)))).toEqual([
      'title: title must not hold control, bidirectional or unpaired characters',
    ]);
  });
});

describe('headings', () => {
  it('gives thousands of identical headings unique ids in linear time', () => {
    const { toc } = renderMarkdown(Array(3000).fill('## Same').join('\n\n'));
    expect(new Set(toc.map((t) => t.id)).size).toBe(3000);
    expect(toc[2]!.id).toBe('h-same-3');
  });
});
