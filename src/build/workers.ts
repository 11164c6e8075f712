import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runTask, type TaskInput, type TaskName } from './build-tasks.ts';

/** Fewer tasks than this run on the main thread: starting a thread (loading Vite's module runner) costs about 1 s. */
export const MIN_PARALLEL_TASKS = 8;

/** Threads for the build: one per core, at most four (each holds its own heap). */
export const buildThreads = (): number => Math.min(4, availableParallelism());

/** `items` in runs of `size`: one task's share of many small jobs. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Run `task` over every input, on `threads` worker threads when there are enough inputs to be worth their start-up,
 * else on this thread (the same code either way: src/build/build-tasks.ts). Inputs are dealt out one at a time as
 * threads free up, so one slow input does not hold back a share of the others. Rejects with the first task's error.
 */
export async function runTasks<T extends TaskName>(
  task: T,
  inputs: readonly TaskInput<T>[],
  { threads = buildThreads(), minParallel = MIN_PARALLEL_TASKS }: { threads?: number; minParallel?: number } = {},
): Promise<void> {
  if (threads <= 1 || inputs.length < minParallel) {
    for (const input of inputs) runTask(task, input);
    return;
  }
  const workers = Array.from(
    { length: Math.min(threads, inputs.length) },
    () => new Worker(new URL('./worker-entry.mjs', import.meta.url)),
  );
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let done = false;
            const give = () => {
              if (next < inputs.length) return worker.postMessage({ id: next, task, input: inputs[next++] });
              done = true;
              resolve();
            };
            // The first message says the thread is ready; each after it, that its last task is done.
            worker.on('message', (m: { ready?: true; error?: string }) => {
              if (m.error !== undefined) reject(new Error(`A build thread failed (${task}): ${m.error}`));
              else give();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (!done) reject(new Error(`A build thread stopped before its work was done (exit code ${code}).`));
            });
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
