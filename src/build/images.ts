import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** An image a post uses, to be served at `url`. */
export interface ContentImage {
  file: string;
  url: string;
  fileName: string;
  source: Buffer;
}

/** Why an image a post names cannot be published; `why` completes "image <src> …". */
export class ImageError extends Error {
  constructor(
    readonly src: string,
    readonly why: string,
  ) {
    super(`image ${src} ${why}`);
    this.name = 'ImageError';
  }
}

/** What may be published as a post's image: files the browser shows as images, never as a page or a script. */
export const IMAGE_TYPES = ['.avif', '.gif', '.jpeg', '.jpg', '.png', '.svg', '.webp'];

const shortHash = (data: Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 12);

const inside = (dir: string, file: string) => file.startsWith(dir + path.sep);

/**
 * What makes an SVG unsafe to publish on the site's origin, opened on its own (no CSP applies to it there): script,
 * event handlers, embedded HTML, or references to other files and sites. Undefined when it is clean.
 */
export function svgProblem(text: string): string | undefined {
  if (/<script\b/i.test(text)) return 'holds a <script>';
  const handler = /\s(on[a-z]+)\s*=/i.exec(text);
  if (handler) return `holds an event handler attribute (${handler[1]!.toLowerCase()})`;
  if (/<foreignObject\b/i.test(text)) return 'holds a <foreignObject>';
  // Any href (SVG 2 or xlink) other than a same-document fragment, and any url() other than one, leave the file.
  if (
    /\bhref\s*=\s*["']?\s*(?!#)/i.test(text) ||
    /url\(\s*["']?\s*(?!#)/i.test(text) ||
    /<!ENTITY|<\?xml-stylesheet/i.test(text)
  ) {
    return 'refers to another file or site';
  }
  return undefined;
}

/**
 * Resolve an image as written in a post to the file beside the posts, read and named by its content hash. Throws an
 * ImageError saying what is wrong: another site, a malformed path, a missing file, a link out of the folder, a file
 * that is not an image, an SVG that could run script.
 */
export function resolveImage(dir: string, src: string, base: string): ContentImage {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) {
    throw new ImageError(src, 'is on another site: images must be files beside the post');
  }
  let decoded: string;
  try {
    decoded = decodeURI(src);
  } catch {
    throw new ImageError(src, 'is not a valid path (a malformed % escape)');
  }
  const root = path.resolve(dir);
  const source = path.resolve(root, decoded);
  if (!inside(root, source) || !existsSync(source)) throw new ImageError(src, 'does not exist beside the post');
  if (!inside(realpathSync(root), realpathSync(source))) {
    throw new ImageError(src, 'is a link to a file outside the posts folder');
  }
  const ext = path.extname(source).toLowerCase();
  if (!IMAGE_TYPES.includes(ext)) throw new ImageError(src, `is not an image (allowed: ${IMAGE_TYPES.join(', ')})`);
  const data = readFileSync(source);
  const unsafe = ext === '.svg' ? svgProblem(data.toString('utf8')) : undefined;
  if (unsafe) throw new ImageError(src, unsafe);
  const fileName = `content-images/${path.basename(source, path.extname(source))}.${shortHash(data)}${ext}`;
  return { file: source, url: base + fileName, fileName, source: data };
}
