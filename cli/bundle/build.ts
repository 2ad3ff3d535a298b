/**
 * Bundles the compiled CLI into dist/bin/apsis.mjs (+ chunks): Node then loads a few modules instead of
 * hundreds (Ink and its dependencies alone take ~400 ms to load unbundled, ~110 ms bundled).
 * Run after `tsc` by `npm run build`.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const dist = fileURLToPath(new URL('../..', import.meta.url));
await build({
  // demo-worker: the worker threads of `apsis demo` (cli/demo/pool.ts finds it next to apsis.mjs).
  entryPoints: { apsis: join(dist, 'cli', 'main.js'), 'demo-worker': join(dist, 'cli', 'demo', 'worker.js') },
  outdir: join(dist, 'bin'),
  outExtension: { '.js': '.mjs' },
  // Chunks split at dynamic imports: `apsis --version` does not parse Ink, PDF or ZIP code.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Some dependencies are CommonJS and call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __apsisRequire } from 'node:module'; const require = __apsisRequire(import.meta.url);" },
  alias: { 'react-devtools-core': join(dist, 'cli', 'bundle', 'react-devtools-stub.js') },
  logLevel: 'warning',
});
