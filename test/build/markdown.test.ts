// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { countWords, parseFenceInfo, readingMinutes, renderMarkdown } from '../../src/build/markdown.ts';

function parse(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('markdown rendering', () => {
  it('highlights code at build time and labels complete listings and excerpts', () => {
    const { html, fences } = renderMarkdown(
      '```c file=futex.c run\nint main(void) { return 0; }\n```\n\n```c fragment\nfutex_wait();\n```\n',
    );
    // A visible language label, the file (or "excerpt"), and a scroll container keyboards reach, named for them.
    expect(html).toContain('<figcaption><span class="lang">C</span> futex.c</figcaption>');
    expect(html).toContain('<figcaption><span class="lang">C</span> excerpt</figcaption>');
    expect(html).toContain('<span class="hljs-keyword">return</span>');
    expect(html).toContain(
      '<pre tabindex="0" role="region" aria-label="Code: C, futex.c"><code class="hljs language-c">',
    );
    expect(html).toContain('aria-label="Code: C, excerpt"');
    // Short listings have no line numbers.
    expect(html).not.toContain('gutter');
    expect(fences).toEqual([
      { lang: 'c', file: 'futex.c', flags: ['run'], code: 'int main(void) { return 0; }\n' },
      { lang: 'c', flags: ['fragment'], code: 'futex_wait();\n' },
    ]);
  });

  it('numbers the lines of long listings beside the code, not in it, and names every language', () => {
    const long = Array.from({ length: 16 }, (_, n) => `line ${n + 1}`).join('\n');
    const { html, words } = renderMarkdown(
      `\`\`\`text\n${long}\n\`\`\`\n\n\`\`\`\nfifteen\n\`\`\`\n\n\`\`\`console\n$ ls\n\`\`\`\n`,
    );
    const div = parse(html);
    const [numbered, plain, session] = [...div.querySelectorAll('figure.code')];
    const gutter = numbered!.querySelector('.gutter');
    expect(gutter?.getAttribute('aria-hidden')).toBe('true');
    expect(gutter?.textContent).toBe(Array.from({ length: 16 }, (_, n) => n + 1).join('\n'));
    // The code itself, what Copy takes, carries no numbers.
    expect(numbered!.querySelector('pre')?.textContent).toBe(`${long}\n`);
    expect(numbered!.querySelector('pre .gutter')).toBeNull();
    expect(plain!.querySelector('.gutter')).toBeNull();
    expect([...div.querySelectorAll('.lang')].map((l) => l.textContent)).toEqual(['Text', 'Text', 'Terminal']);
    expect(session!.querySelector('pre')?.getAttribute('aria-label')).toBe('Code: Terminal');
    // Line numbers are not words a reader reads: 16 lines of two words, "fifteen", "ls", and the three labels.
    expect(words).toBe(16 * 2 + 2 + 3);
  });

  it('makes an image alone in its paragraph a figure, captioned by its title or its first sentence', () => {
    const { html } = renderMarkdown(
      [
        '![A box. It holds things.](images/a.svg "The box")',
        '![Diagram: a task has three pointers. The first is nsproxy.](images/b.svg)',
        'Inline ![icon](images/c.svg) in text.',
      ].join('\n\n'),
    );
    const doc = parse(html);
    const figures = [...doc.querySelectorAll('figure.diagram')];
    expect(figures.map((f) => f.querySelector('figcaption')?.textContent)).toEqual([
      'The box',
      'Diagram: a task has three pointers.',
    ]);
    // The full text alternative stays on the image; the title is said once, in the caption.
    expect(figures[0]!.querySelector('img')?.getAttribute('alt')).toBe('A box. It holds things.');
    expect(figures[0]!.querySelector('img')?.hasAttribute('title')).toBe(false);
    expect(doc.querySelector('p > img')?.getAttribute('alt')).toBe('icon');
  });

  it('gives headings unique prefixed ids, links them to themselves and builds a table of contents', () => {
    const { html, toc } = renderMarkdown('## Fast path\n\n### `futex_wait` inside\n\n## Fast path\n\n#### Deep\n');
    expect(toc).toEqual([
      { id: 'h-fast-path', text: 'Fast path', level: 2 },
      { id: 'h-futex-wait-inside', text: 'futex_wait inside', level: 3 },
      { id: 'h-fast-path-2', text: 'Fast path', level: 2 },
    ]);
    expect(html).toContain('<h2 id="h-fast-path"><a class="anchor" href="#h-fast-path">Fast path</a></h2>');
    expect(html).toContain('<h4 id="h-deep">');
  });

  it('renders GFM tables and resolves images through the resolver', () => {
    const { html, images } = renderMarkdown('| a |\n| - |\n| 1 |\n\n![Alt text](images/x.svg)', {
      resolveImage: (src) => `/content-images/${src.slice(7)}`,
    });
    expect(html).toContain('<table>');
    expect(html).toContain('<img src="/content-images/x.svg" alt="Alt text" loading="lazy" />');
    expect(images).toEqual(['images/x.svg']);
  });

  it('counts words and reading time', () => {
    expect(countWords('<p>one two <code>three_four</code></p><p>—</p>')).toBe(3);
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(2300)).toBe(10);
  });

  it('parses fence info strings', () => {
    expect(parseFenceInfo('nasm file=boot.asm boot')).toEqual({ lang: 'nasm', file: 'boot.asm', flags: ['boot'] });
    expect(parseFenceInfo('')).toEqual({ lang: '', flags: [] });
  });
});
