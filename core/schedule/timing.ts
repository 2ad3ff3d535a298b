/**
 * The solver's general schedule evaluation: earliest start times for given routes, with several
 * windows per visit, soft due times, overtime and synchronised pairs. Every constraint only pushes
 * starts later, so the least fixpoint is optimal for tardiness and overtime given the routes.
 */
import type { SolverContext } from './context.js';

export interface RouteEval {
  readonly distance: number;
  readonly tardiness: number;
  readonly maxTardiness: number;
  readonly overtime: number;
  /** Weighted distance + tardiness + overtime (max tardiness is global, priced separately). */
  readonly cost: number;
}

export const EMPTY_ROUTE: RouteEval = { distance: 0, tardiness: 0, maxTardiness: 0, overtime: 0, cost: 0 };

const EPS = 1e-9;

function fitWindow(ws: readonly { start: number; end: number }[], t: number): number {
  if (ws.length === 0) return t;
  for (const w of ws) if (t <= w.end + EPS) return Math.max(t, w.start);
  return NaN;
}

/** Earliest-start schedule of one route; writes starts[visit]; null when a hard constraint fails. */
export function evalRoute(ctx: SolverContext, staff: number, seq: readonly number[], lower: Float64Array | null, starts: Float64Array): RouteEval | null {
  if (seq.length === 0) return EMPTY_ROUTE;
  const p = ctx.problem;
  const s = p.staff[staff];
  if (!s) return null;
  const t = p.travel;
  const nS = ctx.nStaff;
  let loc = s.startLocation;
  let free = s.shift.start;
  let distance = 0;
  let tardiness = 0;
  let maxTardiness = 0;
  let load = 0;
  for (const v of seq) {
    const vl = ctx.location[v] ?? 0;
    let at = free + t.time(loc, vl);
    const lb = lower ? (lower[v] ?? -Infinity) : -Infinity;
    if (lb > at) at = lb;
    const st = fitWindow(ctx.windows[v] ?? [], at);
    if (Number.isNaN(st)) return null;
    starts[v] = st;
    const due = p.visits[v]?.due;
    if (due !== undefined && st > due) {
      tardiness += st - due;
      if (st - due > maxTardiness) maxTardiness = st - due;
    }
    distance += t.distance(loc, vl);
    free = st + (ctx.duration[v * nS + staff] ?? 0);
    loc = vl;
    load += ctx.demand[v] ?? 0;
  }
  distance += t.distance(loc, s.endLocation);
  const back = free + t.time(loc, s.endLocation);
  if (back > s.shift.end + EPS || load > s.capacity + EPS) return null;
  const overtime = s.overtimeAfter !== undefined ? Math.max(0, back - s.overtimeAfter) : 0;
  const w = p.objective;
  return { distance, tardiness, maxTardiness, overtime, cost: w.distance * distance + w.tardiness * tardiness + w.overtime * overtime };
}

export interface GlobalEval {
  readonly routes: readonly RouteEval[];
  /** The lower bounds on starts that synchronisation imposed at the fixpoint (null: none). */
  readonly lower: Float64Array | null;
  readonly maxTardiness: number;
  /** Routing cost without the unassigned penalty. */
  readonly cost: number;
}

/** Evaluates all routes together, resolving synchronisation by pushing starts to a fixpoint. */
export function evalAll(ctx: SolverContext, routes: readonly (readonly number[])[], routeOf: Int32Array, starts: Float64Array): GlobalEval | null {
  const syncs = ctx.problem.syncs;
  let lower: Float64Array | null = null;
  const limit = 20 + 4 * syncs.length;
  for (let iter = 0; iter < limit; iter++) {
    const evals: RouteEval[] = [];
    for (let r = 0; r < routes.length; r++) {
      const ev = evalRoute(ctx, r, routes[r] ?? [], lower, starts);
      if (!ev) return null;
      evals.push(ev);
    }
    let changed = false;
    for (const sy of syncs) {
      const ra = routeOf[sy.first] ?? -1;
      const rb = routeOf[sy.second] ?? -1;
      if (ra < 0 || rb < 0) continue;
      if (ra === rb) return null;
      const a = starts[sy.first] ?? 0;
      const b = starts[sy.second] ?? 0;
      if (b < a + sy.minGap - EPS) {
        lower ??= new Float64Array(ctx.nVisits).fill(-Infinity);
        lower[sy.second] = Math.max(lower[sy.second] ?? -Infinity, a + sy.minGap);
        changed = true;
      } else if (b > a + sy.maxGap + EPS) {
        lower ??= new Float64Array(ctx.nVisits).fill(-Infinity);
        lower[sy.first] = Math.max(lower[sy.first] ?? -Infinity, b - sy.maxGap);
        changed = true;
      }
    }
    if (!changed) {
      let cost = 0;
      let maxTardiness = 0;
      for (const ev of evals) {
        cost += ev.cost;
        if (ev.maxTardiness > maxTardiness) maxTardiness = ev.maxTardiness;
      }
      return { routes: evals, lower, maxTardiness, cost: cost + ctx.problem.objective.maxTardiness * maxTardiness };
    }
  }
  return null;
}
