import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { headElementHtml, pageTemplate } from '../../src/build/site-pages.ts';
import type { HeadElement, RenderedPage } from '../../src/shared/prerender-data.ts';

// jsdom ships no types: what this test uses of it, typed here (as in meta.test.ts).
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: Window } };

const TEMPLATE = `<!doctype html>
<html lang="xx">
  <head>
    <meta charset="utf-8" />
    <title>Placeholder</title>
    <link rel="icon" href="/icon.svg" />
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="/assets/index.js"></script>
  </body>
</html>`;

const page = (over: Partial<RenderedPage['head']> = {}, html = '<main>Body</main>'): RenderedPage => ({
  html,
  head: { lang: 'en', title: 'A post', elements: new Set(), ...over },
});

const parse = (html: string) => new JSDOM(html).window.document;

describe('a page put into the page template', () => {
  it('takes the language, the title, the head elements and the body, and keeps the rest of the template', () => {
    const fill = pageTemplate(TEMPLATE);
    const doc = parse(
      fill(
        page({
          elements: new Set<HeadElement>([
            { type: 'meta', props: { name: 'description', content: 'About "locks" & <futexes>' } },
            { type: 'link', props: { rel: 'next', href: '/page/2/' } },
          ]),
        }),
      ),
    );
    expect(doc.documentElement.lang).toBe('en');
    expect(doc.title).toBe('A post');
    expect(doc.querySelectorAll('title')).toHaveLength(1);
    expect(doc.querySelector('meta[name="description"]')?.getAttribute('content')).toBe('About "locks" & <futexes>');
    expect(doc.querySelector('link[rel="next"]')?.getAttribute('href')).toBe('/page/2/');
    expect(doc.querySelector('link[rel="icon"]')).not.toBeNull();
    expect(doc.querySelector('#app > main')?.textContent).toBe('Body');
    expect(doc.querySelector('body > script[src="/assets/index.js"]')).not.toBeNull();
  });

  it('escapes a title that holds markup, so it stays text', () => {
    const doc = parse(pageTemplate(TEMPLATE)(page({ title: '</title><script>alert(1)</script> & more' })));
    expect(doc.title).toBe('</title><script>alert(1)</script> & more');
    expect(doc.querySelectorAll('script')).toHaveLength(1);
  });

  it('writes a script element’s text as the renderer gave it, and each distinct element once', () => {
    const json = '{"a":"\\u003c/script\\u003e"}';
    const data: HeadElement = { type: 'script', props: { type: 'application/json', id: 'data', children: json } };
    const html = pageTemplate(TEMPLATE)(page({ elements: new Set([data, { ...data }]) }));
    const doc = parse(html);
    expect(doc.querySelectorAll('#data')).toHaveLength(1);
    expect(JSON.parse(doc.getElementById('data')?.textContent ?? '')).toEqual({ a: '</script>' });
    expect(headElementHtml(data)).toBe(`<script type="application/json" id="data">${json}</script>`);
  });

  it('adds the language to an <html> tag that has none', () => {
    const doc = parse(pageTemplate(TEMPLATE.replace('<html lang="xx">', '<html>'))(page()));
    expect(doc.documentElement.lang).toBe('en');
  });

  it('names what a template lacks', () => {
    expect(() => pageTemplate(TEMPLATE.replace('<div id="app"></div>', ''))).toThrow(/<div id="app">/);
    expect(() => pageTemplate(TEMPLATE.replace(/<title>.*<\/title>/, ''))).toThrow(/<title>/);
  });
});
