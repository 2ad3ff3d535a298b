/**
 * Builds (or rebuilds) a care group's week: per day, solve the routing problem within a share of
 * the time budget and turn routes into ScheduledVisit records. Pinned visits keep their place.
 */
import type { Absence, ScheduledVisit, Staff as StaffRecord } from '../../doc/schema.js';
import type { Kpis } from '../kpis.js';
import { kpis } from '../kpis.js';
import type { Solution, UnassignedReason } from '../model.js';
import { solve } from '../solve.js';
import type { SolveResult } from '../solve.js';
import { isoWeekday } from './calendar.js';
import { buildDayProblem } from './day-problem.js';
import type { DayProblem } from './day-problem.js';
import type { TaskRules } from './task-rules.js';
import { placesOf } from './places.js';
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
  readonly rules?: TaskRules;
  /** Per day, stop after this many iterations (tests: deterministic whatever the machine's load). */
  readonly maxIterations?: number;
  /** Called once when every day has its first feasible plan (the construction), before the improvement. */
  readonly onProposal?: (proposal: WeekPlan) => void;
}

export interface DayOutcome {
  readonly date: string;
  readonly kpis: Kpis;
  readonly unassigned: readonly { visitId: string; reason: string }[];
  /** Visits the solver's last guard unassigned this day (construction and search): 0 when the search's timing is right. */
  readonly guardUnassigned: number;
}

