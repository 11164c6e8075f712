import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// Unit, component and build-output tests. Component tests opt into jsdom with a file comment.
// The app imports the index manifest's name from the build; tests give it a fixed one.
const indexManifest: Plugin = {
  name: 'test:index-manifest',
  resolveId: (id) => (id === 'virtual:index-manifest' ? '\0virtual:index-manifest' : undefined),
  load: (id) => (id === '\0virtual:index-manifest' ? `export default 'index/manifest.000000000000.json';` : undefined),
};

export default defineConfig({
  plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false }), indexManifest],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/build/**/*.test.ts', 'test/scripts/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
