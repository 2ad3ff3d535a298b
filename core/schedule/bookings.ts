/**
 * Day-centre appointments: visits booked on a room or chair with a capacity instead of routed.
 * They share no staff route, so the solver books them before the routing: most constrained
 * first (earliest latest start), each at the earliest start inside its windows and the opening
 * hours where fewer than `capacity` appointments are running and the client is free (not at a
 * home visit that cannot move, nor at another appointment), preferring a start that still leaves
 * each of the client's home visits some time in its window; pinned ones first, at their time.
 * The client's home visits are then routed around the bookings (`routeAround`).
 */
import { appointmentsClash, awaySpan, homeDuration, homeVisitsByClient, windowsClearOf } from './client-presence.js';
import type { AwaySpan } from './client-presence.js';
import type { Problem, Resource, Solution, Stop, SyncConstraint, TimeWindow, UnassignedReason, Visit } from './model.js';

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

/** Separates appointments from the visits to route; visits in `left` are neither (they stay unassigned). */
export function splitAppointments(problem: Problem, left: ReadonlySet<number> = new Set()): SplitProblem {
  const toFull: number[] = [];
  const appointments: number[] = [];
  const toRouting = new Map<number, number>();
  problem.visits.forEach((v, i) => {
    if (v.resource !== undefined) appointments.push(i);
    else if (!left.has(i)) {
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
function allowed(v: Visit, open: TimeWindow): TimeWindow[] {
  if (v.pin?.start !== undefined) return [{ start: v.pin.start, end: v.pin.start }];
  const own = v.windows.length > 0 ? v.windows : [{ start: open.start, end: open.end - v.duration }];
  return own.map((w) => ({ start: Math.max(w.start, open.start), end: Math.min(w.end, open.end - v.duration) })).filter((w) => w.end >= w.start);
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
  const homes = homeVisitsByClient(problem);
  const byClient = new Map<string, Stop[]>();
  const latest = (i: number) => Math.min(...problem.visits[i]!.windows.map((w) => w.end), Infinity);
  const order = [...appointments].sort((a, b) => Number(problem.visits[b]?.pin !== undefined) - Number(problem.visits[a]?.pin !== undefined) || latest(a) - latest(b) || a - b);
  for (const i of order) {
    const v = problem.visits[i]!;
    const r: Resource | undefined = problem.resources?.[v.resource ?? -1];
    if (r && r.open === null) {
      unassigned.push({ visit: i, reason: 'closed' });
      continue;
    }
    const windows = r?.open ? allowed(v, r.open) : [];
    if (!r || windows.length === 0) {
      unassigned.push({ visit: i, reason: v.pin ? 'pin-conflict' : 'no-feasible-time' });
      continue;
    }
    const booked = byResource.get(v.resource!) ?? [];
    const mine = v.clientId !== undefined ? (byClient.get(v.clientId) ?? []) : [];
    const home = v.clientId !== undefined ? (homes.get(v.clientId) ?? []) : [];
    const away = (t: number): AwaySpan[] => [...mine.map((b) => awaySpan(problem, b.visit, b.start)), awaySpan(problem, i, t)];
    // A home visit pinned to a time cannot move: the client must be free then (hard); the others
    // should keep some time in their windows (preferred).
    const fits = (h: number, t: number) => windowsClearOf(problem.visits[h]!.windows, homeDuration(problem, h), away(t)).length > 0;
    const fixed = home.filter((h) => problem.visits[h]?.pin?.start !== undefined);
    const movable = home.filter((h) => problem.visits[h]?.pin?.start === undefined);
    const transfer = r.transfer ?? 0;
    // The earliest feasible start is a window start, the end of a booking on the room, or just
    // after something of the client's (a home visit's earliest end, another appointment).
    const points = [
      ...windows.map((w) => w.start),
      ...booked.map((b) => b.end),
      ...home.flatMap((h) => (problem.visits[h]!.windows.length > 0 ? problem.visits[h]!.windows : [{ start: 0 }]).map((w) => w.start + homeDuration(problem, h) + transfer)),
      ...mine.flatMap((b) => [b.start + problem.visits[b.visit]!.duration, awaySpan(problem, b.visit, b.start).to + transfer]),
    ];
    const candidates = [...new Set(points)].filter((t) => windows.some((w) => t >= w.start && t <= w.end)).sort((a, b) => a - b);
    const roomFree = (t: number) => peak(booked, t, t + v.duration) < r.capacity;
    const clientFree = (t: number) => fixed.every((h) => fits(h, t)) && mine.every((b) => !appointmentsClash(problem, b.visit, b.start, i, t));
    const start = candidates.find((t) => roomFree(t) && clientFree(t) && movable.every((h) => fits(h, t))) ?? candidates.find((t) => roomFree(t) && clientFree(t));
    if (start === undefined) {
      unassigned.push({ visit: i, reason: v.pin ? 'pin-conflict' : candidates.some(roomFree) ? 'client-at-home' : 'capacity' });
      continue;
    }
    booked.push({ start, end: start + v.duration });
    byResource.set(v.resource!, booked);
    if (v.clientId !== undefined) byClient.set(v.clientId, [...mine, { visit: i, start }]);
    bookings.push({ visit: i, start });
  }
  return { bookings: bookings.sort((a, b) => a.start - b.start || a.visit - b.visit), unassigned };
}

/**
 * The routing problem around the bookings: each home visit of a booked client may start only
 * where it keeps clear of the client's appointments and their transport. A home visit left with
 * no time (and whatever is synchronised with it: both or neither) is not routed: `lost`.
 */
export function routeAround(problem: Problem, bookings: readonly Stop[]): { split: SplitProblem; lost: { visit: number; reason: UnassignedReason }[]; cut: ReadonlySet<number> } {
  const awayOf = new Map<string, AwaySpan[]>();
  for (const b of bookings) {
    const client = problem.visits[b.visit]?.clientId;
    if (client !== undefined) awayOf.set(client, [...(awayOf.get(client) ?? []), awaySpan(problem, b.visit, b.start)]);
  }
  const lost = new Set<number>();
  const cut = new Set<number>();
  const visits = problem.visits.map((v, i) => {
    const away = v.resource === undefined && v.clientId !== undefined ? awayOf.get(v.clientId) : undefined;
    if (!away) return v;
    const windows = windowsClearOf(v.windows, homeDuration(problem, i), away);
    if (windows.length === 0) lost.add(i);
    if (JSON.stringify(windows) !== JSON.stringify(v.windows.length > 0 ? v.windows : [{ start: 0, end: 24 * 60 }])) cut.add(i);
    return { ...v, windows };
  });
  // Both or neither: a lost visit takes its synchronised partners with it.
  for (let grew = lost.size > 0; grew; ) {
    grew = false;
    for (const s of problem.syncs) {
      if (s.kind === 'apart' || lost.has(s.first) === lost.has(s.second)) continue;
      lost.add(s.first);
      lost.add(s.second);
      grew = true;
    }
  }
  return { split: splitAppointments({ ...problem, visits }, lost), lost: [...lost].sort((a, b) => a - b).map((visit) => ({ visit, reason: 'client-at-centre' as const })), cut };
}

/** A routed plan whose home visits found no time only in windows cut around the client's appointments says so (`client-at-centre`). */
export function blameCentre<R extends Solution>(plan: R, split: SplitProblem, cut: ReadonlySet<number>): R {
  if (cut.size === 0) return plan;
  return { ...plan, unassigned: plan.unassigned.map((u) => (u.reason === 'no-feasible-time' && cut.has(split.toFull[u.visit] ?? -1) ? { ...u, reason: 'client-at-centre' as const } : u)) };
}
