/** A stored day (ScheduledVisit records) as a problem and a solution, to compute its KPIs. */
import type { Absence, ScheduledVisit, Staff as StaffRecord } from '../../doc/schema.js';
import type { Kpis } from '../kpis.js';
import { kpis } from '../kpis.js';
import type { Problem, Route, Stop } from '../model.js';
import { buildDayProblem } from './day-problem.js';
import type { DayProblem } from './day-problem.js';
import type { TaskRules } from './task-rules.js';
import type { ClientForWeek, VisitRequest } from './visit-requests.js';

/** The slot a visit id was built with (`v-<date>-<slot>-<client>`). */
export function slotOfVisitId(id: string): string {
  return id.split('-')[2] ?? 'any';
}

/**
 * Rebuilds the day's problem from stored visits and the routes they form (by start time); the
 * k-th person of a stored visit does its k-th half; day-centre appointments come back as bookings.
 */
export function storedDay(date: string, visits: readonly ScheduledVisit[], staff: readonly StaffRecord[], absences: readonly Absence[], clients: readonly ClientForWeek[], rules?: TaskRules): { day: DayProblem; routes: Route[]; bookings: Stop[] } {
  const dayVisits = visits.filter((v) => v.date === date);
  const requests: VisitRequest[] = dayVisits.map((v) => ({ id: v.id, clientId: v.clientId, date: v.date, slot: slotOfVisitId(v.id), durationMin: v.durationMin, taskCodes: v.taskCodes, qualifications: v.qualifications }));
  const staffOnRecord = new Map(dayVisits.map((v) => [v.id, v.staffIds.length]));
  const day = buildDayProblem({ date, requests, staff, absences, clients: new Map(clients.map((c) => [c.id, c])), existing: new Map(), staffOnRecord, ...(rules ? { rules } : {}) });
  const indexOf = new Map(day.requests.map((r, i) => [`${r.id}#${day.halves[i] ?? 0}`, i]));
  const routes: Route[] = day.staff.map((s, si) => ({
    staff: si,
    stops: dayVisits
      .flatMap((v) => v.staffIds.map((id, half) => ({ v, id, visit: indexOf.get(`${v.id}#${half}`) })))
      .filter((x) => x.id === s.id && x.visit !== undefined)
      .sort((a, b) => a.v.start - b.v.start)
      .map((x) => ({ visit: x.visit!, start: x.v.start })),
  })).map((r) => withBreak(day.problem, r));
  const bookings = dayVisits
    .filter((v) => v.staffIds.length === 0 && v.unassignedReason === '' && indexOf.has(`${v.id}#0`) && day.problem.visits[indexOf.get(`${v.id}#0`)!]?.resource !== undefined)
    .map((v) => ({ visit: indexOf.get(`${v.id}#0`)!, start: v.start }));
  return { day, routes, bookings };
}

/**
 * Stored records keep visits, not breaks: the break goes into the first gap of the day where it
 * fits (as early as its window allows), before the first visit, between two or after the last.
 */
export function withBreak(problem: Problem, route: { staff: number; stops: Stop[] }): Route {
  const s = problem.staff[route.staff];
  const lunch = s?.lunch;
  if (!s || !lunch || route.stops.length === 0) return route;
  let loc = s.startLocation;
  let free = s.shift.start;
  for (const stop of [...route.stops, null]) {
    const v = stop ? problem.visits[stop.visit] : undefined;
    const next = v ? v.location : s.endLocation;
    const nextStart = stop ? stop.start : s.shift.end;
    const b = Math.max(free, lunch.window.start);
    if (b <= lunch.window.end && b < nextStart && b + lunch.duration + problem.travel.time(loc, next) <= nextStart) return { ...route, breakStart: b };
    if (!stop || !v) break;
    loc = v.location;
    free = stop.start + (v.durationByStaff?.[route.staff] ?? v.duration);
  }
  return route;
}

/** KPIs of a stored day. */
export function storedDayKpis(date: string, visits: readonly ScheduledVisit[], staff: readonly StaffRecord[], absences: readonly Absence[], clients: readonly ClientForWeek[], rules?: TaskRules): Kpis {
  const { day, routes, bookings } = storedDay(date, visits, staff, absences, clients, rules);
  const assigned = new Set([...routes.flatMap((r) => r.stops.map((s) => s.visit)), ...bookings.map((b) => b.visit)]);
  const unassigned = day.requests.map((_, i) => i).filter((i) => !assigned.has(i)).map((visit) => ({ visit, reason: 'no-room' as const }));
  return kpis(day.problem, { routes, bookings, unassigned });
}
