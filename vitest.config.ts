import { defineConfig } from 'vitest/config';

// Three projects (docs/ARCHITECTURE.md "Tests"):
// - unit: *.test.ts, pure and fast, no I/O; carries the 100% coverage gate on src/domain.
// - int:  *.int.test.ts, real databases; the engines come from TEST_DB (default "pglite").
// - e2e:  src/web/e2e/*.e2e.test.ts, the built web app (npm run build:web) in Debian's Chromium
//         against the real server on a fresh PGlite with the demo data (npm run test:e2e).
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
          exclude: ['src/**/*.int.test.ts', 'src/**/*.e2e.test.ts', 'node_modules/**', 'dist/**'],
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
      {
        test: {
          name: 'e2e',
          include: ['src/web/e2e/**/*.e2e.test.ts'],
          env: { TZ: 'UTC' },
          pool: 'forks',
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
