/**
 * Sick-call repair on stored schedules: rebuild the day's problem from the visits as scheduled,
 * hand the absent person's remaining visits to others by insertion only, and report which
 * visits changed — everyone else's day stays as it was.
 */
import type { Absence, ScheduledVisit, Staff as StaffRecord } from '../../doc/schema.js';
import type { Kpis } from '../kpis.js';
import { kpis } from '../kpis.js';
import { repair } from '../repair.js';
import { toScheduledVisits } from './plan-week.js';
import { storedDay } from './stored-day.js';
import type { TaskRules } from './task-rules.js';
import type { ClientForWeek } from './visit-requests.js';

export interface RepairDayInput {
  readonly date: string;
  readonly visits: readonly ScheduledVisit[];
  readonly staff: readonly StaffRecord[];
  /** Absences known before this one. */
  readonly absences: readonly Absence[];
  readonly clients: readonly ClientForWeek[];
  readonly absentStaffId: string;
  readonly fromMinute: number;
  /** Who stands in (the absence's substitute): she counts as the usual caregiver of the visits to move. */
  readonly substituteId?: string;
  readonly seed: number;
  readonly now: () => number;
  readonly rules?: TaskRules;
}

export type RepairDayResult =
  | { readonly ok: true; readonly changed: ScheduledVisit[]; readonly unassigned: { visitId: string; reason: string }[]; readonly kpis: Kpis }
  | { readonly ok: false; readonly reason: string };

/** Repairs one day after `absentStaffId` drops out at `fromMinute`. */
export function repairDay(input: RepairDayInput): RepairDayResult {
  const dayVisits = input.visits.filter((v) => v.date === input.date);
  const stored = storedDay(input.date, dayVisits, input.staff, input.absences, input.clients, input.rules);
  const { routes, bookings } = stored;
  const absent = stored.day.staff.findIndex((s) => s.id === input.absentStaffId);
  if (absent < 0) return { ok: false, reason: `${input.absentStaffId} has no shift on ${input.date}` };
  let day = stored.day;
  if (input.substituteId !== undefined) {
    const sub = day.staff.findIndex((s) => s.id === input.substituteId);
    if (sub < 0) return { ok: false, reason: `the substitute ${input.substituteId} has no shift on ${input.date}` };
    const moving = new Set(routes[absent]?.stops.filter((s) => s.start >= input.fromMinute).map((s) => s.visit));
    const visits = day.problem.visits.map((v, i) => (moving.has(i) && !v.declinedBy?.includes(sub) ? { ...v, preferredStaff: [...new Set([...(v.preferredStaff ?? []), sub])] } : v));
    day = { ...day, problem: { ...day.problem, visits } };
  }
  const result = repair(day.problem, { routes, bookings, unassigned: [] }, { staff: absent, fromMinute: input.fromMinute }, { seed: input.seed, now: input.now });
  const out = toScheduledVisits(day, result);
  const before = new Map(dayVisits.map((v) => [v.id, v]));
  const changed = out.visits.filter((v) => {
    const b = before.get(v.id);
    return !b || b.staffIds.join() !== v.staffIds.join() || b.start !== v.start;
  });
  const unassigned = [...out.unassigned];
  return { ok: true, changed, unassigned, kpis: kpis(day.problem, result) };
}
