// A build worker thread: runs the tasks of src/build/build-tasks.ts that the main thread hands it. Node cannot load
// TypeScript itself, so Vite's module runner loads the tasks, as it loads vite.config.ts. Plain JavaScript for that
// reason only; everything it runs is in build-tasks.ts.
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { runnerImport } from 'vite';

const port = parentPort;
if (!port) throw new Error('worker-entry.mjs runs as a build worker thread (src/build/workers.ts).');
const root = fileURLToPath(new URL('../..', import.meta.url));
const { module } = await runnerImport(fileURLToPath(new URL('./build-tasks.ts', import.meta.url)), {
  root,
  configFile: false,
  logLevel: 'silent',
});

// One task at a time: each reply (`{}`, or the error) says the thread is free for the next.
port.on('message', async ({ task, input }) => {
  try {
    await module.runTask(task, input);
    port.postMessage({});
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
port.postMessage({ ready: true });
