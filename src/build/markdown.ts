import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import hljs from 'highlight.js';
import type { TocEntry } from '../shared/types.ts';
import { HEADING_ID_PREFIX, sanitizeArticleHtml } from './sanitize.ts';
import { GUTTERS, gutter } from '../shared/listing.ts';

/** What a code fence's info string says about its listing (see content/WRITING.md). */
export interface FenceInfo {
  lang: string;
  file?: string;
  flags: string[];
}

/** Parse a fence info string such as `c file=futex-mutex.c run`. */
export function parseFenceInfo(info: string): FenceInfo {
  const [lang = '', ...rest] = info.trim().split(/\s+/);
  const fence: FenceInfo = { lang: lang.toLowerCase(), flags: [] };
  for (const word of rest) {
    if (word.startsWith('file=')) fence.file = word.slice(5);
    else if (word) fence.flags.push(word);
  }
  return fence;
}

// Names authors use for languages highlight.js knows under another name.
const LANG_ALIASES: Record<string, string> = { nasm: 'x86asm', asm: 'x86asm', sh: 'bash', shell: 'bash' };

/** Listings longer than this get line numbers. */
export const NUMBER_LINES_OVER = 15;

// The language label a reader sees above a listing.
const LANG_NAMES: Record<string, string> = {
  c: 'C',
  nasm: 'NASM',
  asm: 'Assembly',
  sh: 'Shell',
  bash: 'Shell',
  shell: 'Shell',
  console: 'Terminal',
  text: 'Text',
  yaml: 'YAML',
  json: 'JSON',
};

function slugify(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'section';
}

export interface RenderedMarkdown {
  html: string;
  toc: TocEntry[];
  words: number;
  /** Image sources as written by the author, in order. */
  images: string[];
  /** Complete listings and fragments, for the listings test. */
  fences: (FenceInfo & { code: string })[];
}

export interface RenderOptions {
  /** Maps an image path as written in the post to the URL it is served at; throws when it does not exist. */
  resolveImage?: (src: string) => string;
}

/** Render a post body: CommonMark + GFM tables, build-time highlighting, heading anchors, sanitized. */
export function renderMarkdown(body: string, options: RenderOptions = {}): RenderedMarkdown {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  const toc: TocEntry[] = [];
  const images: string[] = [];
  const fences: RenderedMarkdown['fences'] = [];

  md.core.ruler.push('heading_ids', (state) => {
    const used = new Set<string>();
    // The next number to try for each repeated heading, so thousands of identical headings stay linear.
    const next = new Map<string, number>();
    const tokens = state.tokens;
    tokens.forEach((token, i) => {
      if (token.type !== 'heading_open') return;
      const inline = tokens[i + 1];
      const text = (inline?.children ?? [])
        .filter((t) => t.type === 'text' || t.type === 'code_inline')
        .map((t) => t.content)
        .join('')
        .trim();
      const stem = HEADING_ID_PREFIX + slugify(text);
      let id = stem;
      if (used.has(id)) {
        let n = next.get(stem) ?? 2;
        while (used.has(`${stem}-${n}`)) n++;
        id = `${stem}-${n}`;
        next.set(stem, n + 1);
      }
      used.add(id);
      token.attrSet('id', id);
      const level = Number(token.tag.slice(1));
      if (level === 2 || level === 3) toc.push({ id, text, level });
    });
  });

  // A heading is a link to itself, so a reader can copy a link to any section.
  md.renderer.rules.heading_open = (tokens, i, opts, _env, self) =>
    `${self.renderToken(tokens, i, opts)}<a class="anchor" href="#${tokens[i]!.attrGet('id')}">`;
  md.renderer.rules.heading_close = (tokens, i, opts, _env, self) => `</a>${self.renderToken(tokens, i, opts)}`;

  md.renderer.rules.fence = (tokens, i) => {
    const token = tokens[i]!;
    const info = parseFenceInfo(token.info);
    fences.push({ ...info, code: token.content });
    const lang = LANG_ALIASES[info.lang] ?? info.lang;
    const code = hljs.getLanguage(lang)
      ? hljs.highlight(token.content, { language: lang, ignoreIllegals: true }).value
      : md.utils.escapeHtml(token.content);
    const esc = md.utils.escapeHtml;
    const name = LANG_NAMES[info.lang] ?? (info.lang || 'Text');
    const file = info.file ?? (info.flags.includes('fragment') ? 'excerpt' : '');
    const caption = `<figcaption><span class="lang">${esc(name)}</span>${file ? ` ${esc(file)}` : ''}</figcaption>`;
    const cls = info.lang ? ` language-${esc(info.lang)}` : '';
    const lines = token.content.replace(/\n$/, '').split('\n').length;
    const numbers = lines > NUMBER_LINES_OVER ? gutter(lines) : '';
    // A block that scrolls sideways must be reachable by keyboard, and a focusable region needs a name.
    const label = esc(`Code: ${name}${file ? `, ${file}` : ''}`);
    return `<figure class="code">${caption}${numbers}<pre tabindex="0" role="region" aria-label="${label}"><code class="hljs${cls}">${code}</code></pre></figure>\n`;
  };

  // An image alone in its paragraph is a figure, captioned by its title, else by the first sentence of its text.
  const soleImage = (tokens: Token[], i: number) => {
    const children = tokens[i]?.children ?? [];
    return children.length === 1 && children[0]!.type === 'image' ? children[0]! : undefined;
  };
  const captions = new WeakMap<Token, string>();
  md.renderer.rules.paragraph_open = (tokens, i, opts, _env, self) => {
    const image = soleImage(tokens, i + 1);
    if (!image) return self.renderToken(tokens, i, opts);
    const alt = image.children?.map((t) => t.content).join('') ?? image.content;
    // The caption says it once: the title moves into it rather than also being the image's tooltip.
    captions.set(image, String(image.attrGet('title') ?? '') || /^.*?\.(?=\s|$)/.exec(alt)?.[0] || alt);
    image.attrs = image.attrs?.filter(([name]) => name !== 'title') ?? null;
    return '<figure class="diagram">';
  };
  md.renderer.rules.paragraph_close = (tokens, i, opts, _env, self) => {
    const image = soleImage(tokens, i - 1);
    if (!image) return self.renderToken(tokens, i, opts);
    return `<figcaption>${md.utils.escapeHtml(captions.get(image) ?? '')}</figcaption></figure>\n`;
  };

  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, i, opts, env, self) => {
    const token = tokens[i]!;
    const src = String(token.attrGet('src') ?? '');
    images.push(src);
    if (options.resolveImage) token.attrSet('src', options.resolveImage(src));
    token.attrSet('loading', 'lazy');
    return defaultImage(tokens, i, opts, env, self);
  };

  const html = sanitizeArticleHtml(md.render(body));
  return { html, toc, words: countWords(html), images, fences };
}

/** Words a reader reads: the text of the HTML, code included. */
export function countWords(html: string): number {
  const text = html
    .replace(GUTTERS, ' ') // line numbers are not read
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .trim();
  return text ? text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length : 0;
}

/** Reading time in minutes at 230 words a minute, never less than one. */
export const readingMinutes = (words: number): number => Math.max(1, Math.round(words / 230));
