import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium against the built dist/ on a plain static server, one file at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
