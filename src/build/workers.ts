import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runTask, type TaskInput, type TaskName } from './build-tasks.ts';

/** Fewer tasks than this run on the main thread: starting a thread (loading Vite's module runner) costs about 1 s. */
export const MIN_PARALLEL_TASKS = 8;

/**
 * The young generation of each build thread's heap. Rendering and indexing make millions of short-lived strings;
 * V8's default young generation fills every few milliseconds and its collections were a fifth of a search shard's
 * time. A larger one (64 MB semi-spaces) took the 10,000-post search index about 10% less time in seven of eight
 * paired builds, for about 60 MB more peak RSS.
 */
const YOUNG_GENERATION_MB = 192;

/** Threads for the build: one per core, at most four (each holds its own heap). */
export const buildThreads = (): number => Math.min(4, availableParallelism());

/** `items` in runs of `size`: one task's share of many small jobs. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Build threads kept for several runs of tasks: a cold build renders the posts, then builds the search shards. */
export interface BuildPool {
  /**
   * Run `task` over every input, on the pool's threads when there are enough inputs to be worth their start-up, else
   * on this thread (the same code either way: src/build/build-tasks.ts). Inputs are dealt out one at a time as threads
   * free up, so one slow input does not hold back a share of the others. Rejects with the first task's error.
   */
  run<T extends TaskName>(task: T, inputs: readonly TaskInput<T>[]): Promise<void>;
  /** Ends the threads. */
  close(): Promise<void>;
}

interface Reply {
  ready?: true;
  error?: string;
}

/**
 * A pool of `threads` build threads, started when first needed and kept until closed: a thread costs about a second
 * to start (it loads Vite's module runner), paid once for every run of a build, not once per run.
 */
export function buildPool({
  threads = buildThreads(),
  minParallel = MIN_PARALLEL_TASKS,
}: { threads?: number; minParallel?: number } = {}): BuildPool {
  let workers: { worker: Worker; ready: Promise<void>; exited?: number }[] = [];
  const start = () => {
    workers = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      // The first message says the thread has loaded the tasks.
      const ready = new Promise<void>((resolve, reject) => {
        worker.once('message', (m: Reply) => (m.ready ? resolve() : reject(new Error(m.error))));
        worker.once('error', reject);
      });
      ready.catch(() => undefined);
      const entry: (typeof workers)[number] = { worker, ready };
      worker.once('exit', (code) => (entry.exited = code));
      return entry;
    });
  };
  const runOn = <T extends TaskName>(entry: (typeof workers)[number], task: T, next: () => TaskInput<T> | undefined) =>
    entry.ready.then(
      () =>
        new Promise<void>((resolve, reject) => {
          const { worker } = entry;
          const give = () => {
            const input = next();
            if (input === undefined) return finish(resolve);
            worker.postMessage({ task, input });
          };
          const onMessage = (m: Reply) =>
            m.error !== undefined
              ? finish(() => reject(new Error(`A build thread failed (${task}): ${m.error}`)))
              : give();
          const onExit = (code: number) =>
            finish(() => reject(new Error(`A build thread stopped before its work was done (exit code ${code}).`)));
          const finish = (settle: () => void) => {
            worker.off('message', onMessage);
            worker.off('error', reject);
            worker.off('exit', onExit);
            settle();
          };
          // A thread lost in an earlier run takes no more work.
          if (entry.exited !== undefined) return onExit(entry.exited);
          worker.on('message', onMessage);
          worker.on('error', reject);
          worker.on('exit', onExit);
          give();
        }),
    );
  return {
    async run(task, inputs) {
      if (threads <= 1 || inputs.length < minParallel) {
        for (const input of inputs) await runTask(task, input);
        return;
      }
      if (workers.length === 0) start();
      let taken = 0;
      const next = () => (taken < inputs.length ? inputs[taken++] : undefined);
      await Promise.all(workers.slice(0, inputs.length).map((w) => runOn(w, task, next)));
    },
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
      workers = [];
    },
  };
}

/** One run of `task` over `inputs` on a pool of its own (see BuildPool.run). */
export async function runTasks<T extends TaskName>(
  task: T,
  inputs: readonly TaskInput<T>[],
  options: { threads?: number; minParallel?: number } = {},
): Promise<void> {
  const pool = buildPool(options);
  try {
    await pool.run(task, inputs);
  } finally {
    await pool.close();
  }
}
