import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What the last build into an output folder made its post pages from: a post page is a function of the page
 * template (which names every script and stylesheet, so it changes with any code), the site's base and URL, and the
 * post's payload (its body, metadata and neighbours, all under its hash). When none of these changed, the page on
 * disk is the page a new render would make, and the build keeps it instead of rendering it again.
 */
export interface PageState {
  template: string;
  /** Post slug → the hash of the payload its page was made from. */
  pages: Record<string, string>;
}

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
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

/** The posts whose page on disk can stay: same template, same payload, and the file still there. */
export function reusablePages(
  state: PageState | undefined,
  template: string,
  posts: { slug: string; hash: string }[],
  pageFile: (slug: string) => string,
): Set<string> {
  if (state?.template !== template) return new Set();
  return new Set(
    posts.filter((p) => state.pages[p.slug] === p.hash && existsSync(pageFile(p.slug))).map((p) => p.slug),
  );
}
