import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeWhole } from './output-files.ts';

/**
 * What the last build into an output folder made its pages from. A post page is a function of the page template
 * (which names every script and stylesheet, so it changes with any code), the site's base and URL, and the post's
 * payload (its body, metadata and neighbours, all under its hash); a page of a list, of the same template and its
 * chunk (named by its hash). When none of these changed, the page on disk is the page a new render would make, and
 * the build keeps it instead of rendering it again: publishing one post renders its page and the few list pages that
 * show it, not every page of the blog.
 */
export interface PageState {
  template: string;
  /** Page path (`/posts/<slug>/`, `/tags/<tag>/page/2/`) → what it was made from: a payload hash, a chunk name. */
  pages: Record<string, string>;
}

/** A page the build makes from one input: its path, and the hash or hashed name of what it shows. */
export interface PageInput {
  path: string;
  input: string;
}

/** The file of a page, relative to the output folder: `/page/2/` → `page/2/index.html`. */
export const pageFile = (pagePath: string): string => `${pagePath.slice(1)}index.html`;

const sha = (data: string) => createHash('sha256').update(data).digest('hex');

export const templateKey = (parts: unknown): string => sha(JSON.stringify(parts));

/** Where the state of the build into `outDir` is kept (beside the render cache, not in the published folder). */
export const pageStateFile = (cacheDir: string, outDir: string): string =>
  path.join(cacheDir, `pages-${sha(path.resolve(outDir)).slice(0, 16)}.json`);

export function readPageState(file: string): PageState | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<PageState>;
    return typeof value.template === 'string' && typeof value.pages === 'object' && value.pages !== null
      ? { template: value.template, pages: value.pages }
      : undefined;
  } catch {
    return undefined;
  }
}

export function writePageState(file: string, state: PageState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeWhole(file, JSON.stringify(state));
}

/** The paths of the pages on disk in `outDir` that can stay: same template, same input, and the file still there. */
export function reusablePages(
  state: PageState | undefined,
  template: string,
  pages: readonly PageInput[],
  outDir: string,
): Set<string> {
  if (state?.template !== template) return new Set();
  return new Set(
    pages
      .filter((p) => state.pages[p.path] === p.input && existsSync(path.join(outDir, pageFile(p.path))))
      .map((p) => p.path),
  );
}
