/** Runs the real, compiled `apsis` binary in a child process, as a user or a script would. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './crash-run.js';

export const BIN = join(ROOT, 'dist', 'bin', 'apsis.mjs');

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `apsis …args` with the given workspace; NO_COLOR so output is plain. */
export function apsis(workspace: string, args: string[], env: Record<string, string> = {}): RunResult {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` (npm test does it first).`);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, APSIS_WORKSPACE: workspace, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fingerprint of every file under `dir` (path → sha256), to prove a failed command changed nothing. */
export function treeHash(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}
