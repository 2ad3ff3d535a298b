/**
 * `apsis schedule build/show` end to end with the catalogue's rules: a nurse's pressure-sore care
 * (scheduled only when the care group has a nurse; a referral otherwise), the bath kept apart from
 * it, the linen change together with it, a two-person transfer, lunch breaks, day-centre
 * appointments (closed days, the client's home visits clear of them), and continuity with the
 * previous week's schedule document.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCarePlan } from './plan-items.js';
import { addOrgRecord, listOrgRecords } from '../../core/doc/org-doc.js';
import { act } from '../../core/doc/origin.js';
import { openWorkspace } from '../../cli/workspace/workspace.js';
import { apsis } from '../helpers/cli.js';
import { weekDates } from '../../core/schedule/week/calendar.js';

const NOW = { APSIS_NOW: '2026-11-20T09:00:00Z' };
const WEDNESDAY = '2026-11-25';
let base = '';
let ws = '';
let group = '';
let clientId = '';

interface ShownVisit { id: string; clientId: string; start: number; durationMin: number; staffIds: string[]; taskCodes: string[] }
interface ShownDay { group: string; kpis: { preferredPct: number; unassigned: number }; routes: { staffId: string; visits: ShownVisit[] }[]; bookings: { resource: string; visits: ShownVisit[] }[]; unassigned: ShownVisit[] }

async function withWs(fn: (w: Awaited<ReturnType<typeof openWorkspace>> & { ok: true }) => Promise<void>): Promise<void> {
  const opened = await openWorkspace(ws, { now: () => new Date('2026-11-20T09:00:00Z') });
  if (!opened.ok) throw new Error(opened.error.message);
  await fn(opened);
  await opened.value.close();
}

function day(date: string): ShownDay {
  const r = apsis(ws, ['schedule', 'show', '--day', date, '--group', group, '--json'], NOW);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as ShownDay[])[0]!;
}

const visitsOf = (d: ShownDay, client: string) => {
  const all = new Map<string, ShownVisit>();
  for (const v of [...d.routes.flatMap((r) => r.visits), ...d.bookings.flatMap((b) => b.visits), ...d.unassigned]) if (v.clientId === client) all.set(v.id, v);
  return [...all.values()];
};

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'apsis-rules-'));
  ws = join(base, 'ws');
  expect(apsis(ws, ['demo'], NOW).code).toBe(0);
  await withWs(async ({ value: w }) => {
    const row = w.caseload().find((r) => r.status === 'active' && r.careGroupId)!;
    group = row.careGroupId!;
    clientId = row.id;
    const doc = await w.client(row.id);
    if (!doc.ok) throw new Error('client unreadable');
    act(doc.doc, w.origin('plan.generate'), () =>
      addCarePlan(doc.doc, 'p-rules', [
        ['pr-1', 'pressure_sore_care', 'daily', 'morning', 30],
        ['pr-2', 'bathing', 'weekly', 'morning', 45],
        ['pr-3', 'bed_linen_change', 'weekly', 'any', 20],
        ['pr-4', 'two_person_transfer', 'each_visit', 'any', 15],
        ['pr-5', 'day_centre_shower', 'weekly', 'morning', 30],
        ['pr-6', 'day_centre_laundry', 'daily', 'afternoon', 60],
      ]),
    );
    await w.save();
  });
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('apsis schedule with the catalogue rules', () => {
  it('a nurse\'s task is a referral, not a visit, while the care group has no nurse', () => {
    const built = apsis(ws, ['schedule', 'build', '--week', '2026-W48', '--group', group, '--seconds', '2'], NOW);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/usual carer \d+ %/);
    const mine = visitsOf(day(WEDNESDAY), clientId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.flatMap((v) => v.taskCodes)).not.toContain('pressure_sore_care');
    // The two-person transfer rides along with every visit of the client: two people each time.
    for (const v of mine) if (v.staffIds.length > 0) expect(new Set(v.staffIds).size, v.id).toBe(2);
  }, 60_000);

  it('with a nurse in the group: her visit, the bath apart from it, the linen change with it', async () => {
    await withWs(async ({ value: w }) => {
      const org = await w.org();
      if (!org.ok) throw new Error('org unreadable');
      const someone = listOrgRecords(org.doc, 'staff').records.find((s) => s.careGroupId === group)!;
      act(org.doc, w.origin('staff.add'), () => {
        const add = (id: string, qualifications: string[]) => addOrgRecord(org.doc, 'staff', { id, name: id, roles: ['caregiver'], qualifications, careGroupId: group, contractHoursPerWeek: 40, home: someone.home, phone: '', active: true, shift: { start: 7 * 60, end: 15 * 60 + 30 }, workDays: [1, 2, 3, 4, 5, 6, 7] });
        add('s-nurse', ['nurse']);
        // The demo group's mornings are full: two more carers make room for a two-person bath.
        add('s-extra1', ['caregiver']);
        add('s-extra2', ['caregiver']);
      });
      await w.save();
    });
    // A step budget, not the clock: the same plan however loaded the machine (a wall-clock budget left the
    // two-person bath unassigned when the test ran beside others).
    const built = apsis(ws, ['schedule', 'build', '--week', '2026-W48', '--group', group, '--steps', '500', '--json'], NOW);
    expect(built.code, built.stderr).toBe(0);
    // The weekly bath and linen change each have a (balanced) day of their own: find them.
    const dayWith = (code: string) => weekDates('2026-W48').find((d) => visitsOf(day(d), clientId).some((v) => v.taskCodes.includes(code)))!;
    const bathDay = visitsOf(day(dayWith('bathing')), clientId);
    const linenDay = visitsOf(day(dayWith('bed_linen_change')), clientId);
    const nurse = bathDay.find((v) => v.taskCodes.includes('pressure_sore_care'))!;
    const bath = bathDay.find((v) => v.taskCodes.includes('bathing'))!;
    const linen = linenDay.find((v) => v.taskCodes.includes('bed_linen_change'))!;
    const nurseOfLinen = linenDay.find((v) => v.taskCodes.includes('pressure_sore_care'))!;
    expect(nurse.staffIds).toEqual(['s-nurse']);
    expect(nurse.taskCodes).toEqual(['pressure_sore_care']);
    expect(bath.staffIds.length, JSON.stringify(bathDay)).toBe(2);
    expect(bath.start >= nurse.start + nurse.durationMin || nurse.start >= bath.start + bath.durationMin).toBe(true);
    expect(linen.start).toBe(nurseOfLinen.start);
    expect(linen.staffIds).not.toContain('s-nurse');
    // The (weekly) shower is booked at the day centre, not on anyone's route.
    const showerDay = dayWith('day_centre_shower');
    const shown = day(showerDay);
    const shower = shown.bookings.find((b) => b.resource === 'shower_room')?.visits.find((v) => v.clientId === clientId);
    expect(shower?.taskCodes).toEqual(['day_centre_shower']);
    expect(shower?.staffIds).toEqual([]);
    const text = apsis(ws, ['schedule', 'show', '--day', showerDay, '--group', group], NOW);
    expect(text.stdout).toMatch(/day centre: shower_room/);
    // The client is in one place at a time: her home visits keep the centre's 30-minute transport clear of her appointments.
    const appointments = shown.bookings.flatMap((b) => b.visits).filter((v) => v.clientId === clientId);
    expect(appointments.map((v) => v.taskCodes[0]).sort()).toEqual(['day_centre_laundry', 'day_centre_shower']);
    for (const a of appointments) {
      for (const h of shown.routes.flatMap((r) => r.visits).filter((v) => v.clientId === clientId)) expect(h.start + h.durationMin <= a.start - 30 || h.start >= a.start + a.durationMin + 30, `${h.id} ${h.start} / ${a.id} ${a.start}`).toBe(true);
    }
    // The centre is closed on Sundays: the daily laundry is unassigned with that reason, and show says so.
    const sunday = apsis(ws, ['schedule', 'show', '--day', '2026-11-29', '--group', group], NOW);
    expect(sunday.stdout).toMatch(/day_centre_laundry\s+— the day centre \(washing_machine\) is closed on Sundays/);
  }, 60_000);

  it('the next week follows the caregivers of this one, and show says how often', () => {
    const built = apsis(ws, ['schedule', 'build', '--week', '2026-W49', '--group', group, '--seconds', '3', '--json'], NOW);
    expect(built.code, built.stderr).toBe(0);
    const [summary] = JSON.parse(built.stdout) as { days: { date: string; preferredPct: number }[] }[];
    const monday = summary!.days.find((d) => d.date === '2026-11-30')!;
    expect(monday.preferredPct).toBeGreaterThanOrEqual(80);
    expect(day('2026-11-30').kpis.preferredPct).toBeCloseTo(monday.preferredPct, 5);
    const text = apsis(ws, ['schedule', 'show', '--day', '2026-11-30', '--group', group], NOW);
    expect(text.stdout).toMatch(/usual carer \d+ %/);
  }, 60_000);
});
