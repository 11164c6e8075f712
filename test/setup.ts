import 'fake-indexeddb/auto';
import { afterAll, afterEach } from 'vitest';

// Component tests run in jsdom; unmount what each test rendered so the next starts clean.
afterEach(async () => {
  if (typeof document === 'undefined') return;
  const { cleanup } = await import('@testing-library/preact');
  cleanup();
});

// Preact runs effects after paint, by requestAnimationFrame or a 35 ms timer; one still pending when a file ends
// would fire after jsdom is gone (`cancelAnimationFrame is not defined`). Let it fire first.
afterAll(async () => {
  if (typeof document === 'undefined') return;
  await new Promise((resolve) => setTimeout(resolve, 100));
});
