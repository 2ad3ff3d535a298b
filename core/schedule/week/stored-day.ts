/** A stored day (ScheduledVisit records) as a problem and a solution, to compute its KPIs. */
import type { Absence, ScheduledVisit, Staff as StaffRecord } from '../../doc/schema.js';
import type { Kpis } from '../kpis.js';
import { kpis } from '../kpis.js';
import type { Route } from '../model.js';
import { buildDayProblem } from './day-problem.js';
import type { DayProblem } from './day-problem.js';
import type { ClientForWeek, VisitRequest } from './visit-requests.js';

/** The slot a visit id was built with (`v-<date>-<slot>-<client>`). */
export function slotOfVisitId(id: string): string {
  return id.split('-')[2] ?? 'any';
}

/** Rebuilds the day's problem from stored visits and the routes they form (by start time). */
export function storedDay(date: string, visits: readonly ScheduledVisit[], staff: readonly StaffRecord[], absences: readonly Absence[], clients: readonly ClientForWeek[]): { day: DayProblem; routes: Route[] } {
  const dayVisits = visits.filter((v) => v.date === date);
  const requests: VisitRequest[] = dayVisits.map((v) => ({ id: v.id, clientId: v.clientId, date: v.date, slot: slotOfVisitId(v.id), durationMin: v.durationMin, taskCodes: v.taskCodes, qualifications: v.qualifications }));
  const day = buildDayProblem({ date, requests, staff, absences, clients: new Map(clients.map((c) => [c.id, c])), existing: new Map() });
  const indexOf = new Map(day.requests.map((r, i) => [r.id, i]));
  const routes: Route[] = day.staff.map((s, si) => ({
    staff: si,
    stops: dayVisits
      .filter((v) => v.staffIds[0] === s.id && indexOf.has(v.id))
      .sort((a, b) => a.start - b.start)
      .map((v) => ({ visit: indexOf.get(v.id)!, start: v.start })),
  }));
  return { day, routes };
}

/** KPIs of a stored day. */
export function storedDayKpis(date: string, visits: readonly ScheduledVisit[], staff: readonly StaffRecord[], absences: readonly Absence[], clients: readonly ClientForWeek[]): Kpis {
  const { day, routes } = storedDay(date, visits, staff, absences, clients);
  const assigned = new Set(routes.flatMap((r) => r.stops.map((s) => s.visit)));
  const unassigned = day.requests.map((_, i) => i).filter((i) => !assigned.has(i)).map((visit) => ({ visit, reason: 'no-room' as const }));
  return kpis(day.problem, { routes, unassigned });
}
