// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Layer import rules (docs/ARCHITECTURE.md "Import rules"). Each message names the approved alternative.
 * Patterns are matched against the import specifier, so they catch relative paths at any depth.
 */
const layer = (message, group) => ({ group, message });
const NO_DB = layer('Go through src/services: only services (and cli/server entry points) touch db.', [
  '**/db/*',
  '**/db/**',
]);
const NO_SERVICES = layer('This layer may not call services.', ['**/services/*', '**/services/**']);
const NO_CLI = layer('Nothing imports the CLI.', ['**/cli/*', '**/cli/**']);
const NO_WEB = layer('Nothing imports the web app.', ['**/web/*', '**/web/**']);
const NO_NODE = layer('src/domain is pure: no Node built-ins, no I/O.', ['node:*']);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'data/**',
      'node_modules/**',
      'test-results/**',
      'scratch/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'src/web/vite.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/cli/**', 'src/**/*.bench.ts', 'src/db/testing/**', 'src/**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_DB,
            NO_SERVICES,
            layer('domain imports nothing outside domain.', ['**/server/**', '**/server/*']),
            NO_CLI,
            NO_WEB,
            NO_NODE,
          ],
        },
      ],
    },
  },
  {
    files: ['src/db/**'],
    ignores: ['src/db/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_SERVICES,
            layer('db may import only domain.', ['**/server/**', '**/server/*']),
            NO_CLI,
            NO_WEB,
          ],
        },
      ],
    },
  },
  {
    files: ['src/db/migrations/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('Migrations are frozen in time: they import nothing from src/ but kysely.', [
              '../*',
              '../**',
              '!./*',
            ]),
          ],
        },
      ],
    },
  },
  {
    files: ['src/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('services may not import server.', ['**/server/**', '**/server/*']),
            NO_CLI,
            NO_WEB,
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**'],
    ignores: ['src/server/main.ts', 'src/server/app.ts', 'src/server/**/*.test.ts', 'src/server/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_DB, NO_CLI, NO_WEB] }],
    },
  },
  {
    files: ['src/server/main.ts', 'src/server/app.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('server entry points may use only db/connect and db/migrate.', [
              '**/db/**',
              '!**/db/connect.js',
              '!**/db/migrate.js',
              '!**/db/database.js',
            ]),
            NO_CLI,
            NO_WEB,
          ],
        },
      ],
    },
  },
  {
    // The web app runs in the browser and talks to the server only through the API: it may import
    // its own files, the pure domain, and the API's contract (src/server/*/*.schema.ts).
    files: ['src/web/**'],
    ignores: ['src/web/e2e/**', 'src/web/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_DB,
            NO_SERVICES,
            NO_CLI,
            layer(
              'web talks to the server only through the API: import only its contract (src/server/*/*.schema.ts).',
              // Files only (a pattern matching the module folders would stop the .schema.js exception).
              ['**/server/*.js', '**/server/*/*.js', '!**/server/*/*.schema.js', '**/server/*/*/**'],
            ),
            layer('src/web runs in the browser: no Node built-ins.', ['node:*']),
          ],
        },
      ],
    },
  },
  {
    // Browser tests (Node): they start the real server in process and drive Chromium.
    files: ['src/web/e2e/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('cli may use only db/connect, db/migrate and db/database from db.', [
              '**/db/**',
              '!**/db/connect.js',
              '!**/db/migrate.js',
              '!**/db/database.js',
            ]),
            NO_WEB,
          ],
        },
      ],
    },
  },
);
