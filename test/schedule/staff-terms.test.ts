/**
 * Staff terms in the week builder: contracted hours (work past them is overtime, priced and
 * reported) and substitutions (an absence's substitute counts as the absent person's clients' usual
 * caregiver, in the week's build and in the sick-call repair).
 */
import { describe, expect, it } from 'vitest';
import { AbsenceSchema, StaffSchema } from '../../core/doc/schema.js';
import type { Absence, Staff } from '../../core/doc/schema.js';
import { checkSolution } from '../../core/schedule/check.js';
import { kpis } from '../../core/schedule/kpis.js';
import { solve } from '../../core/schedule/solve.js';
import { buildDayProblem, contractedEnd } from '../../core/schedule/week/day-problem.js';
import { planWeek } from '../../core/schedule/week/plan-week.js';
import { repairDay } from '../../core/schedule/week/repair-day.js';
import type { ClientForWeek, VisitRequest } from '../../core/schedule/week/visit-requests.js';

const DAY = '2026-11-25';
const HOME = { lat: 56.6, lon: 25.25 };
const at = (dLatKm: number) => ({ lat: HOME.lat + dLatKm / 111, lon: HOME.lon });

const person = (id: string, home: { lat: number; lon: number }, extra: Partial<Staff> = {}): Staff =>
  StaffSchema.parse({ id, name: id, roles: ['caregiver'], qualifications: ['caregiver'], careGroupId: 'g', home, shift: { start: 7 * 60, end: 15 * 60 + 30 }, workDays: [1, 2, 3, 4, 5], ...extra });
const client = (id: string, where: { lat: number; lon: number }, extra: Partial<ClientForWeek> = {}): ClientForWeek => ({ id, location: where, careGroupId: 'g', declinedStaffIds: [], preferredStaffIds: [], ...extra });
const request = (clientId: string, slot: string, durationMin = 30): VisitRequest => ({ id: `v-20261125-${slot}-${clientId}`, clientId, date: DAY, slot, durationMin, taskCodes: ['personal_hygiene'], qualifications: ['caregiver'] });
const absence = (staffId: string, from: string, substituteId: string | null): Absence => AbsenceSchema.parse({ id: `ab-${staffId}`, staffId, from, until: `${DAY}T23:59`, reason: 'slimība', substituteId });

describe('contracted hours', () => {
  it('end the working day: hours a week over the working days, from the shift start, the lunch break added', () => {
    expect(contractedEnd(person('a', HOME, { contractHoursPerWeek: 30 }), 30)).toBe(7 * 60 + 6 * 60 + 30);
    const day = buildDayProblem({ date: DAY, requests: [request('c1', 'afternoon')], staff: [person('part', HOME, { contractHoursPerWeek: 30 }), person('full', at(1))], absences: [], clients: new Map([['c1', client('c1', HOME)]]), existing: new Map() });
    expect(day.problem.staff.map((s) => s.overtimeAfter)).toEqual([13 * 60 + 30, undefined]);
  });

  it('give an afternoon visit to the person within her hours rather than the nearer one past hers, and overtime is reported', () => {
    const clients = new Map([['c1', client('c1', HOME)]]);
    const part = person('part', HOME, { contractHoursPerWeek: 30 });
    const solved = (team: Staff[]) => {
      const day = buildDayProblem({ date: DAY, requests: [request('c1', 'afternoon')], staff: team, absences: [], clients, existing: new Map() });
      const result = solve(day.problem, { seed: 1, timeLimitMs: 60_000, now: () => 0, maxIterations: 50 });
      expect(checkSolution(day.problem, result)).toEqual([]);
      return { who: day.staff[result.routes.find((r) => r.stops.length > 0)!.staff]!.id, k: kpis(day.problem, result) };
    };
    expect(solved([part, person('full', at(1))]).who).toBe('full');
    // Alone, she does it, and the minutes past her contracted day are overtime.
    const alone = solved([part]);
    expect(alone.who).toBe('part');
    expect(alone.k.overtimeMinutes).toBeGreaterThan(0);
  });
});

describe('substitutions', () => {
  // Anna is the client's usual caregiver; Berta (3 km away) stands in; Cilda lives next door.
  const team = [person('anna', at(-3)), person('berta', at(3)), person('cilda', HOME)];
  const clients = [client('c1', HOME, { preferredStaffIds: ['anna'] })];

  it('the week builder gives the absent person\'s client to her substitute, not merely to the nearest', () => {
    const who = (absences: Absence[]) => planWeek({ dates: [DAY], requests: [request('c1', 'morning')], staff: team, absences, clients, existing: [], seconds: 60, seed: 1, now: () => 0, maxIterations: 50 }).visits[0]!.staffIds;
    expect(who([])).toEqual(['anna']);
    expect(who([absence('anna', `${DAY}T00:00`, null)])).toEqual(['cilda']);
    expect(who([absence('anna', `${DAY}T00:00`, 'berta')])).toEqual(['berta']);
  });

  it('the sick-call repair hands the visits to the substitute when one is named', () => {
    const requests = [request('c1', 'morning', 20), request('c1', 'afternoon', 20)];
    const week = planWeek({ dates: [DAY], requests, staff: team, absences: [], clients, existing: [], seconds: 60, seed: 1, now: () => 0, maxIterations: 50 });
    expect(week.visits.map((v) => v.staffIds)).toEqual([['anna'], ['anna']]);
    const repaired = (substituteId?: string) => {
      const r = repairDay({ date: DAY, visits: week.visits, staff: team, absences: [], clients, absentStaffId: 'anna', fromMinute: 12 * 60, seed: 1, now: () => 0, ...(substituteId ? { substituteId } : {}) });
      if (!r.ok) throw new Error(r.reason);
      return r.changed.map((v) => [v.id, v.staffIds]);
    };
    expect(repaired()).toEqual([['v-20261125-afternoon-c1', ['cilda']]]);
    expect(repaired('berta')).toEqual([['v-20261125-afternoon-c1', ['berta']]]);
  });

  it('a substitute without a shift that day is refused with a reason', () => {
    const week = planWeek({ dates: [DAY], requests: [request('c1', 'afternoon')], staff: team, absences: [], clients, existing: [], seconds: 60, seed: 1, now: () => 0, maxIterations: 50 });
    const r = repairDay({ date: DAY, visits: week.visits, staff: [...team, person('dace', HOME, { workDays: [6, 7] })], absences: [], clients, absentStaffId: 'anna', fromMinute: 12 * 60, seed: 1, now: () => 0, substituteId: 'dace' });
    expect(r).toEqual({ ok: false, reason: 'the substitute dace has no shift on 2026-11-25' });
  });
});
