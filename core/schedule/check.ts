/**
 * An independent feasibility checker and cost calculator. It shares no code path with the solver
 * (only the model types), so a solver bug cannot hide itself: every test and benchmark runs it.
 */
import type { Problem, Solution } from './model.js';

export type ViolationKind = 'skill' | 'window' | 'overlap' | 'sync' | 'shift' | 'capacity' | 'pin' | 'missing' | 'duplicate';

export interface Violation {
  readonly kind: ViolationKind;
  readonly message: string;
  readonly visit?: number;
  readonly staff?: number;
}

export interface CostBreakdown {
  readonly distance: number;
  readonly travelTime: number;
  readonly tardiness: number;
  readonly maxTardiness: number;
  readonly overtime: number;
  readonly unassigned: number;
  /** The weighted sum the objective minimises. */
  readonly total: number;
}

const EPS = 1e-6;

/** Lists every hard constraint the solution breaks; empty means feasible. */
export function checkSolution(problem: Problem, solution: Solution): Violation[] {
  const out: Violation[] = [];
  const seen = new Map<number, number>();
  const staffOf = new Map<number, number>();
  const startOf = new Map<number, number>();
  const staffSeen = new Set<number>();
  const t = problem.travel;

  for (const route of solution.routes) {
    const s = problem.staff[route.staff];
    if (!s) {
      out.push({ kind: 'shift', staff: route.staff, message: `route for unknown staff #${route.staff}` });
      continue;
    }
    if (staffSeen.has(route.staff)) out.push({ kind: 'duplicate', staff: route.staff, message: `${s.id} has two routes` });
    staffSeen.add(route.staff);
    let load = 0;
    let prevLoc = s.startLocation;
    let prevFree = s.shift.start;
    let prevLabel = `${s.id} leaving at ${s.shift.start}`;
    let first = true;
    for (const stop of route.stops) {
      const v = problem.visits[stop.visit];
      if (!v) {
        out.push({ kind: 'missing', visit: stop.visit, staff: route.staff, message: `unknown visit #${stop.visit}` });
        continue;
      }
      seen.set(stop.visit, (seen.get(stop.visit) ?? 0) + 1);
      staffOf.set(stop.visit, route.staff);
      startOf.set(stop.visit, stop.start);
      for (const k of v.skills) {
        if (!s.skills.includes(k)) out.push({ kind: 'skill', visit: stop.visit, staff: route.staff, message: `${s.id} lacks ${k} for ${v.id}` });
      }
      if (v.windows.length > 0 && !v.windows.some((w) => stop.start >= w.start - EPS && stop.start <= w.end + EPS)) {
        out.push({ kind: 'window', visit: stop.visit, staff: route.staff, message: `${v.id} starts at ${stop.start}, outside its windows` });
      }
      if (v.pin?.staff !== undefined && v.pin.staff !== route.staff) out.push({ kind: 'pin', visit: stop.visit, staff: route.staff, message: `${v.id} is pinned to staff #${v.pin.staff}` });
      if (v.pin?.start !== undefined && Math.abs(v.pin.start - stop.start) > EPS) out.push({ kind: 'pin', visit: stop.visit, staff: route.staff, message: `${v.id} is pinned to start ${v.pin.start}, starts ${stop.start}` });
      const earliest = prevFree + t.time(prevLoc, v.location);
      if (stop.start < earliest - EPS) {
        const kind = first ? 'shift' : 'overlap';
        out.push({ kind, visit: stop.visit, staff: route.staff, message: `${v.id} starts at ${stop.start}, but ${s.id} cannot be there before ${earliest} (after ${prevLabel})` });
      }
      const dur = v.durationByStaff?.[route.staff] ?? v.duration;
      prevFree = stop.start + dur;
      prevLoc = v.location;
      prevLabel = v.id;
      first = false;
      load += v.demand;
    }
    if (route.stops.length > 0) {
      const back = prevFree + t.time(prevLoc, s.endLocation);
      if (back > s.shift.end + EPS) out.push({ kind: 'shift', staff: route.staff, message: `${s.id} is back at ${back}, after the shift end ${s.shift.end}` });
    }
    if (load > s.capacity + EPS) out.push({ kind: 'capacity', staff: route.staff, message: `${s.id} carries ${load} > capacity ${s.capacity}` });
  }

  const unassigned = new Set<number>();
  for (const u of solution.unassigned) {
    if (unassigned.has(u.visit)) out.push({ kind: 'duplicate', visit: u.visit, message: `visit #${u.visit} is listed twice as unassigned` });
    unassigned.add(u.visit);
    seen.set(u.visit, (seen.get(u.visit) ?? 0) + 1);
    const v = problem.visits[u.visit];
    if (v?.pin) out.push({ kind: 'pin', visit: u.visit, message: `${v.id} is pinned but left unassigned` });
  }
  problem.visits.forEach((v, i) => {
    const n = seen.get(i) ?? 0;
    if (n === 0) out.push({ kind: 'missing', visit: i, message: `${v.id} is neither routed nor listed as unassigned` });
    if (n > 1) out.push({ kind: 'duplicate', visit: i, message: `${v.id} appears ${n} times` });
  });

  for (const sync of problem.syncs) {
    const a = startOf.get(sync.first);
    const b = startOf.get(sync.second);
    const name = `${problem.visits[sync.first]?.id ?? sync.first}/${problem.visits[sync.second]?.id ?? sync.second}`;
    if (a === undefined && b === undefined) continue;
    if (a === undefined || b === undefined) {
      out.push({ kind: 'sync', visit: a === undefined ? sync.first : sync.second, message: `only one of ${name} is assigned` });
      continue;
    }
    const gap = b - a;
    if (gap < sync.minGap - EPS || gap > sync.maxGap + EPS) out.push({ kind: 'sync', visit: sync.second, message: `${name}: gap ${gap} outside [${sync.minGap}, ${sync.maxGap}]` });
    if (staffOf.get(sync.first) === staffOf.get(sync.second)) out.push({ kind: 'sync', visit: sync.second, message: `${name} are done by the same staff member` });
  }
  return out;
}

/** Recomputes the cost of a solution from its stated start times. */
export function solutionCost(problem: Problem, solution: Solution): CostBreakdown {
  let distance = 0;
  let travelTime = 0;
  let tardiness = 0;
  let maxTardiness = 0;
  let overtime = 0;
  const t = problem.travel;
  for (const route of solution.routes) {
    const s = problem.staff[route.staff];
    if (!s || route.stops.length === 0) continue;
    let loc = s.startLocation;
    let free = s.shift.start;
    for (const stop of route.stops) {
      const v = problem.visits[stop.visit];
      if (!v) continue;
      distance += t.distance(loc, v.location);
      travelTime += t.time(loc, v.location);
      if (v.due !== undefined) {
        const late = Math.max(0, stop.start - v.due);
        tardiness += late;
        maxTardiness = Math.max(maxTardiness, late);
      }
      loc = v.location;
      free = stop.start + (v.durationByStaff?.[route.staff] ?? v.duration);
    }
    distance += t.distance(loc, s.endLocation);
    travelTime += t.time(loc, s.endLocation);
    if (s.overtimeAfter !== undefined) overtime += Math.max(0, free + t.time(loc, s.endLocation) - s.overtimeAfter);
  }
  const w = problem.objective;
  const unassigned = solution.unassigned.length;
  const total = w.distance * distance + w.tardiness * tardiness + w.maxTardiness * maxTardiness + w.overtime * overtime + w.unassigned * unassigned;
  return { distance, travelTime, tardiness, maxTardiness, overtime, unassigned, total };
}
