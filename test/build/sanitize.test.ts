// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/build/markdown.ts';

// The payloads of docs/testing.md item 11, each in a post body as an author (or a compromised author) would write it.
const PAYLOADS = [
  '[a](javascript:alert(1))',
  '[a](JaVaScRiPt:alert(1))',
  '[a](&#106;avascript:alert(1))',
  '<img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<svg onload=alert(1)>',
  '<details open ontoggle=alert(1)><summary>s</summary>x</details>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<a href="java&#x09;script:alert(1)">a</a>',
  '<img name=getElementById>',
  '<p id="location">clobber</p>',
  '<a href="data:text/html,<script>alert(1)</script>">d</a>',
  '<script>alert(1)</script>',
  '<a href="vbscript:msgbox(1)">v</a>',
  '<p style="background:url(javascript:alert(1))">s</p>',
  '<input autofocus onfocus=alert(1)>',
];

function parse(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

/** Everything in the output that could run script or reach outside the page. */
function dangers(root: HTMLElement): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (
      ['script', 'iframe', 'object', 'embed', 'form', 'input', 'svg', 'math', 'style', 'link', 'meta', 'base'].includes(
        tag,
      )
    ) {
      found.push(`<${tag}>`);
    }
    for (const attr of el.attributes) {
      // Browsers ignore control characters and spaces inside a scheme, so the check does too.
      // eslint-disable-next-line no-control-regex
      const value = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (attr.name.startsWith('on')) found.push(`${tag}[${attr.name}]`);
      if (attr.name === 'style') found.push(`${tag}[style]`);
      if (attr.name === 'name' || (attr.name === 'id' && !attr.value.startsWith('h-')))
        found.push(`${tag}[${attr.name}]`);
      if (/^(javascript|vbscript|data):/.test(value)) found.push(`${tag}[${attr.name}=${value}]`);
    }
  }
  return found;
}

describe('hostile Markdown and HTML in a post', () => {
  it.each(PAYLOADS)('leaves nothing that runs: %s', (payload) => {
    const { html } = renderMarkdown(`Before.\n\n${payload}\n\nAfter.`);
    const root = parse(html);
    expect(dangers(root)).toEqual([]);
    // The prose around the payload survives; an unclosed <style> is raw text to the end of the post, so what
    // follows it is rightly dropped with it.
    expect(root.textContent).toContain('Before.');
    if (!payload.includes('<style>')) expect(root.textContent).toContain('After.');
  });

  it('the checker itself sees each danger when nothing is sanitized', () => {
    const raw = parse(PAYLOADS.filter((p) => p.startsWith('<')).join('\n'));
    expect(dangers(raw).length).toBeGreaterThanOrEqual(12);
  });

  it('allows the code-block attributes only where, and with the values, the build itself uses', () => {
    const { html } = renderMarkdown(
      [
        '<pre tabindex="-1" role="button" aria-label="Code: sh" onfocus="alert(1)">a</pre>',
        '<pre tabindex="5">b</pre>',
        '<p tabindex="0" role="region" aria-label="y" aria-hidden="true">c</p>',
        '<span aria-hidden="false" class="gutter evil">d</span>',
        '<figure class="diagram other" tabindex="0"><img src="x.svg" onerror="alert(1)"><button onclick="alert(1)">e</button></figure>',
        '<a href="#h-x" tabindex="0" role="region">f</a>',
        '```c\nint x;\n```',
      ].join('\n\n'),
    );
    const root = parse(html);
    expect(dangers(root)).toEqual([]);
    // Only the build's own listing keeps a tabindex and a role; an author's <pre> keeps a harmless name at most.
    const focusable = [...root.querySelectorAll('[tabindex], [role]')];
    expect(focusable.map((e) => `${e.outerHTML.slice(0, e.outerHTML.indexOf('>') + 1)}`)).toEqual([
      '<pre tabindex="0" role="region" aria-label="Code: C">',
    ]);
    expect(root.querySelector('pre')?.getAttribute('aria-label')).toBe('Code: sh');
    expect(root.querySelectorAll('[aria-hidden], button').length).toBe(0);
    expect(root.querySelector('span.gutter')?.className).toBe('gutter');
    expect(root.querySelector('figure')?.className).toBe('diagram');
    expect(root.textContent).toContain('e');
  });

  it('keeps what authors legitimately write', () => {
    const { html } = renderMarkdown(
      [
        '## A heading',
        '<details><summary>More</summary>Hidden <kbd>Ctrl</kbd></details>',
        '[docs](https://www.kernel.org/doc/) and <a href="mailto:a@b.c">mail</a>',
        '| a | b |\n| :-- | --: |\n| 1 | 2 |',
      ].join('\n\n'),
    );
    const root = parse(html);
    expect(root.querySelector('h2')?.id).toBe('h-a-heading');
    expect(root.querySelector('details summary')?.textContent).toBe('More');
    expect(root.querySelector('kbd')?.textContent).toBe('Ctrl');
    expect(root.querySelector('a[href="https://www.kernel.org/doc/"]')?.textContent).toBe('docs');
    expect(root.querySelector('a[href="mailto:a@b.c"]')).not.toBeNull();
    expect(root.querySelector('td.align-right')?.textContent).toBe('2');
  });
});
