/** `apsis schedule build|show|repair` on a demo workspace whose clients have care plans. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCarePlan } from './plan-items.js';
import { act } from '../../core/doc/origin.js';
import { openWorkspace } from '../../cli/workspace/workspace.js';
import { apsis, treeHash } from '../helpers/cli.js';

const NOW = { APSIS_NOW: '2026-11-20T09:00:00Z' };
let base = '';
let ws = '';

/** Gives every demo client a care plan: daily morning hygiene, weekly cleaning, shopping twice a week. */
async function addPlans(dir: string): Promise<void> {
  const opened = await openWorkspace(dir, { now: () => new Date('2026-11-20T09:00:00Z') });
  if (!opened.ok) throw new Error(opened.error.message);
  const w = opened.value;
  for (const row of w.caseload()) {
    const doc = await w.client(row.id);
    if (!doc.ok) throw new Error('client unreadable');
    act(doc.doc, w.origin('plan.generate'), () =>
      addCarePlan(doc.doc, 'p-1', [
        ['pi-1', 'personal_hygiene', 'daily', 'morning', 30],
        ['pi-2', 'cleaning', 'weekly', 'afternoon', 60],
        ['pi-3', 'shopping', '2x weekly', 'midday', 45],
      ]),
    );
  }
  await w.close();
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'apsis-sched-'));
  ws = join(base, 'ws');
  expect(apsis(ws, ['demo'], NOW).code).toBe(0);
  await addPlans(ws);
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('apsis schedule', () => {
  it('builds a week, shows a day as routes, and repairs a sick call changing only the absent person\'s visits', () => {
    const built = apsis(ws, ['schedule', 'build', '--week', '2026-W48', '--seconds', '3', '--json'], NOW);
    expect(built.code, built.stderr).toBe(0);
    const [summary] = JSON.parse(built.stdout) as { visits: number; assigned: number; unassigned: { reason: string }[] }[];
    // 30 clients: 7 hygiene visits, 1 cleaning and 2 shopping days each (some fall on the same slot).
    expect(summary!.visits).toBeGreaterThan(30 * 7);
    for (const u of summary!.unassigned) expect(u.reason.length).toBeGreaterThan(10);

    const show = apsis(ws, ['schedule', 'show', '--day', '2026-11-23', '--json'], NOW);
    expect(show.code, show.stderr).toBe(0);
    const [day] = JSON.parse(show.stdout) as { routes: { staffId: string; visits: { id: string; start: number; staffIds: string[] }[] }[] }[];
    const busiest = [...day!.routes].sort((a, b) => b.visits.length - a.visits.length)[0]!;
    expect(busiest.visits.length).toBeGreaterThan(0);
    const before = new Map(day!.routes.flatMap((r) => r.visits.map((v) => [v.id, r.staffId] as const)));

    const repaired = apsis(ws, ['schedule', 'repair', '--absent', busiest.staffId, '--from', '2026-11-23T07:00', '--json'], NOW);
    expect(repaired.code, repaired.stderr).toBe(0);
    const result = JSON.parse(repaired.stdout) as { changed: { id: string; staffIds: string[] }[] };
    const after = JSON.parse(apsis(ws, ['schedule', 'show', '--day', '2026-11-23', '--json'], NOW).stdout) as typeof day[];
    const now = new Map(after[0]!.routes.flatMap((r) => r.visits.map((v) => [v.id, r.staffId] as const)));
    // Nobody keeps a visit of the absent person, and nobody else lost a visit.
    for (const [id, staff] of before) {
      if (staff === busiest.staffId) expect(now.get(id)).not.toBe(busiest.staffId);
      else expect(now.get(id)).toBe(staff);
    }
    expect(result.changed.every((v) => !v.staffIds.includes(busiest.staffId))).toBe(true);
  }, 60_000);

  it('rejects bad input without changing anything', () => {
    const before = treeHash(ws);
    expect(apsis(ws, ['schedule', 'build', '--week', '2026-48']).code).toBe(2);
    expect(apsis(ws, ['schedule', 'build', '--week', '2026-W48', '--steps', 'many']).stderr).toMatch(/--steps must be a whole number from 0 to 1000000, not "many"/);
    expect(apsis(ws, ['schedule', 'build', '--week', '2026-W48', '--group', 'nope']).stderr).toMatch(/no care group "nope"/);
    expect(apsis(ws, ['schedule', 'repair', '--absent', 's-9999', '--from', '2026-11-23T07:00']).code).toBe(1);
    expect(apsis(ws, ['schedule', 'repair', '--absent', 's-0003', '--from', 'tomorrow']).code).toBe(2);
    expect(apsis(ws, ['schedule', 'repair', '--absent', 's-0003', '--from', '2026-11-23T07:00', '--substitute', 's-9999']).stderr).toMatch(/no staff member "s-9999" to stand in \(--substitute\)/);
    expect(apsis(ws, ['schedule', 'repair', '--absent', 's-0003', '--from', '2026-11-23T07:00', '--substitute', 's-0003']).stderr).toMatch(/cannot stand in for herself/);
    expect(treeHash(ws)).toEqual(before);
  });
});
