import { defineConfig } from 'vitest/config';

// The posts' code listings, built with gcc, clang (eBPF) and nasm, and the bootloader booted in QEMU.
export default defineConfig({
  test: { include: ['test/listings/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
});
