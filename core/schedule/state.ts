/**
 * A mutable working solution: routes as visit sequences, plus caches that make insertion checks
 * cheap. Fast path (Solomon-like problems): forward start times and backward latest starts per
 * route give O(1) window, shift and capacity checks. General path: re-evaluate the changed route
 * (or, with synchronised pairs, all routes).
 */
import type { SolverContext } from './context.js';
import { EMPTY_ROUTE, evalAll, evalRoute } from './timing.js';
import type { RouteEval } from './timing.js';

export interface SolverState {
  readonly ctx: SolverContext;
  readonly routes: number[][];
  /** Route (= staff index) of each visit; −1 when unassigned. */
  readonly routeOf: Int32Array;
  /** Fast path: start[r][i] for i = 0 (leave depot), 1..k (visits), k+1 (back at depot). */
  readonly fStart: number[][];
  readonly fLatest: number[][];
  readonly load: Float64Array;
  /** Per-route evaluation (both paths keep `cost` current). */
  readonly evals: RouteEval[];
  /** Routing cost without the unassigned penalty. */
  cost: number;
  unassigned: number;
  /** Scratch start times for the general path. */
  readonly starts: Float64Array;
}

/** An empty solution: every visit unassigned. */
export function createState(ctx: SolverContext): SolverState {
  const st: SolverState = {
    ctx,
    routes: Array.from({ length: ctx.nStaff }, () => []),
    routeOf: new Int32Array(ctx.nVisits).fill(-1),
    fStart: [],
    fLatest: [],
    load: new Float64Array(ctx.nStaff),
    evals: Array.from({ length: ctx.nStaff }, () => EMPTY_ROUTE),
    cost: 0,
    unassigned: ctx.nVisits,
    starts: new Float64Array(ctx.nVisits),
  };
  for (let r = 0; r < ctx.nStaff; r++) refreshRoute(st, r);
  return st;
}

/** Total objective including the unassigned penalty. */
export function totalCost(st: SolverState): number {
  return st.cost + st.ctx.problem.objective.unassigned * st.unassigned;
}

/** A deep copy of the routes (for saving and restoring). */
export function copyRoutes(st: SolverState): number[][] {
  return st.routes.map((r) => r.slice());
}

/** Replaces the routes wholesale and rebuilds every cache. */
export function restoreRoutes(st: SolverState, routes: readonly (readonly number[])[]): void {
  st.routeOf.fill(-1);
  let assigned = 0;
  routes.forEach((seq, r) => {
    st.routes[r] = seq.slice();
    for (const v of seq) st.routeOf[v] = r;
    assigned += seq.length;
  });
  st.unassigned = st.ctx.nVisits - assigned;
  for (let r = 0; r < st.routes.length; r++) refreshRoute(st, r, true);
  recomputeCost(st);
}

function recomputeCost(st: SolverState): void {
  const ctx = st.ctx;
  if (ctx.fast || ctx.problem.syncs.length === 0) {
    let cost = 0;
    let maxT = 0;
    for (const ev of st.evals) {
      cost += ev.cost;
      if (ev.maxTardiness > maxT) maxT = ev.maxTardiness;
    }
    st.cost = cost + ctx.problem.objective.maxTardiness * maxT;
    return;
  }
  const g = evalAll(ctx, st.routes, st.routeOf, st.starts);
  st.cost = g ? g.cost : Infinity;
  if (g) g.routes.forEach((ev, r) => (st.evals[r] = ev));
}

/** Rebuilds the caches of route r (and the total cost unless `skipTotal`). */
export function refreshRoute(st: SolverState, r: number, skipTotal = false): void {
  const ctx = st.ctx;
  const seq = st.routes[r] ?? [];
  const staff = ctx.problem.staff[r];
  if (!staff) return;
  let load = 0;
  for (const v of seq) load += ctx.demand[v] ?? 0;
  st.load[r] = load;
  if (ctx.fast) {
    const t = ctx.problem.travel;
    const nS = ctx.nStaff;
    const k = seq.length;
    const start = new Array<number>(k + 2);
    const latest = new Array<number>(k + 2);
    start[0] = staff.shift.start;
    let loc = staff.startLocation;
    let free = staff.shift.start;
    let dist = 0;
    for (let i = 0; i < k; i++) {
      const v = seq[i] ?? 0;
      const vl = ctx.location[v] ?? 0;
      const s = Math.max(free + t.time(loc, vl), ctx.earliest[v] ?? -Infinity);
      start[i + 1] = s;
      dist += t.distance(loc, vl);
      free = s + (ctx.duration[v * nS + r] ?? 0);
      loc = vl;
    }
    start[k + 1] = free + t.time(loc, staff.endLocation);
    if (k > 0) dist += t.distance(loc, staff.endLocation);
    latest[k + 1] = staff.shift.end;
    let nextLoc = staff.endLocation;
    for (let i = k; i >= 1; i--) {
      const v = seq[i - 1] ?? 0;
      const vl = ctx.location[v] ?? 0;
      latest[i] = Math.min(ctx.latest[v] ?? Infinity, (latest[i + 1] ?? 0) - (ctx.duration[v * nS + r] ?? 0) - t.time(vl, nextLoc));
      nextLoc = vl;
    }
    latest[0] = (latest[1] ?? 0) - (k > 0 ? t.time(staff.startLocation, nextLoc) : 0);
    st.fStart[r] = start;
    st.fLatest[r] = latest;
    st.evals[r] = { distance: dist, tardiness: 0, maxTardiness: 0, overtime: 0, cost: ctx.problem.objective.distance * dist };
  } else if (ctx.problem.syncs.length === 0) {
    st.evals[r] = evalRoute(ctx, r, seq, null, st.starts) ?? { ...EMPTY_ROUTE, cost: Infinity };
  }
  if (!skipTotal) recomputeCost(st);
}

