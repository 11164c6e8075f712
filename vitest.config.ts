import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Unit, component and build-output tests. Component tests opt into jsdom with a file comment.
export default defineConfig({
  plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/build/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
