import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PostMeta, TocEntry } from '../shared/types.ts';
import { type ContentImage, ImageError, resolveImage } from './images.ts';
import { type RenderCache, renderCache, type RenderedPost } from './render-cache.ts';

export type { ContentImage };
import { type ContentProblem, parseFrontMatter } from './front-matter.ts';
import { readingMinutes, renderMarkdown, type RenderedMarkdown } from './markdown.ts';

/** What the build knows of a post before its payload is made: front matter, rendered body, listings. */
export interface BuiltPost {
  meta: Omit<PostMeta, 'hash' | 'bytes'>;
  html: string;
  toc: TocEntry[];
  words: number;
  draft: boolean;
  file: string;
  fences: RenderedMarkdown['fences'];
}

/** The whole blog, built in memory before anything is written. */
export interface Content {
  posts: BuiltPost[];
  images: ContentImage[];
}

/** Thrown when any post breaks the authors' contract; lists every problem in every post. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in content/posts:\n` +
        problems.map((p) => `  ${p.file}: ${p.field}: ${p.message}`).join('\n'),
    );
    this.name = 'ContentError';
  }
}

const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_SLUG = 80;

export interface LoadOptions {
  /** Include posts marked `draft: true` (the dev server does). */
  drafts: boolean;
  /** Display name of the folder in messages, relative to the project. */
  label?: string;
  /** The base path the site is served under; image URLs in articles include it. */
  base?: string;
  /** Where rendered posts are kept between builds, keyed by their source; none by default. */
  cacheDir?: string | undefined;
  /** Keep each post's code listings (for the listings test); the site build does not need them. */
  fences?: boolean;
}

/**
 * Read, validate and render every post in `dir`. Throws a ContentError naming every broken post, its field and the
 * rule it breaks; returns only when the whole blog is good.
 */
export function loadContent(
  dir: string,
  { drafts, label = 'content/posts', base = '/', cacheDir, fences = true }: LoadOptions,
): Content {
  const cache: RenderCache | undefined = cacheDir ? renderCache(cacheDir, base, path.resolve(dir)) : undefined;
  const problems: ContentProblem[] = [];
  const posts: BuiltPost[] = [];
  const images = new Map<string, ContentImage>();
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .sort()
    : [];

  for (const name of files) {
    const file = `${label}/${name}`;
    const slug = name.slice(0, -3);
    const before = problems.length;
    if (!SLUG_RE.test(slug)) {
      problems.push({ file, field: 'file name', message: 'the file name is the slug: use only a-z, 0-9 and -' });
    } else if (slug.length > MAX_SLUG) {
      // Longer names fail later, inside the bundler, after dist/ was emptied.
      problems.push({ file, field: 'file name', message: `the slug must be at most ${MAX_SLUG} characters` });
    }
    const source = readFileSync(path.join(dir, name), 'utf8');
    const parsed = parseFrontMatter(file, source);
    if ('problems' in parsed) {
      problems.push(...parsed.problems);
      continue;
    }
    if (/^#(?!#)\s/m.test(parsed.body.replace(/^(```|~~~)[\s\S]*?^\1/gm, ''))) {
      problems.push({ file, field: 'body', message: 'start sections at ## (the title is the page heading)' });
    }
    let rendered: RenderedPost;
    try {
      rendered = renderPost(dir, base, source, parsed.body, cache);
    } catch (e) {
      if (!(e instanceof ImageError)) throw e;
      problems.push({ file, field: 'body', message: e.message });
      continue;
    }
    for (const image of rendered.images) images.set(image.fileName, image);
    if (problems.length > before) continue;
    const { data } = parsed;
    posts.push({
      meta: {
        slug,
        title: data.title,
        date: data.date,
        ...(data.updated ? { updated: data.updated } : {}),
        tags: data.tags,
        summary: data.summary,
        minutes: readingMinutes(rendered.words),
      },
      html: rendered.html,
      toc: rendered.toc,
      words: rendered.words,
      draft: data.draft,
      file,
      fences: fences ? rendered.fences : [],
    });
  }

  const byTitle = new Map<string, string>();
  for (const post of posts) {
    const key = post.meta.title.toLowerCase();
    const other = byTitle.get(key);
    if (other) problems.push({ file: post.file, field: 'title', message: `the same title as ${other}` });
    else byTitle.set(key, post.file);
  }
  if (problems.length > 0) throw new ContentError(problems);

  const published = posts.filter((p) => drafts || !p.draft);
  // Newest first; the slug breaks ties so the order never depends on the file system.
  published.sort((a, b) => b.meta.date.localeCompare(a.meta.date) || a.meta.slug.localeCompare(b.meta.slug));
  return { posts: published, images: [...images.values()].filter((i) => isUsed(i, published)) };
}

/** The posts (file names) in `dir` whose rendering is not in the cache in `cacheDir`: what a build must render. */
export function uncachedPosts(dir: string, base: string, cacheDir: string): string[] {
  if (!existsSync(dir)) return [];
  const cache = renderCache(cacheDir, base, path.resolve(dir));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .filter((f) => !cache.has(readFileSync(path.join(dir, f), 'utf8')));
}

/**
 * A post's body as HTML, from the cache when its source was rendered before, else rendered (and cached). Throws an
 * ImageError when the body names an image that cannot be published.
 */
export function renderPost(
  dir: string,
  base: string,
  source: string,
  body: string,
  cache: RenderCache | undefined,
): RenderedPost {
  const cached = cache?.get(source);
  if (cached) return cached;
  const used: ContentImage[] = [];
  const out = renderMarkdown(body, {
    resolveImage(src) {
      const image = resolveImage(dir, src, base);
      used.push(image);
      return image.url;
    },
  });
  const rendered = { html: out.html, toc: out.toc, words: out.words, fences: out.fences, images: used };
  cache?.set(source, rendered);
  return rendered;
}

const isUsed = (image: ContentImage, posts: BuiltPost[]) => posts.some((p) => p.html.includes(image.url));
