/**
 * bench:demo — generate the large demo world (3,000 clients, 250 staff, 20 care groups) through the
 * real binary into a temporary workspace; target ≤ 10 s. Usage: node dist/bench/demo.js [--size large]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BIN } from '../test/helpers/cli.js';
import { writeResult } from './report.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: 'large' }, seed: { type: 'string', default: '1' } } });
const base = await mkdtemp(join(tmpdir(), 'apsis-bench-demo-'));
try {
  const ws = join(base, 'ws');
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, '--workspace', ws, 'demo', '--size', values.size!, '--seed', values.seed!, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, APSIS_NOW: '2026-11-23T07:00:00Z' },
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`apsis demo failed: ${r.stderr}`);
  const summary = JSON.parse(r.stdout) as { clients: number; staff: number; careGroups: number };
  const du = spawnSync('du', ['-sk', ws], { encoding: 'utf8' }).stdout.split('\t')[0];
  await writeResult(`demo-${values.size}`, `Demo world generation (${values.size})`, [
    ['world', `${summary.clients} clients, ${summary.staff} staff, ${summary.careGroups} care groups (seed ${values.seed})`],
    ['wall time, process start to exit', `${(ms / 1000).toFixed(2)} s (target ≤ 10 s)`],
    ['workspace on disk', `${(Number(du) / 1024).toFixed(1)} MiB`],
  ]);
} finally {
  await rm(base, { recursive: true, force: true });
}
