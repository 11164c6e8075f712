import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderPost } from './content.ts';
import { parseFrontMatter } from './front-matter.ts';
import { ImageError } from './images.ts';
import { renderCache } from './render-cache.ts';
import { cacheShardIndex, shardCache, type IndexedPost } from './search-index.ts';

/**
 * The build's work that can run on other threads (src/build/workers.ts): each task fills a cache the main thread then
 * reads, so nothing big crosses between threads and a task lost with its thread only costs the work again.
 */
const TASKS = {
  /** Render posts not yet in the render cache, into it. Broken posts are left for the main thread to report. */
  render(input: { dir: string; base: string; cacheDir: string; files: string[] }): void {
    const cache = renderCache(input.cacheDir, input.base, path.resolve(input.dir));
    for (const name of input.files) {
      const source = readFileSync(path.join(input.dir, name), 'utf8');
      const parsed = parseFrontMatter(name, source);
      if ('problems' in parsed) continue;
      try {
        renderPost(input.dir, input.base, source, parsed.body, cache);
      } catch (e) {
        if (!(e instanceof ImageError)) throw e;
      }
    }
  },
  /** Build the index of one search shard into the shard cache, under its key. */
  searchShard(input: { cacheDir: string; key: string; posts: IndexedPost[] }): void {
    cacheShardIndex(shardCache(input.cacheDir), input.key, input.posts);
  },
};

export type TaskName = keyof typeof TASKS;
export type TaskInput<T extends TaskName> = Parameters<(typeof TASKS)[T]>[0];

export async function runTask<T extends TaskName>(task: T, input: TaskInput<T>): Promise<void> {
  const run = TASKS[task] as (input: TaskInput<T>) => void | Promise<void>;
  if (typeof run !== 'function') throw new Error(`No build task "${String(task)}".`);
  await run(input);
}
