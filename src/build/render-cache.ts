import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TocEntry } from '../shared/types.ts';
import type { FenceInfo } from './markdown.ts';

/** A post's body as rendered: what the cache keeps so that an unchanged post is not rendered again. */
export interface RenderedPost {
  html: string;
  toc: TocEntry[];
  words: number;
  fences: (FenceInfo & { code: string })[];
  images: { file: string; url: string; fileName: string; source: Buffer }[];
}

export interface RenderCache {
  has(source: string): boolean;
  get(source: string): RenderedPost | undefined;
  set(source: string, rendered: RenderedPost): void;
}

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

// The renderer's own code is part of every key: a change to how posts are rendered invalidates the whole cache.
const PIPELINE = sha(
  ['markdown.ts', 'sanitize.ts', 'content.ts', 'render-cache.ts']
    .map((f) => readFileSync(path.join(import.meta.dirname, f), 'utf8'))
    .join('\0'),
);

/**
 * Rendered posts on disk, keyed by the hash of the post's source, the base path, the folder of the posts and the
 * renderer's code, so a rebuild renders only the posts that changed. An image is re-read and re-hashed on every hit:
 * an edited image is a miss. The folder is part of the key because a cached render names its images by absolute
 * path: the same source in another folder (a copy with other images) must not get this folder's images.
 */
export function renderCache(dir: string, base: string, postsDir = ''): RenderCache {
  mkdirSync(dir, { recursive: true });
  const fileFor = (source: string) => path.join(dir, `${sha(`${PIPELINE}\0${base}\0${postsDir}\0${source}`)}.json`);
  return {
    has: (source) => existsSync(fileFor(source)),
    get(source) {
      const file = fileFor(source);
      if (!existsSync(file)) return undefined;
      try {
        const cached = JSON.parse(readFileSync(file, 'utf8')) as Omit<RenderedPost, 'images'> & {
          images: Omit<RenderedPost['images'][number], 'source'>[];
        };
        const images = cached.images.map((image) => {
          const data = readFileSync(image.file);
          if (!image.fileName.includes(`.${sha(data).slice(0, 12)}.`)) throw new Error('image changed');
          return { ...image, source: data };
        });
        return { ...cached, images };
      } catch {
        return undefined;
      }
    },
    set(source, rendered) {
      const images = rendered.images.map(({ file, url, fileName }) => ({ file, url, fileName }));
      writeFileSync(fileFor(source), JSON.stringify({ ...rendered, images }));
    },
  };
}
