import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/** A file the content pipeline writes itself, outside the bundle: at 10,000 posts most of them are unchanged. */
export interface OwnedFile {
  fileName: string;
  /** Read when the file is written, not before: a payload's text, or a page, is made on demand. */
  source: () => string | Uint8Array | Promise<string | Uint8Array>;
  /** The name carries a hash of the content: a file of that name already there is this file. */
  hashed: boolean;
}

/**
 * Write a file through a temporary name renamed into place, so a build killed half-way (or a build thread lost) never
 * leaves a cut file under a name that says it is whole. The temporary name is the process's and the thread's own.
 */
export function writeWhole(file: string, data: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.${threadId}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}

/** How long writeChanged works before it lets the event loop turn. */
const TURN_MS = 10;

/**
 * Write the files that changed and only those, each to a temporary name first and renamed into place, so a build
 * killed half-way never leaves a cut file under a name that says it is whole. Returns how many were written.
 */
export async function writeChanged(outDir: string, files: Iterable<OwnedFile>): Promise<number> {
  let written = 0;
  const dirs = new Set<string>();
  let turned = performance.now();
  for (const file of files) {
    // Thousands of files are one long run of work that never lets the event loop turn: it is let turn every few
    // milliseconds, so a build thread working beside this one (src/build/workers.ts) gets its next task meanwhile.
    if (performance.now() - turned > TURN_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      turned = performance.now();
    }
    const target = path.join(outDir, file.fileName);
    if (file.hashed && existsSync(target)) continue;
    const source = await file.source();
    const bytes = typeof source === 'string' ? Buffer.from(source) : source;
    if (!file.hashed && sameBytes(target, bytes)) continue;
    const dir = path.dirname(target);
    if (!dirs.has(dir)) {
      dirs.add(dir);
      mkdirp(dir);
    }
    writeWhole(target, bytes);
    written++;
  }
  return written;
}

function sameBytes(file: string, bytes: Uint8Array): boolean {
  try {
    return statSync(file).size === bytes.byteLength && Buffer.compare(readFileSync(file), bytes) === 0;
  } catch {
    return false;
  }
}

function mkdirp(dir: string) {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
}

/**
 * Delete every file under `dirs` (relative to `outDir`) that this build did not produce, and the folders left empty:
 * a removed post, an old payload, a list page that no longer exists. Returns how many files went.
 */
export function pruneStale(outDir: string, dirs: string[], keep: Set<string>): number {
  let removed = 0;
  const walk = (rel: string): boolean => {
    const abs = path.join(outDir, rel);
    let empty = true;
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (walk(child)) rmdirSync(path.join(outDir, child));
        else empty = false;
      } else if (keep.has(child)) {
        empty = false;
      } else {
        unlinkSync(path.join(outDir, child));
        removed++;
      }
    }
    return empty;
  };
  for (const dir of dirs) if (existsSync(path.join(outDir, dir)) && walk(dir)) rmdirSync(path.join(outDir, dir));
  return removed;
}
