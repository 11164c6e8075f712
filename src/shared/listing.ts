/**
 * A long listing's line numbers stand beside its code in a gutter: hidden from screen readers and outside the `<pre>`,
 * so neither Copy nor a selection in the code takes them. Numbers, not words: what reads the article's text (the word
 * count, the search index, excerpts) leaves them out.
 */
export const gutter = (lines: number): string =>
  `<span class="gutter" aria-hidden="true">${Array.from({ length: lines }, (_, n) => n + 1).join('\n')}</span>`;

/** Every gutter in a piece of article HTML. */
export const GUTTERS = /<span class="gutter"[^>]*>[^<]*<\/span>/g;
