import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    // Most end-to-end time is spent waiting on processes and sockets: more workers than cores pays off.
    maxWorkers: 3,
    // Bounds on a hang, not on speed: a loaded 2-core CI machine has taken seconds to start one Node
    // process, and a test that starts several in a row must not be cut off for that.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    environment: 'node',
  },
});
