/**
 * Crash safety: a writer process is SIGKILLed at random moments (also inside compactions); after
 * every kill the workspace opens and holds every edit the writer had reported as saved.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listClientRecords } from '../../core/doc/client-doc.js';
import type { ClientId } from '../../core/ids.js';
import { initWorkspace, openWorkspace } from '../../cli/workspace/workspace.js';
import { crashRound, requireBuild } from '../helpers/crash-run.js';
import { createRng, testSeed } from '../helpers/rng.js';

const clock = { now: () => new Date('2026-11-22T10:00:00Z') };
let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('crash safety', () => {
  it('loses nothing reported as saved across 50 SIGKILLs', async () => {
    requireBuild();
    const seed = testSeed();
    const rng = createRng(seed);
    dir = await mkdtemp(join(tmpdir(), 'apsis-crash-'));
    const init = await initWorkspace(dir, clock, { user: { id: 's-anna', name: 'Anna', role: 'coordinator' }, namespace: 'test' });
    if (!init.ok) throw new Error(init.error.message);
    const added = await init.value.addClient({ givenName: 'Jānis', familyName: 'Bērziņš' });
    if (!added.ok) throw new Error('add failed');
    await init.value.close();

    const reported: string[] = [];
    for (let round = 0; round < 50; round++) {
      const killAfter = Math.floor(rng() * 120);
      const { saved } = await crashRound(dir, added.id, round, killAfter);
      reported.push(...saved);
      const ws = await openWorkspace(dir, clock);
      expect(ws.ok, `seed ${seed} round ${round}: ${!ws.ok ? ws.error.message : ''}`).toBe(true);
      if (!ws.ok) return;
      const doc = await ws.value.client(added.id as ClientId);
      expect(doc.ok, `seed ${seed} round ${round}: ${JSON.stringify(!doc.ok && doc.error)}`).toBe(true);
      if (!doc.ok) return;
      const have = new Set(listClientRecords(doc.doc, 'visitRecords').records.map((r) => r.id));
      const missing = reported.filter((id) => !have.has(id));
      expect(missing, `seed ${seed} round ${round} (killed after ${killAfter} ms)`).toEqual([]);
      await ws.value.close();
    }
    expect(reported.length).toBeGreaterThan(50);
  }, 120_000);
});
