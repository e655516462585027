import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    // Most end-to-end time is spent waiting on processes and sockets: more workers than cores pays off.
    maxWorkers: 3,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    environment: 'node',
  },
});
