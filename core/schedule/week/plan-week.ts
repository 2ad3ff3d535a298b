/**
 * Builds (or rebuilds) a care group's week: per day, solve the routing problem within a share of
 * the time budget and turn routes into ScheduledVisit records. Pinned visits keep their place.
 */
import type { Absence, ScheduledVisit, Staff as StaffRecord } from '../../doc/schema.js';
import type { Kpis } from '../kpis.js';
import { kpis } from '../kpis.js';
import type { Solution, UnassignedReason } from '../model.js';
import { solve } from '../solve.js';
import { buildDayProblem } from './day-problem.js';
import type { DayProblem } from './day-problem.js';
import type { ClientForWeek, VisitRequest } from './visit-requests.js';

export interface WeekInput {
  readonly dates: readonly string[];
  readonly requests: readonly VisitRequest[];
  readonly staff: readonly StaffRecord[];
  readonly absences: readonly Absence[];
  readonly clients: readonly ClientForWeek[];
  readonly existing: readonly ScheduledVisit[];
  readonly seconds: number;
  readonly seed: number;
  readonly now: () => number;
}

export interface DayOutcome {
  readonly date: string;
  readonly kpis: Kpis;
  readonly unassigned: readonly { visitId: string; reason: string }[];
}

export interface WeekPlan {
  readonly visits: ScheduledVisit[];
  readonly days: DayOutcome[];
}

/** Plain words for why no one could take a visit. */
export function reasonText(reason: UnassignedReason, request: VisitRequest): string {
  switch (reason) {
    case 'no-qualified-staff':
      return `nobody working that day has ${request.qualifications.join(' + ')} (or the client declined those who do)`;
    case 'no-feasible-time':
      return `no one can be there within the ${request.slot} window and still keep their shift`;
    case 'pin-conflict':
      return 'its pin (person or time) cannot be kept';
    case 'capacity':
      return 'capacity exceeded';
    case 'no-room':
      return 'every qualified person is fully booked that day';
    default: {
      const never: never = reason;
      return String(never);
    }
  }
}

/** Turns one day's solution into schedule records. */
export function toScheduledVisits(day: DayProblem, solution: Solution): { visits: ScheduledVisit[]; unassigned: DayOutcome['unassigned'] } {
  const visits: ScheduledVisit[] = [];
  for (const route of solution.routes) {
    const who = day.staff[route.staff];
    if (!who) continue;
    for (const stop of route.stops) {
      const r = day.requests[stop.visit];
      const v = day.problem.visits[stop.visit];
      if (!r || !v) continue;
      visits.push({ id: r.id, clientId: r.clientId, staffIds: [who.id], date: day.date, start: Math.round(stop.start), durationMin: r.durationMin, taskCodes: [...r.taskCodes], qualifications: [...r.qualifications], pinned: v.pin !== undefined, unassignedReason: '' });
    }
  }
  const unassigned = solution.unassigned.map((u) => {
    const r = day.requests[u.visit]!;
    const reason = reasonText(u.reason, r);
    visits.push({ id: r.id, clientId: r.clientId, staffIds: [], date: day.date, start: 0, durationMin: r.durationMin, taskCodes: [...r.taskCodes], qualifications: [...r.qualifications], pinned: false, unassignedReason: reason });
    return { visitId: r.id, reason };
  });
  return { visits, unassigned };
}

/** Plans every day of the week. */
export function planWeek(input: WeekInput): WeekPlan {
  const clients = new Map(input.clients.map((c) => [c.id, c]));
  const existing = new Map(input.existing.map((v) => [v.id, v]));
  const visits: ScheduledVisit[] = [];
  const days: DayOutcome[] = [];
  const perDayMs = Math.max(50, (input.seconds * 1000) / Math.max(1, input.dates.length));
  for (const [i, date] of input.dates.entries()) {
    const requests = input.requests.filter((r) => r.date === date);
    if (requests.length === 0) continue;
    const day = buildDayProblem({ date, requests, staff: input.staff, absences: input.absences, clients, existing });
    const result = solve(day.problem, { seed: input.seed + i, timeLimitMs: perDayMs, now: input.now });
    const out = toScheduledVisits(day, result);
    visits.push(...out.visits);
    days.push({ date, kpis: kpis(day.problem, result), unassigned: out.unassigned });
  }
  return { visits: visits.sort((a, b) => (a.id < b.id ? -1 : 1)), days };
}
