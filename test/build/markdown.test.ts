import { describe, expect, it } from 'vitest';
import { countWords, parseFenceInfo, readingMinutes, renderMarkdown } from '../../src/build/markdown.ts';

describe('markdown rendering', () => {
  it('highlights code at build time and labels complete listings and excerpts', () => {
    const { html, fences } = renderMarkdown(
      '```c file=futex.c run\nint main(void) { return 0; }\n```\n\n```c fragment\nfutex_wait();\n```\n',
    );
    expect(html).toContain('<figcaption>futex.c</figcaption>');
    expect(html).toContain('<figcaption>excerpt</figcaption>');
    expect(html).toContain('<span class="hljs-keyword">return</span>');
    expect(html).toContain('<pre tabindex="0"><code class="hljs language-c">');
    expect(fences).toEqual([
      { lang: 'c', file: 'futex.c', flags: ['run'], code: 'int main(void) { return 0; }\n' },
      { lang: 'c', flags: ['fragment'], code: 'futex_wait();\n' },
    ]);
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