export interface WeekPlan {
  readonly visits: ScheduledVisit[];
  readonly days: DayOutcome[];
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Plain words for why no one could take a visit. */
export function reasonText(reason: UnassignedReason, request: VisitRequest): string {
  switch (reason) {
    case 'no-qualified-staff':
      return `nobody working that day has ${request.qualifications.join(' + ')} (or the client declined those who do)`;
    case 'no-feasible-time':
      // A day-centre appointment (`…-dc_<room>`) has no one to travel: its room is what is not open then.
      return /-dc_/.test(request.id) ? `the day-centre room is not open in the ${request.slot} window that day` : `no one can be there within the ${request.slot} window and still keep their shift`;
    case 'pin-conflict':
      return 'its pin (person or time) cannot be kept';
    case 'capacity':
      return `the day-centre room or chair is fully booked in the ${request.slot} window`;
    case 'no-room':
      return 'every qualified person is fully booked that day';
    case 'closed': {
      const room = /-dc_([a-z0-9_]+)$/.exec(request.id)?.[1];
      return `the day centre${room ? ` (${room})` : ''} is closed on ${WEEKDAYS[isoWeekday(request.date) - 1] ?? request.date}s`;
    }
    case 'client-at-centre':
      return `the client is at the day centre (or on its transport) whenever anyone could be there in the ${request.slot} window`;
    case 'client-at-home':
      return `the client has a home visit that cannot move in the ${request.slot} window`;
    default: {
      const never: never = reason;
      return String(never);
    }
  }
}

/** Turns one day's solution into schedule records: one per request, with both people of a two-person visit. */
export function toScheduledVisits(day: DayProblem, solution: Solution): { visits: ScheduledVisit[]; unassigned: DayOutcome['unassigned'] } {
  const byRequest = new Map<string, { r: VisitRequest; staff: string[]; start: number; pinned: boolean }>();
  for (const route of solution.routes) {
    const who = day.staff[route.staff];
    if (!who) continue;
    for (const stop of route.stops) {
      const r = day.requests[stop.visit];
      const v = day.problem.visits[stop.visit];
      if (!r || !v) continue;
      const e = byRequest.get(r.id) ?? { r, staff: [], start: stop.start, pinned: false };
      e.staff[day.halves[stop.visit] ?? 0] = who.id;
      e.start = Math.min(e.start, stop.start);
      e.pinned ||= v.pin !== undefined;
      byRequest.set(r.id, e);
    }
  }
  const record = (r: VisitRequest, staffIds: string[], start: number, pinned: boolean, unassignedReason: string): ScheduledVisit => ({ id: r.id, clientId: r.clientId, staffIds, date: day.date, start, durationMin: r.durationMin, taskCodes: [...r.taskCodes], qualifications: [...r.qualifications], pinned, unassignedReason });
  const visits = [...byRequest.values()].map((e) => record(e.r, e.staff.filter((s) => s !== undefined), Math.round(e.start), e.pinned, ''));
  // Day-centre appointments: booked, so no one's name and no reason.
  for (const b of solution.bookings ?? []) {
    const r = day.requests[b.visit];
    if (!r) continue;
    byRequest.set(r.id, { r, staff: [], start: b.start, pinned: day.problem.visits[b.visit]?.pin !== undefined });
    visits.push(record(r, [], Math.round(b.start), day.problem.visits[b.visit]?.pin !== undefined, ''));
  }
  const unassigned: { visitId: string; reason: string }[] = [];
  for (const u of solution.unassigned) {
    const r = day.requests[u.visit]!;
    if (byRequest.has(r.id) || unassigned.some((x) => x.visitId === r.id)) continue;
    const reason = reasonText(u.reason, r);
    visits.push(record(r, [], 0, false, reason));
    unassigned.push({ visitId: r.id, reason });
  }
  return { visits, unassigned };
}

/**
 * Plans every day of the week in two passes: first every day's construction (a feasible proposal
 * for the whole week, never cut short by the clock: a cut construction would leave visits
 * unassigned for no reason), then the improvement of each day from its construction, within what
 * is left of the budget, shared out by the days' numbers of visits. One travel matrix serves the
 * whole week.
 */
export function planWeek(input: WeekInput): WeekPlan {
  const t0 = input.now();
  const clients = new Map(input.clients.map((c) => [c.id, c]));
  const existing = new Map(input.existing.map((v) => [v.id, v]));
  // A visit the coordinator moved to another day of the week is planned (pinned) on that day.
  const requestsOfWeek = input.requests.map((r) => {
    const moved = existing.get(r.id);
    return moved?.pinned && moved.date !== r.date && input.dates.includes(moved.date) ? { ...r, date: moved.date } : r;
  });
  const places = placesOf(input.staff.filter((s) => s.roles.includes('caregiver')), requestsOfWeek.map((r) => r.clientId), clients);
  const constructed: { date: string; seed: number; day: DayProblem; result: SolveResult }[] = [];
  for (const [i, date] of input.dates.entries()) {
    const requests = requestsOfWeek.filter((r) => r.date === date);
    if (requests.length === 0) continue;
    const day = buildDayProblem({ date, requests, staff: input.staff, absences: input.absences, clients, existing, places, ...(input.rules ? { rules: input.rules } : {}) });
    const result = solve(day.problem, { seed: input.seed + i, timeLimitMs: Infinity, maxIterations: 0, now: input.now });
    constructed.push({ date, seed: input.seed + i, day, result });
  }
  if (input.onProposal) input.onProposal(weekOf(constructed));
  const improved: typeof constructed = [];
  for (const [k, c] of constructed.entries()) {
    const left = constructed.slice(k);
    const share = c.day.problem.visits.length / Math.max(1, left.reduce((n, x) => n + x.day.problem.visits.length, 0));
    const remainingMs = input.seconds * 1000 - (input.now() - t0);
    const result = solve(c.day.problem, {
      seed: c.seed,
      timeLimitMs: Math.max(0, remainingMs * share),
      now: input.now,
      initialRoutes: c.result.routes.map((r) => r.stops.map((s) => s.visit)),
      ...(input.maxIterations !== undefined ? { maxIterations: input.maxIterations } : {}),
    });
    improved.push({ ...c, result: { ...result, guardUnassigned: c.result.guardUnassigned + result.guardUnassigned } });
  }
  return weekOf(improved);
}

function weekOf(days: readonly { day: DayProblem; result: SolveResult }[]): WeekPlan {
  const visits: ScheduledVisit[] = [];
  const outcomes: DayOutcome[] = [];
  for (const { day, result } of days) {
    const out = toScheduledVisits(day, result);
    visits.push(...out.visits);
    outcomes.push({ date: day.date, kpis: kpis(day.problem, result), unassigned: out.unassigned, guardUnassigned: result.guardUnassigned });
  }
  return { visits: visits.sort((a, b) => (a.id < b.id ? -1 : 1)), days: outcomes };
}
