/** Where the e-file worker script is, for the batch pool (pool.ts). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The worker script beside this module: compiled (dist/cli/efile) or bundled (dist/bin, this module in dist/bin/chunks). */
export function workerScript(): URL | null {
  for (const rel of ['./render-worker.js', '../efile-worker.mjs', './efile-worker.mjs']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}
