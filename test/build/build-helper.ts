import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Build the reader into a fresh temporary folder, as `vite build` would, with the given environment; `empty: false`
 * rebuilds over what is there, as `vite build` does by default.
 */
export async function buildInto(
  env: Record<string, string> = {},
  outDir = mkdtempSync(path.join(tmpdir(), 'reader-build-')),
  { empty = true }: { empty?: boolean } = {},
): Promise<string> {
  const saved = { ...process.env };
  // As `vite build` runs: in production mode (the worker's Workbox build follows NODE_ENV too).
  Object.assign(process.env, { NODE_ENV: 'production' }, env);
  try {
    await build({
      root: ROOT,
      configFile: path.join(ROOT, 'vite.config.ts'),
      logLevel: 'silent',
      mode: 'production',
      build: { outDir, emptyOutDir: empty },
    });
  } finally {
    process.env = saved;
  }
  return outDir;
}
