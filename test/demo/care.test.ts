/** The demo's care records pass the same validators as real data; its schedule passes the scheduler's checker. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemoCare } from '../../core/demo/care.js';
import { generateWorld } from '../../core/demo/world.js';
import { parseIsoWeek, scheduleDocId } from '../../core/doc/doc-id.js';
import { listOrgRecords } from '../../core/doc/org-doc.js';
import { listVisits } from '../../core/doc/schedule-doc.js';
import { COLLECTIONS } from '../../core/doc/schema.js';
import type { CareGroupId } from '../../core/ids.js';
import { checkSolution } from '../../core/schedule/check.js';
import { storedDay } from '../../core/schedule/week/stored-day.js';
import { weekDates } from '../../core/schedule/week/calendar.js';
import { loadCatalogues } from '../../cli/catalogue/load.js';
import { gatherScheduleInputs } from '../../cli/schedule/gather.js';
import { qualificationLookup } from '../../cli/schedule/operations.js';
import { openWorkspace } from '../../cli/workspace/workspace.js';
import { apsis } from '../helpers/cli.js';

const TODAY = '2026-11-23';

describe('demo care records', () => {
  const cat = loadCatalogues();
  if (!cat.ok) throw new Error('catalogues invalid');
  const world = generateWorld('small', 3, TODAY);
  const care = generateDemoCare(world, cat.value, 'riga', TODAY);

  it('are valid records, deterministic, four-eyes, with overdue, waiting and recorded work', () => {
    expect(generateDemoCare(world, cat.value, 'riga', TODAY)).toEqual(care);
    let overdue = 0;
    let waiting = 0;
    let records = 0;
    for (const c of care.values()) {
      for (const [coll, list] of Object.entries({ assessments: c.assessments, plans: c.plans, planItems: c.planItems, visitRecords: c.visitRecords, taskRecords: c.taskRecords, observations: c.observations, alerts: c.alerts })) {
        const schema = COLLECTIONS.client[coll as keyof typeof COLLECTIONS.client];
        for (const r of list) expect(schema.safeParse(r).success, `${coll} ${JSON.stringify(r)}`).toBe(true);
      }
      for (const a of c.assessments.filter((x) => x.status === 'approved')) {
        expect(a.approverId).not.toBe(a.assessorId);
        if (a.reassessDue! < TODAY) overdue++;
      }
      waiting += c.assessments.filter((a) => a.status !== 'approved').length;
      records += c.taskRecords.length;
    }
    expect(overdue).toBeGreaterThan(0);
    expect(waiting).toBeGreaterThan(0);
    expect(records).toBeGreaterThan(30 * 8);
  });

  it("writes a week whose every day passes the scheduler's independent checker", async () => {
    const base = await mkdtemp(join(tmpdir(), 'apsis-democare-'));
    try {
      const dir = join(base, 'ws');
      expect(apsis(dir, ['demo', '--seed', '3'], { APSIS_NOW: `${TODAY}T06:00:00Z` }).code).toBe(0);
      const opened = await openWorkspace(dir, { now: () => new Date(`${TODAY}T06:00:00Z`) });
      if (!opened.ok) throw new Error(opened.error.message);
      const ws = opened.value;
      try {
        const inputs = await gatherScheduleInputs(ws, [], qualificationLookup());
        if ('error' in inputs) throw new Error(inputs.error);
        const org = await ws.org();
        if (!org.ok) throw new Error('org');
        const week = parseIsoWeek('2026-W48')!;
        for (const g of listOrgRecords(org.doc, 'careGroups').records) {
          const doc = await ws.doc(scheduleDocId(week, g.id as CareGroupId));
          if (!doc.ok) throw new Error('schedule');
          const visits = listVisits(doc.doc).records;
          expect(visits.length).toBeGreaterThan(0);
          for (const date of weekDates(week)) {
            const { day, routes } = storedDay(date, visits, inputs.staff.filter((s) => s.careGroupId === g.id), inputs.absences, inputs.clients);
            const assigned = new Set(routes.flatMap((r) => r.stops.map((s) => s.visit)));
            const unassigned = day.requests.map((_, i) => i).filter((i) => !assigned.has(i)).map((visit) => ({ visit, reason: 'no-room' as const }));
            expect(checkSolution(day.problem, { routes, unassigned }), date).toEqual([]);
          }
        }
      } finally {
        await ws.close();
      }
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  }, 60_000);
});
