import { defineConfig } from 'vitest/config';

// One config, two environments: everything runs in Node except renderer component tests,
// which run in jsdom. Tests sit next to the code they test.
export default defineConfig({
  test: {
    // Vitest's default here is one worker fewer than the cores: one worker on the 2-core CI
    // machine. Two workers halve the wall time of the I/O-bound integration tests (databases,
    // servers, child processes); every test uses its own temp folder, database and ports.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'migrations/**/*.test.ts', 'scripts/**/*.test.ts', 'electron/**/*.test.ts'],
          exclude: ['src/renderer/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          testTimeout: 30_000,
        },
      },
    ],
  },
});
