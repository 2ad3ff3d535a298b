/**
 * Day-centre appointments: visits booked on a room or chair with a capacity instead of routed.
 * They share no staff route, so the solver books them apart from the routing: most constrained
 * first (earliest latest start), each at the earliest start inside its windows and the opening
 * hours where fewer than `capacity` appointments are running; pinned ones first, at their time.
 */
import type { Problem, Resource, Solution, Stop, SyncConstraint, UnassignedReason, Visit } from './model.js';

/** The routing part of a problem and how its visit indices map back. */
export interface SplitProblem {
  /** The problem without appointments (syncs touching an appointment are dropped). */
  readonly routing: Problem;
  /** Index in the full problem of each routing visit. */
  readonly toFull: readonly number[];
  /** Full indices of the appointments. */
  readonly appointments: readonly number[];
}

/** Whether the problem has appointments on resources. */
export function hasAppointments(problem: Problem): boolean {
  return problem.visits.some((v) => v.resource !== undefined);
}

/** Separates appointments from the visits to route. */
export function splitAppointments(problem: Problem): SplitProblem {
  const toFull: number[] = [];
  const appointments: number[] = [];
  const toRouting = new Map<number, number>();
  problem.visits.forEach((v, i) => {
    if (v.resource !== undefined) appointments.push(i);
    else {
      toRouting.set(i, toFull.length);
      toFull.push(i);
    }
  });
  const syncs: SyncConstraint[] = [];
  for (const s of problem.syncs) {
    const a = toRouting.get(s.first);
    const b = toRouting.get(s.second);
    if (a !== undefined && b !== undefined) syncs.push({ ...s, first: a, second: b });
  }
  const visits: Visit[] = toFull.map((i) => problem.visits[i]!);
  return { routing: { ...problem, visits, syncs }, toFull, appointments };
}

/** A routing plan's indices mapped back to the full problem. */
export function toFullPlan(split: SplitProblem, plan: Solution): Solution {
  const f = (v: number) => split.toFull[v] ?? v;
  return { routes: plan.routes.map((r) => ({ ...r, stops: r.stops.map((s) => ({ ...s, visit: f(s.visit) })) })), unassigned: plan.unassigned.map((u) => ({ ...u, visit: f(u.visit) })) };
}

/** A full plan's routes mapped onto the routing problem (appointments left out). */
export function toRoutingPlan(split: SplitProblem, plan: Solution): Solution {
  const back = new Map(split.toFull.map((full, i) => [full, i]));
  return {
    routes: plan.routes.map((r) => ({ ...r, stops: r.stops.filter((s) => back.has(s.visit)).map((s) => ({ ...s, visit: back.get(s.visit)! })) })),
    unassigned: plan.unassigned.filter((u) => back.has(u.visit)).map((u) => ({ ...u, visit: back.get(u.visit)! })),
  };
}

/** Candidate windows of an appointment: its own windows cut to the opening hours (or the pin). */
function allowed(v: Visit, r: Resource): { start: number; end: number }[] {
  if (v.pin?.start !== undefined) return [{ start: v.pin.start, end: v.pin.start }];
  const own = v.windows.length > 0 ? v.windows : [{ start: r.open.start, end: r.open.end - v.duration }];
  return own.map((w) => ({ start: Math.max(w.start, r.open.start), end: Math.min(w.end, r.open.end - v.duration) })).filter((w) => w.end >= w.start);
}

/** Most appointments running at once on [from, to) among `booked`. */
function peak(booked: readonly { start: number; end: number }[], from: number, to: number): number {
  const inside = booked.filter((b) => b.start < to && b.end > from);
  let most = 0;
  for (const x of [from, ...inside.map((b) => b.start).filter((t) => t > from && t < to)]) {
    most = Math.max(most, inside.filter((b) => b.start <= x && b.end > x).length);
  }
  return most;
}

/** Books every appointment it can; the rest come back with a reason. */
export function bookAppointments(problem: Problem, appointments: readonly number[]): { bookings: Stop[]; unassigned: { visit: number; reason: UnassignedReason }[] } {
  const bookings: Stop[] = [];
  const unassigned: { visit: number; reason: UnassignedReason }[] = [];
  const byResource = new Map<number, { start: number; end: number }[]>();
  const latest = (i: number) => Math.min(...problem.visits[i]!.windows.map((w) => w.end), Infinity);
  const order = [...appointments].sort((a, b) => Number(problem.visits[b]?.pin !== undefined) - Number(problem.visits[a]?.pin !== undefined) || latest(a) - latest(b) || a - b);
  for (const i of order) {
    const v = problem.visits[i]!;
    const r = problem.resources?.[v.resource ?? -1];
    const windows = r ? allowed(v, r) : [];
    if (!r || windows.length === 0) {
      unassigned.push({ visit: i, reason: v.pin ? 'pin-conflict' : 'no-feasible-time' });
      continue;
    }
    const booked = byResource.get(v.resource!) ?? [];
    // The earliest feasible start is a window start or the end of a booking already made.
    const candidates = [...windows.map((w) => w.start), ...booked.map((b) => b.end)].filter((t) => windows.some((w) => t >= w.start && t <= w.end)).sort((a, b) => a - b);
    const start = candidates.find((t) => peak(booked, t, t + v.duration) < r.capacity);
    if (start === undefined) {
      unassigned.push({ visit: i, reason: v.pin ? 'pin-conflict' : 'capacity' });
      continue;
    }
    booked.push({ start, end: start + v.duration });
    byResource.set(v.resource!, booked);
    bookings.push({ visit: i, start });
  }
  return { bookings: bookings.sort((a, b) => a.start - b.start || a.visit - b.visit), unassigned };
}