/**
 * Cost increase of inserting visit v into route r before position pos (0..k); Infinity when infeasible.
 * `maxTardOthers` is not needed by callers: the general path recomputes it.
 */
export function insertionDelta(st: SolverState, v: number, r: number, pos: number): number {
  const ctx = st.ctx;
  const nS = ctx.nStaff;
  if (ctx.eligible[v * nS + r] !== 1) return Infinity;
  const staff = ctx.problem.staff[r];
  if (!staff) return Infinity;
  if ((st.load[r] ?? 0) + (ctx.demand[v] ?? 0) > staff.capacity) return Infinity;
  const seq = st.routes[r] ?? [];
  if (ctx.fast) {
    const t = ctx.problem.travel;
    const start = st.fStart[r] ?? [];
    const latest = st.fLatest[r] ?? [];
    const k = seq.length;
    const prev = pos > 0 ? (seq[pos - 1] ?? 0) : -1;
    const prevLoc = prev >= 0 ? (ctx.location[prev] ?? 0) : staff.startLocation;
    const prevFree = prev >= 0 ? (start[pos] ?? 0) + (ctx.duration[prev * nS + r] ?? 0) : staff.shift.start;
    const vl = ctx.location[v] ?? 0;
    const s = Math.max(prevFree + t.time(prevLoc, vl), ctx.earliest[v] ?? -Infinity);
    if (s > (ctx.latest[v] ?? Infinity) + 1e-9) return Infinity;
    const nextLoc = pos < k ? (ctx.location[seq[pos] ?? 0] ?? 0) : staff.endLocation;
    if (s + (ctx.duration[v * nS + r] ?? 0) + t.time(vl, nextLoc) > (latest[pos + 1] ?? 0) + 1e-9) return Infinity;
    const base = k > 0 ? t.distance(prevLoc, nextLoc) : 0;
    return ctx.problem.objective.distance * (t.distance(prevLoc, vl) + t.distance(vl, nextLoc) - base);
  }
  seq.splice(pos, 0, v);
  let delta: number;
  if (ctx.problem.syncs.length === 0) {
    const ev = evalRoute(ctx, r, seq, null, st.starts);
    if (!ev) delta = Infinity;
    else {
      let maxT = ev.maxTardiness;
      let rest = 0;
      st.evals.forEach((e, i) => {
        if (i === r) return;
        rest += e.cost;
        if (e.maxTardiness > maxT) maxT = e.maxTardiness;
      });
      delta = rest + ev.cost + ctx.problem.objective.maxTardiness * maxT - st.cost;
    }
  } else {
    st.routeOf[v] = r;
    const g = evalAll(ctx, st.routes, st.routeOf, st.starts);
    st.routeOf[v] = -1;
    delta = g ? g.cost - st.cost : Infinity;
  }
  seq.splice(pos, 1);
  return delta;
}

/** Inserts visit v into route r before position pos. */
export function insertVisit(st: SolverState, v: number, r: number, pos: number): void {
  st.routes[r]?.splice(pos, 0, v);
  st.routeOf[v] = r;
  st.unassigned--;
  refreshRoute(st, r);
}

/** Removes visit v from its route (no-op when unassigned). Caches of the route are NOT refreshed. */
export function detachVisit(st: SolverState, v: number): number {
  const r = st.routeOf[v] ?? -1;
  if (r < 0) return -1;
  const seq = st.routes[r] ?? [];
  const i = seq.indexOf(v);
  if (i >= 0) seq.splice(i, 1);
  st.routeOf[v] = -1;
  st.unassigned++;
  return r;
}

/** Start time of every assigned visit in the current solution. */
export function currentStarts(st: SolverState): Float64Array {
  const ctx = st.ctx;
  const out = new Float64Array(ctx.nVisits);
  if (ctx.fast) {
    st.routes.forEach((seq, r) => seq.forEach((v, i) => (out[v] = st.fStart[r]?.[i + 1] ?? 0)));
    return out;
  }
  if (ctx.problem.syncs.length === 0) {
    st.routes.forEach((seq, r) => evalRoute(ctx, r, seq, null, out));
    return out;
  }
  evalAll(ctx, st.routes, st.routeOf, out);
  return out;
}
