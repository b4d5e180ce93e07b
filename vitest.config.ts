import { defineConfig } from 'vitest/config';

// Two projects (docs/ARCHITECTURE.md "Tests"):
// - unit: *.test.ts, pure and fast, no I/O; carries the 100% coverage gate on src/domain.
// - int:  *.int.test.ts, real databases; the engines come from TEST_DB (default "pglite").
export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    allowOnly: false,
    coverage: {
      provider: 'v8',
      include: ['src/domain/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/domain/**/index.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 100, branches: 100, functions: 100, statements: 100 },
    },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts', 'node_modules/**', 'dist/**'],
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'int',
          include: ['src/**/*.int.test.ts'],
          env: { TZ: 'UTC' },
          globalSetup: ['src/db/testing/global-setup.ts'],
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
