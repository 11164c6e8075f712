import { availableParallelism } from 'node:os';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { runTask, type TaskInput, type TaskName } from './build-tasks.ts';

/** Fewer tasks than this run on the main thread: starting a thread (loading Vite's module runner) costs about 1 s. */
export const MIN_PARALLEL_TASKS = 8;

/**
 * The young generation of the threads of `run` (the render threads). Rendering and indexing make millions of
 * short-lived strings; V8's default young generation fills every few milliseconds and its collections were a fifth of
 * a search shard's time. A larger one (64 MB semi-spaces) took the 10,000-post search index about 10% less time in
 * seven of eight paired builds, for about 60 MB more peak RSS each. The threads of `beside` run beside the main
 * thread's heap, where memory counts for more: they keep V8's default.
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
  /**
   * Run `task` over every input on one thread while this thread goes on with other work (the pool's other threads are
   * ended: their heaps would be memory held for nothing meanwhile), and on a second one too once `help` says this
   * thread is free. Both threads are fresh, without the heaps an earlier run left. `heapMb` caps each one's old
   * generation: left to itself, V8 lets a heap grow to several times what it holds before collecting it, and that is
   * memory the build needs for its own heap. Under `minParallel` inputs, or with one thread, this thread does them all
   * when it helps.
   */
  beside<T extends TaskName>(task: T, inputs: readonly TaskInput<T>[], options?: { heapMb?: number }): BuildRun;
  /** Ends the threads. */
  close(): Promise<void>;
}

/** A run of tasks under way beside this thread's work (see BuildPool.beside). */
export interface BuildRun {
  /** Settles when every input is done, or rejects with the first error. */
  done: Promise<void>;
  /** This thread is free: the run's second thread takes inputs too (or this one, when there is no thread). */
  help(): void;
  /**
   * Why a thread of the run was lost (out of memory, say), if one was: what it had in hand goes to the other thread,
   * or to this one, so a lost thread costs time, not the build.
   */
  readonly lost: Error | undefined;
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
  const start = (count: number, resourceLimits: ResourceLimits) => {
    workers = Array.from({ length: count }, () => {
      const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { resourceLimits });
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
  /**
   * Deal inputs to one thread until none are left. A task's error rejects; so does losing the thread (it ran out of
   * memory, or stopped), unless `lost` is given: then `lost` gets the error and the input the thread had in hand, and
   * the run ends as if the thread had had nothing left to take.
   */
  const runOn = <T extends TaskName>(
    entry: (typeof workers)[number],
    task: T,
    next: () => TaskInput<T> | undefined,
    lost?: (error: Error, input: TaskInput<T> | undefined) => void,
  ) => {
    return entry.ready.then(
      () =>
        new Promise<void>((resolve, reject) => {
          const { worker } = entry;
          let current: TaskInput<T> | undefined;
          const give = () => {
            current = next();
            if (current === undefined) return finish(resolve);
            worker.postMessage({ task, input: current });
          };
          const onMessage = (m: Reply) =>
            m.error !== undefined
              ? finish(() => reject(new Error(`A build thread failed (${task}): ${m.error}`)))
              : give();
          const died = (error: Error) =>
            finish(() => {
              if (!lost) return reject(error);
              lost(error, current);
              resolve();
            });
          const onExit = (code: number) =>
            died(new Error(`A build thread stopped before its work was done (exit code ${code}).`));
          const finish = (settle: () => void) => {
            worker.off('message', onMessage);
            worker.off('error', died);
            worker.off('exit', onExit);
            settle();
          };
          // A thread lost in an earlier run takes no more work.
          if (entry.exited !== undefined) return onExit(entry.exited);
          worker.on('message', onMessage);
          worker.on('error', died);
          worker.on('exit', onExit);
          give();
        }),
      (error: unknown) => {
        // The thread did not start.
        const e = error instanceof Error ? error : new Error(String(error));
        if (!lost) throw e;
        lost(e, undefined);
      },
    );
  };
  // Enough inputs, and threads to give them to, to be worth a thread's start-up.
  const parallel = (inputs: readonly unknown[]) => threads > 1 && inputs.length >= minParallel;
  return {
    async run(task, inputs) {
      if (!parallel(inputs)) {
        for (const input of inputs) await runTask(task, input);
        return;
      }
      if (workers.length === 0) start(threads, { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB });
      const queue = pending(inputs);
      await Promise.all(workers.slice(0, inputs.length).map((w) => runOn(w, task, () => queue.pop())));
    },
    beside(task, inputs, { heapMb } = {}) {
      // A lost thread's input goes back on the queue for another to take.
      const queue = pending(inputs);
      const next = () => queue.pop();
      let lostError: Error | undefined;
      const lost = (error: Error, input: TaskInput<typeof task> | undefined) => {
        lostError ??= error;
        if (input !== undefined) queue.push(input);
      };
      const ended = workers;
      workers = [];
      void Promise.all(ended.map(({ worker }) => worker.terminate())).catch(() => undefined);
      // Two fresh threads, one to work beside this one and one to take this one's place once it is free: started
      // now, their start-up is hidden too. Each with V8's own young generation and a capped old one: their speed
      // matters less than the memory they hold beside this thread's.
      if (parallel(inputs)) start(2, heapMb ? { maxOldGenerationSizeMb: heapMb } : {});
      const [first, second] = workers;
      let asked: () => void = () => undefined;
      let helping = false;
      const helped = new Promise<void>((resolve) => (asked = resolve));
      const firstRun = first ? runOn(first, task, next, lost) : Promise.resolve();
      const secondRun = helped.then(() => (second ? runOn(second, task, next, lost) : undefined));
      secondRun.catch(() => undefined);
      const done = firstRun.then(async () => {
        // The first thread did it all.
        if (!helping && queue.length === 0) return;
        await secondRun;
        // What no thread could do (lost, or never started), this thread does.
        for (let input = next(); input !== undefined; input = next()) await runTask(task, input);
      });
      return {
        done,
        help: () => {
          helping = true;
          asked();
        },
        get lost() {
          return lostError;
        },
      };
    },
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
      workers = [];
    },
  };
}

/** The inputs as a queue taken from its end (`pop`), in their order: each to whichever thread asks next. */
const pending = <T>(inputs: readonly T[]): T[] => [...inputs].reverse();

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
