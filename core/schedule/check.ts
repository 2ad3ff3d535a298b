/**
 * An independent feasibility checker and cost calculator. It shares no code path with the solver
 * (only the model types), so a solver bug cannot hide itself: every test and benchmark runs it.
 */
import { clientClashes } from './check-client.js';
import type { Problem, Solution } from './model.js';

export type ViolationKind = 'skill' | 'declined' | 'window' | 'overlap' | 'sync' | 'shift' | 'break' | 'capacity' | 'pin' | 'missing' | 'duplicate' | 'resource' | 'client';

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
  /** Visits done by someone outside their preferred staff. */
  readonly continuity: number;
  readonly unassigned: number;
  /** Fair spread: Σ over contracted staff of (work − her contracted share of all work)², in min² (0 without contracts). */
  readonly fairness: number;
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
    const lunch = s.lunch;
    const b = route.breakStart;
    let breakPlaced = false;
    if (lunch && route.stops.length > 0) {
      if (b === undefined) out.push({ kind: 'break', staff: route.staff, message: `${s.id} has no break` });
      else if (b < lunch.window.start - EPS || b > lunch.window.end + EPS) out.push({ kind: 'break', staff: route.staff, message: `${s.id}'s break at ${b} is outside ${lunch.window.start}–${lunch.window.end}` });
    }
    // The break sits in the first gap it starts in; the next leg then leaves after it.
    const leaveAfterBreak = (nextStart: number): number => {
      if (!lunch || b === undefined || breakPlaced || b < prevFree - EPS || b >= nextStart) return prevFree;
      breakPlaced = true;
      return b + lunch.duration;
    };
    for (const stop of route.stops) {
      const v = problem.visits[stop.visit];
      if (!v) {
        out.push({ kind: 'missing', visit: stop.visit, staff: route.staff, message: `unknown visit #${stop.visit}` });
        continue;
      }
      seen.set(stop.visit, (seen.get(stop.visit) ?? 0) + 1);
      if (v.resource !== undefined) out.push({ kind: 'resource', visit: stop.visit, staff: route.staff, message: `${v.id} is a day-centre appointment, not a visit on ${s.id}'s route` });
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
      if (v.declinedBy?.includes(route.staff)) out.push({ kind: 'declined', visit: stop.visit, staff: route.staff, message: `the client of ${v.id} declined ${s.id}` });
      const leave = leaveAfterBreak(stop.start);
      const earliest = leave + t.time(prevLoc, v.location);
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
      const back = leaveAfterBreak(Infinity) + t.time(prevLoc, s.endLocation);
      if (lunch && b !== undefined && !breakPlaced) out.push({ kind: 'break', staff: route.staff, message: `${s.id}'s break at ${b} overlaps a visit` });
      if (back > s.shift.end + EPS) out.push({ kind: 'shift', staff: route.staff, message: `${s.id} is back at ${back}, after the shift end ${s.shift.end}` });
    }
    if (load > s.capacity + EPS) out.push({ kind: 'capacity', staff: route.staff, message: `${s.id} carries ${load} > capacity ${s.capacity}` });
  }

  checkBookings(problem, solution, out, seen, startOf);
  for (const c of clientClashes(problem, solution)) out.push({ kind: 'client', ...c });

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
    if (sync.kind === 'apart') {
      if (a === undefined || b === undefined) continue;
      const va = problem.visits[sync.first];
      const vb = problem.visits[sync.second];
      const sa = staffOf.get(sync.first) ?? 0;
      const sb = staffOf.get(sync.second) ?? 0;
      const da = va?.durationByStaff?.[sa] ?? va?.duration ?? 0;
      const db = vb?.durationByStaff?.[sb] ?? vb?.duration ?? 0;
      if (a + da > b + EPS && b + db > a + EPS) out.push({ kind: 'sync', visit: sync.second, message: `${name} overlap: [${a}, ${a + da}] and [${b}, ${b + db}]` });
      continue;
    }
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

