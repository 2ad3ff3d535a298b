/**
 * offline-week end to end: the scenario prepares a caregiver's laptop holding a week of visit records
 * the office lacks while the office changes a phone; both sync through a real relay process and end
 * with the same documents, every record once, the original week back in the office.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apsis, treeHash } from '../helpers/cli.js';
import { apsisJson as json, CLASS_ENV as ENV, useClassFixture } from './class-relay.js';

const fx = useClassFixture('apsis-offline-');

interface Shown {
  profile: { phone: string };
  visitRecords: { id: string; date: string; staffId: string }[];
  taskRecords: { id: string; visitRecordId: string }[];
}
interface Offline {
  staffId: string;
  from: string;
  to: string;
  clientIds: string[];
  officeEdit: { clientId: string; phone: string };
}

describe('demo scenario offline-week', () => {
  it('prepares a laptop with a week the office lacks; a relay merges both without loss or doubling', async () => {
    const base = fx.base();
    const office = join(base, 'office');
    const laptop = join(base, 'laptop');
    expect(apsis(office, ['demo', '--seed', '2'], ENV).code).toBe(0);
    const before = new Map<string, Shown>();
    const show = (ws: string, id: string) => json<Shown>(ws, ['client', 'show', id]);
    const started = json<{ task: { en: string }; offline: Offline }>(office, ['demo', 'scenario', 'offline-week', '--laptop', laptop]);
    const plan = started.offline;
    expect(started.task.en).toMatch(/back after a week offline.+Look for/);
    expect(started.task.en).toContain(`apsis demo serve --user ${started.offline.staffId}`);
    expect(started.task.en).toContain(laptop);
    expect(plan.clientIds.length).toBeGreaterThan(0);

    const inWeek = (s: Shown) => s.visitRecords.filter((v) => v.staffId === plan.staffId && v.date >= plan.from && v.date <= plan.to);
    let week = 0;
    for (const id of plan.clientIds) {
      const o = show(office, id);
      const l = show(laptop, id);
      expect(inWeek(o), `office ${id}`).toHaveLength(0);
      expect(inWeek(l).length, `laptop ${id}`).toBeGreaterThan(0);
      week += inWeek(l).length;
      before.set(id, l);
    }
    expect(show(office, plan.officeEdit.clientId).profile.phone).toBe(plan.officeEdit.phone);
    expect(show(laptop, plan.officeEdit.clientId).profile.phone).not.toBe(plan.officeEdit.phone);
    const laptopMeta = JSON.parse(await readFile(join(laptop, 'workspace.json'), 'utf8')) as { demo: boolean; localUser: { id: string; role: string }; scenario: { name: string } };
    expect(laptopMeta).toMatchObject({ demo: true, localUser: { id: plan.staffId, role: 'caregiver' }, scenario: { name: 'offline-week' } });

    // Started twice: refused, nothing changed.
    const frozen = treeHash(office);
    const again = apsis(office, ['demo', 'scenario', 'offline-week', '--laptop', join(base, 'other')], ENV);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already started/);
    expect(treeHash(office)).toEqual(frozen);

    // The class: relay up, laptop syncs, then the office.
    const relay = await fx.serve(office, 1, [plan.staffId]);
    const up = apsis(laptop, ['sync', '--server', relay.url, '--token', relay.users[0]!.token, '--json'], ENV);
    expect(up.code, up.stderr).toBe(0);
    expect(apsis(office, ['sync'], ENV).code).toBe(0);
    expect(apsis(laptop, ['sync'], ENV).code).toBe(0);

    let merged = 0;
    for (const id of plan.clientIds) {
      const o = show(office, id);
      const l = show(laptop, id);
      expect(o.visitRecords, id).toEqual(l.visitRecords);
      expect(o.taskRecords, id).toEqual(l.taskRecords);
      expect(o.visitRecords).toEqual(before.get(id)!.visitRecords); // each once: the week back, nothing doubled
      expect(new Set(o.taskRecords.map((t) => t.id)).size).toBe(o.taskRecords.length);
      merged += inWeek(o).length;
    }
    expect(merged).toBe(week);
    expect(show(laptop, plan.officeEdit.clientId).profile.phone).toBe(plan.officeEdit.phone);
  }, 180_000);
});
