import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';

// Component tests run in jsdom; unmount what each test rendered so the next starts clean.
afterEach(async () => {
  if (typeof document === 'undefined') return;
  const { cleanup } = await import('@testing-library/preact');
  cleanup();
});