/** Appointments: on a known resource, inside their windows and its opening hours, never more at once than its capacity. */
function checkBookings(problem: Problem, solution: Solution, out: Violation[], seen: Map<number, number>, startOf: Map<number, number>): void {
  const running = new Map<number, { start: number; end: number; visit: number }[]>();
  for (const b of solution.bookings ?? []) {
    const v = problem.visits[b.visit];
    if (!v) {
      out.push({ kind: 'missing', visit: b.visit, message: `booking of unknown visit #${b.visit}` });
      continue;
    }
    seen.set(b.visit, (seen.get(b.visit) ?? 0) + 1);
    startOf.set(b.visit, b.start);
    const r = v.resource !== undefined ? problem.resources?.[v.resource] : undefined;
    if (!r) {
      out.push({ kind: 'resource', visit: b.visit, message: `${v.id} is booked but names no known resource` });
      continue;
    }
    if (v.windows.length > 0 && !v.windows.some((w) => b.start >= w.start - EPS && b.start <= w.end + EPS)) out.push({ kind: 'window', visit: b.visit, message: `${v.id} starts at ${b.start}, outside its windows` });
    if (r.open === null) out.push({ kind: 'resource', visit: b.visit, message: `${v.id} is booked on ${r.id}, closed that day` });
    else if (b.start < r.open.start - EPS || b.start + v.duration > r.open.end + EPS) out.push({ kind: 'resource', visit: b.visit, message: `${v.id} at ${b.start}–${b.start + v.duration} is outside ${r.id}'s hours ${r.open.start}–${r.open.end}` });
    if (v.pin?.start !== undefined && Math.abs(v.pin.start - b.start) > EPS) out.push({ kind: 'pin', visit: b.visit, message: `${v.id} is pinned to start ${v.pin.start}, starts ${b.start}` });
    running.set(v.resource!, [...(running.get(v.resource!) ?? []), { start: b.start, end: b.start + v.duration, visit: b.visit }]);
  }
  for (const [ri, list] of running) {
    const r = problem.resources![ri]!;
    // At every start, count the appointments running then.
    for (const a of list) {
      const at = list.filter((b) => b.start <= a.start + EPS && b.end > a.start + EPS);
      if (at.length > r.capacity) {
        out.push({ kind: 'capacity', visit: a.visit, message: `${r.id} holds ${at.length} appointments at ${a.start}, capacity ${r.capacity}` });
        break;
      }
    }
  }
}

/** Recomputes the cost of a solution from its stated start times. */
export function solutionCost(problem: Problem, solution: Solution): CostBreakdown {
  let distance = 0;
  let travelTime = 0;
  let tardiness = 0;
  let maxTardiness = 0;
  let overtime = 0;
  let continuity = 0;
  const t = problem.travel;
  // Work (service + travel) per staff member, for the fair spread; empty routes work 0.
  const work = new Map<number, number>();
  for (const route of solution.routes) {
    const s = problem.staff[route.staff];
    if (!s || route.stops.length === 0) continue;
    let minutes = 0;
    let from = s.startLocation;
    for (const stop of route.stops) {
      const v = problem.visits[stop.visit];
      if (!v) continue;
      minutes += t.time(from, v.location) + (v.durationByStaff?.[route.staff] ?? v.duration);
      from = v.location;
    }
    work.set(route.staff, minutes + t.time(from, s.endLocation));
  }
  for (const route of solution.routes) {
    const s = problem.staff[route.staff];
    if (!s || route.stops.length === 0) continue;
    const b = route.breakStart;
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
      if (v.preferredStaff && v.preferredStaff.length > 0 && !v.preferredStaff.includes(route.staff)) continuity++;
      loc = v.location;
      free = stop.start + (v.durationByStaff?.[route.staff] ?? v.duration);
    }
    if (s.lunch && b !== undefined && b >= free) free = b + s.lunch.duration;
    distance += t.distance(loc, s.endLocation);
    travelTime += t.time(loc, s.endLocation);
    if (s.overtimeAfter !== undefined) overtime += Math.max(0, free + t.time(loc, s.endLocation) - s.overtimeAfter);
  }
  const w = problem.objective;
  const unassigned = solution.unassigned.length;
  const fairness = fairSpread(problem, work);
  const total = w.distance * distance + w.tardiness * tardiness + w.maxTardiness * maxTardiness + w.overtime * overtime + (w.continuity ?? 0) * continuity + (w.fairness ?? 0) * fairness + w.unassigned * unassigned;
  return { distance, travelTime, tardiness, maxTardiness, overtime, continuity, unassigned, fairness, total };
}

/** Σ (work − contracted share)² over the staff with contracted minutes (the checker's own reckoning). */
function fairSpread(problem: Problem, work: ReadonlyMap<number, number>): number {
  const contracted = problem.staff.map((s, i) => ({ i, c: s.contractedMin ?? 0 })).filter((x) => x.c > 0);
  const totalC = contracted.reduce((sum, x) => sum + x.c, 0);
  if (totalC === 0) return 0;
  const totalW = contracted.reduce((sum, x) => sum + (work.get(x.i) ?? 0), 0);
  return contracted.reduce((sum, x) => sum + ((work.get(x.i) ?? 0) - (x.c * totalW) / totalC) ** 2, 0);
}
