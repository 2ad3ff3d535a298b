// Lint rules that guard the architecture: core/ is pure (no I/O, no UI), nothing imports a test.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = [
  'fs', 'fs/promises', 'net', 'http', 'https', 'child_process', 'worker_threads', 'dgram', 'tls',
  'readline', 'process', 'os', 'cluster',
  'ws', 'y-websocket', 'lowdb', 'lowdb/node', 'ink', 'react', 'commander', 'chalk', 'archiver',
  'ink-testing-library', 'env-paths',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ioModules.map((name) => ({ name, message: 'core/ is pure: pass I/O in from cli/ or sync-server/.' })),
        patterns: [
          { group: ['node:*'], message: 'core/ is pure: no node: modules (pass I/O in).' },
          { group: ['**/cli/**', '**/sync-server/**', '**/test/**', '**/bench/**'], message: 'core/ depends on nothing outside core/.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'core/ reads no environment: pass values in.' },
        { name: 'fetch', message: 'core/ has no network.' },
        { name: 'setTimeout', message: 'core/ has no clock: pass a scheduler in.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'core/ has no clock: pass `now` in.' },
        { object: 'Math', property: 'random', message: 'core/ has no randomness: pass a seeded random source in.' },
      ],
    },
  },
  {
    files: ['cli/**/*.{ts,tsx}', 'sync-server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/test/**', '**/bench/**'], message: 'product code never imports tests or benchmarks.' }],
      }],
    },
  },
);
