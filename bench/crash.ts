/**
 * bench:crash — 200 SIGKILLs of a writer at random moments (also inside compactions); after each,
 * the workspace must open and hold every edit reported saved. Prints kills, edits and open times.
 * Usage: node dist/bench/crash.js [--kills 200] [--seed N]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { listClientRecords } from '../core/doc/client-doc.js';
import { initWorkspace, openWorkspace } from '../cli/workspace/workspace.js';
import { crashRound, requireBuild } from '../test/helpers/crash-run.js';
import { createRng } from '../test/helpers/rng.js';
import { writeResult } from './report.js';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '200' }, seed: { type: 'string', default: String(Date.now() % 2 ** 31) } } });
const KILLS = Number(values.kills);
const seed = Number(values.seed);
requireBuild();
const rng = createRng(seed);
const clock = { now: () => new Date() };
const dir = await mkdtemp(join(tmpdir(), 'apsis-crash-bench-'));
try {
  const init = await initWorkspace(dir, clock, { user: { id: 's-1', name: 'Bench', role: 'coordinator' }, namespace: 'bench' });
  if (!init.ok) throw new Error(init.error.message);
  const added = await init.value.addClient({ givenName: 'Jānis', familyName: 'Bērziņš' });
  if (!added.ok) throw new Error('add failed');
  await init.value.close();
  const reported: string[] = [];
  const opens: number[] = [];
  let lost = 0;
  for (let round = 0; round < KILLS; round++) {
    const { saved } = await crashRound(dir, added.id, round, Math.floor(rng() * 200));
    reported.push(...saved);
    const t = performance.now();
    const ws = await openWorkspace(dir, clock);
    if (!ws.ok) throw new Error(`seed ${seed} round ${round}: ${ws.error.message}`);
    const doc = await ws.value.client(added.id);
    if (!doc.ok) throw new Error(`seed ${seed} round ${round}: ${JSON.stringify(doc.error)}`);
    opens.push(performance.now() - t);
    const have = new Set(listClientRecords(doc.doc, 'visitRecords').records.map((r) => r.id));
    lost += reported.filter((id) => !have.has(id)).length;
    await ws.value.close();
    if (lost > 0) throw new Error(`seed ${seed} round ${round}: ${lost} saved edits lost`);
  }
  opens.sort((a, b) => a - b);
  await writeResult('crash', 'Crash safety (SIGKILL)', [
    ['kills', String(KILLS)],
    ['seed', String(seed)],
    ['edits reported saved', String(reported.length)],
    ['edits lost', String(lost)],
    ['open after kill p50 / max', `${opens[Math.floor(opens.length / 2)]!.toFixed(1)} ms / ${opens.at(-1)!.toFixed(1)} ms`],
  ]);
} finally {
  await rm(dir, { recursive: true, force: true });
}
