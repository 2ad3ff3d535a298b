/**
 * A mutable working solution: routes as visit sequences, plus caches that make insertion checks
 * cheap. Fast path (Solomon-like problems): forward start times and backward latest starts per
 * route give O(1) window, shift and capacity checks. General path: re-evaluate the changed route
 * (or, when synchronised visits are affected, all routes). A journal of touched routes lets one
 * ruin-and-recreate step be undone in time proportional to what it changed.
 */
import type { SolverContext } from './context.js';
import { EMPTY_ROUTE, evalAll, evalComponent, evalIncremental, evalRoute, spreadCost, syncComponent } from './timing.js';
import type { RouteEval } from './timing.js';

export interface SolverState {
  readonly ctx: SolverContext;
  readonly routes: number[][];
  /** Route (= staff index) of each visit; −1 when unassigned. */
  readonly routeOf: Int32Array;
  /**
   * Fast path, per route r and node i = 0 (start location), 1..k (visits), k+1 (end location):
   * location, start of service, departure (start + duration) and latest feasible start.
   */
  readonly fLoc: Int32Array[];
  readonly fStart: Float64Array[];
  readonly fFree: Float64Array[];
  readonly fLatest: Float64Array[];
  readonly load: Float64Array;
  /** Per-route evaluation (both paths keep `cost` current). */
  readonly evals: RouteEval[];
  /** Routing cost without the unassigned penalty. */
  cost: number;
  unassigned: number;
  /** Scratch start times for the general path. */
  readonly starts: Float64Array;
  /** Lower bounds on starts imposed by synchronisation at the last global evaluation. */
  lower: Float64Array | null;
  /** Synchronised problems: the starts at that fixpoint, and scratch copies for trial insertions. */
  readonly fixStarts: Float64Array;
  readonly trialStarts: Float64Array;
  readonly trialLower: Float64Array;
  /** With breaks: the routes the last trial re-solved (its arrays hold only their visits). */
  trialComp: number[] | null;
  /** Routes as they were before the current step (journal), by route index. */
  readonly saved: Map<number, number[]>;
  journaling: boolean;
}

/** An empty solution: every visit unassigned. */
export function createState(ctx: SolverContext): SolverState {
  const st: SolverState = {
    ctx,
    routes: Array.from({ length: ctx.nStaff }, () => []),
    routeOf: new Int32Array(ctx.nVisits).fill(-1),
    fLoc: [],
    fStart: [],
    fFree: [],
    fLatest: [],
    load: new Float64Array(ctx.nStaff),
    evals: Array.from({ length: ctx.nStaff }, () => EMPTY_ROUTE),
    cost: 0,
    unassigned: ctx.nVisits,
    starts: new Float64Array(ctx.nVisits),
    lower: null,
    fixStarts: new Float64Array(ctx.nVisits),
    trialStarts: new Float64Array(ctx.nVisits),
    trialLower: new Float64Array(ctx.nVisits),
    trialComp: null,
    saved: new Map(),
    journaling: false,
  };
  for (let r = 0; r < ctx.nStaff; r++) refreshRoute(st, r, true);
  recomputeCost(st);
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

/** Starts a journal: changes from now on can be undone with `rollback`. */
export function beginStep(st: SolverState): void {
  st.saved.clear();
  st.journaling = true;
}

/** Accepts the changes since `beginStep`. */
export function commitStep(st: SolverState): void {
  st.saved.clear();
  st.journaling = false;
}

/** Undoes every change since `beginStep` (only the touched routes are rebuilt). */
export function rollback(st: SolverState): void {
  for (const r of st.saved.keys()) for (const v of st.routes[r] ?? []) st.routeOf[v] = -1;
  for (const [r, seq] of st.saved) {
    st.routes[r] = seq;
    for (const v of seq) st.routeOf[v] = r;
  }
  let assigned = 0;
  for (const seq of st.routes) assigned += seq.length;
  st.unassigned = st.ctx.nVisits - assigned;
  for (const r of st.saved.keys()) refreshRoute(st, r, true);
  st.saved.clear();
  st.journaling = false;
  recomputeCost(st);
}

function touch(st: SolverState, r: number): void {
  if (st.journaling && !st.saved.has(r)) st.saved.set(r, (st.routes[r] ?? []).slice());
}

/** Recomputes the total routing cost from the per-route evaluations (globally when synchronised). */
export function recomputeCost(st: SolverState): void {
  const ctx = st.ctx;
  if (ctx.fast || ctx.problem.syncs.length === 0) {
    let cost = 0;
    let maxT = 0;
    for (const ev of st.evals) {
      cost += ev.cost;
      if (ev.maxTardiness > maxT) maxT = ev.maxTardiness;
    }
    st.cost = cost + ctx.problem.objective.maxTardiness * maxT + spreadCost(ctx, (r) => st.evals[r] ?? EMPTY_ROUTE);
    return;
  }
  const g = evalAll(ctx, st.routes, st.routeOf, st.starts);
  st.cost = g ? g.cost : Infinity;
  st.lower = g ? g.lower : null;
  st.fixStarts.set(st.starts);
  if (g) g.routes.forEach((ev, r) => (st.evals[r] = ev));
}

/**
 * Synchronised problems: the plan's cost after inserting into route r (routeOf already set), the
 * trial arrays filled — with breaks only for the visits of the routes in `trialComp`.
 */
function trialInsertion(st: SolverState, r: number): ReturnType<typeof evalIncremental> {
  const ctx = st.ctx;
  if (ctx.hasBreaks) {
    // Only the routes tied to r by syncs are re-solved, from scratch: evalComponent reads and
    // writes their visits only, so the plan's arrays need no copy (a trial is made per position).
    // Most trials fail on their own route: evalAll's first round times it with no bounds, so a
    // failure there is evalAll's failure, found before the component is gathered.
    if (!evalRoute(ctx, r, st.routes[r] ?? [], null, st.trialStarts)) return null;
    st.trialComp = syncComponent(ctx, st.routes, st.routeOf, r);
    return evalComponent(ctx, st.routes, st.routeOf, st.trialComp, st.evals, st.trialStarts, st.trialLower);
  }
  st.trialComp = null;
  st.trialStarts.set(st.fixStarts);
  if (st.lower) st.trialLower.set(st.lower);
  else st.trialLower.fill(-Infinity);
  return evalIncremental(ctx, st.routes, st.routeOf, r, st.evals, st.trialStarts, st.trialLower);
}

/** Rebuilds the caches of route r (and the total cost unless `skipTotal`). */
export function refreshRoute(st: SolverState, r: number, skipTotal = false): void {
  const ctx = st.ctx;
  const seq = st.routes[r] ?? [];
  const staff = ctx.problem.staff[r];
  if (!staff) return;
  if (ctx.fast && !st.fLoc[r]) {
    st.fLoc[r] = new Int32Array(ctx.nVisits + 2);
    st.fStart[r] = new Float64Array(ctx.nVisits + 2);
    st.fFree[r] = new Float64Array(ctx.nVisits + 2);
    st.fLatest[r] = new Float64Array(ctx.nVisits + 2);
  }
  let load = 0;
  for (const v of seq) load += ctx.demand[v] ?? 0;
  st.load[r] = load;
  if (ctx.fast) {
    const { dist, time, nLoc, nStaff: nS, location, duration } = ctx;
    const k = seq.length;
    const locs = st.fLoc[r] ?? new Int32Array(0);
    const start = st.fStart[r] ?? new Float64Array(0);
    const freeAt = st.fFree[r] ?? new Float64Array(0);
    const latest = st.fLatest[r] ?? new Float64Array(0);
    locs[0] = staff.startLocation;
    start[0] = staff.shift.start;
    freeAt[0] = staff.shift.start;
    let loc = staff.startLocation;
    let free = staff.shift.start;
    let d = 0;
    for (let i = 0; i < k; i++) {
      const v = seq[i] ?? 0;
      const vl = location[v] ?? 0;
      const s = Math.max(free + (time[loc * nLoc + vl] ?? 0), ctx.earliest[v] ?? -Infinity);
      locs[i + 1] = vl;
      start[i + 1] = s;
      d += dist[loc * nLoc + vl] ?? 0;
      free = s + (duration[v * nS + r] ?? 0);
      freeAt[i + 1] = free;
      loc = vl;
    }
    locs[k + 1] = staff.endLocation;
    start[k + 1] = free + (time[loc * nLoc + staff.endLocation] ?? 0);
    freeAt[k + 1] = start[k + 1] ?? 0;
    if (k > 0) d += dist[loc * nLoc + staff.endLocation] ?? 0;
    latest[k + 1] = staff.shift.end;
    let nextLoc = staff.endLocation;
    for (let i = k; i >= 1; i--) {
      const v = seq[i - 1] ?? 0;
      const vl = location[v] ?? 0;
      latest[i] = Math.min(ctx.latest[v] ?? Infinity, (latest[i + 1] ?? 0) - (duration[v * nS + r] ?? 0) - (time[vl * nLoc + nextLoc] ?? 0));
      nextLoc = vl;
    }
    latest[0] = (latest[1] ?? 0) - (k > 0 ? (time[staff.startLocation * nLoc + nextLoc] ?? 0) : 0);
    st.evals[r] = { distance: d, tardiness: 0, maxTardiness: 0, overtime: 0, continuity: 0, work: 0, cost: ctx.problem.objective.distance * d };
  } else if (ctx.problem.syncs.length === 0) {
    st.evals[r] = evalRoute(ctx, r, seq, null, st.starts) ?? { ...EMPTY_ROUTE, cost: Infinity };
  }
  if (!skipTotal) recomputeCost(st);
}

/**
 * Cost increase of inserting visit v into route r before position pos (0..k); Infinity when infeasible.
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
    const { dist, time, nLoc, location, duration } = ctx;
    const locs = st.fLoc[r] ?? new Int32Array(0);
    const freeAt = st.fFree[r] ?? new Float64Array(0);
    const latest = st.fLatest[r] ?? new Float64Array(0);
    const k = seq.length;
    const a = locs[pos] ?? 0;
    const b = locs[pos + 1] ?? 0;
    const vl = location[v] ?? 0;
    const s = Math.max((freeAt[pos] ?? 0) + (time[a * nLoc + vl] ?? 0), ctx.earliest[v] ?? -Infinity);
    if (s > (ctx.latest[v] ?? Infinity) + 1e-9) return Infinity;
    if (s + (duration[v * nS + r] ?? 0) + (time[vl * nLoc + b] ?? 0) > (latest[pos + 1] ?? 0) + 1e-9) return Infinity;
    const base = k > 0 ? (dist[a * nLoc + b] ?? 0) : 0;
    return ctx.problem.objective.distance * ((dist[a * nLoc + vl] ?? 0) + (dist[vl * nLoc + b] ?? 0) - base);
  }
  seq.splice(pos, 0, v);
  let delta: number;
  // A shortcut only where it is exact, so that what this judges is what evalAll would: with breaks
  // a route's timing is not monotone (an insertion after its synchronised visits can move the
  // break before them), so only a route with no partner routed elsewhere is timed alone.
  if (ctx.problem.syncs.length === 0 || (ctx.hasBreaks ? isAlone(st, seq) : isLocalInsertion(st, v, seq, pos))) {
    // A route alone is never pushed: no lower bounds (stale ones of its visits would not hold).
    delta = localDelta(st, r, seq, ctx.hasBreaks ? null : st.lower);
  } else {
    st.routeOf[v] = r;
    const g = trialInsertion(st, r);
    st.routeOf[v] = -1;
    delta = g ? g.cost - st.cost : Infinity;
  }
  seq.splice(pos, 1);
  return delta;
}

/** No synchronised visit is affected: v has no partner and nothing synchronised follows it in its route. */
function isLocalInsertion(st: SolverState, v: number, seq: readonly number[], pos: number): boolean {
  const syncsOf = st.ctx.syncsOf;
  if ((syncsOf[v]?.length ?? 0) > 0) return false;
  for (let i = pos + 1; i < seq.length; i++) if ((syncsOf[seq[i] ?? 0]?.length ?? 0) > 0) return false;
  return true;
}

/** No visit of `seq` has a synchronisation partner on a route: the route is timed by itself (nothing pushes it). */
function isAlone(st: SolverState, seq: readonly number[]): boolean {
  const { syncsOf, problem } = st.ctx;
  for (const u of seq) {
    for (const si of syncsOf[u] ?? []) {
      const sy = problem.syncs[si];
      if (sy && (st.routeOf[sy.first === u ? sy.second : sy.first] ?? -1) >= 0) return false;
    }
  }
  return true;
}

/** Cost change when only route r changes (its new sequence is `seq`). */
function localDelta(st: SolverState, r: number, seq: readonly number[], lower: Float64Array | null): number {
  const ev = evalRoute(st.ctx, r, seq, lower, st.starts);
  if (!ev) return Infinity;
  let maxT = ev.maxTardiness;
  let rest = 0;
  const evals = st.evals;
  for (let i = 0; i < evals.length; i++) {
    if (i === r) continue;
    const e = evals[i];
    if (!e) continue;
    rest += e.cost;
    if (e.maxTardiness > maxT) maxT = e.maxTardiness;
  }
  const spread = spreadCost(st.ctx, (i) => (i === r ? ev : (evals[i] ?? EMPTY_ROUTE)));
  return rest + ev.cost + st.ctx.problem.objective.maxTardiness * maxT + spread - st.cost;
}

/**
 * Inserts visit v into route r before position pos. Synchronised problems: false, and nothing
 * changed, when the plan could then not be timed (never after `insertionDelta` found it feasible:
 * both judge it with the same evaluation).
 */
export function insertVisit(st: SolverState, v: number, r: number, pos: number): boolean {
  touch(st, r);
  st.routes[r]?.splice(pos, 0, v);
  st.routeOf[v] = r;
  st.unassigned--;
  if (st.ctx.fast || st.ctx.problem.syncs.length === 0) {
    const old = st.evals[r]?.cost ?? 0;
    refreshRoute(st, r, true);
    const now = st.evals[r]?.cost ?? Infinity;
    if (st.ctx.problem.objective.maxTardiness === 0 && st.ctx.fairWeight === 0 && Number.isFinite(old) && Number.isFinite(now)) st.cost += now - old;
    else recomputeCost(st);
    return true;
  }
  // A plan that cannot be timed has no valid per-route evaluations to build on: time it whole.
  if (!Number.isFinite(st.cost)) {
    recomputeCost(st);
    return true;
  }
  // Synchronised: only the routes the insertion reaches are re-evaluated.
  const g = trialInsertion(st, r);
  if (!g) {
    st.routes[r]?.splice(pos, 1);
    st.routeOf[v] = -1;
    st.unassigned++;
    return false;
  }
  st.cost = g.cost;
  for (const [i, ev] of g.evals) st.evals[i] = ev;
  if (st.trialComp) {
    const lower = (st.lower ??= new Float64Array(st.ctx.nVisits).fill(-Infinity));
    for (const c of st.trialComp) {
      for (const u of st.routes[c] ?? []) {
        st.fixStarts[u] = st.trialStarts[u] ?? 0;
        lower[u] = st.trialLower[u] ?? -Infinity;
      }
    }
  } else {
    st.fixStarts.set(st.trialStarts);
    st.lower = st.trialLower.slice();
  }
  return true;
}

/** Removes visit v from its route (no-op when unassigned). Caches of the route are NOT refreshed. */
export function detachVisit(st: SolverState, v: number): number {
  const r = st.routeOf[v] ?? -1;
  if (r < 0) return -1;
  touch(st, r);
  const seq = st.routes[r] ?? [];
  const i = seq.indexOf(v);
  if (i >= 0) seq.splice(i, 1);
  st.routeOf[v] = -1;
  st.unassigned++;
  return r;
}

/** Start time of every assigned visit (by visit) and break start of every staff member (by staff; NaN: none). */
export function currentStarts(st: SolverState): { starts: Float64Array; breaks: Float64Array } {
  const ctx = st.ctx;
  const starts = new Float64Array(ctx.nVisits);
  const breaks = new Float64Array(ctx.nStaff).fill(NaN);
  if (ctx.fast) {
    st.routes.forEach((seq, r) => seq.forEach((v, i) => (starts[v] = st.fStart[r]?.[i + 1] ?? 0)));
  } else if (ctx.problem.syncs.length === 0) {
    st.routes.forEach((seq, r) => evalRoute(ctx, r, seq, null, starts, breaks));
  } else {
    evalAll(ctx, st.routes, st.routeOf, starts, breaks);
  }
  return { starts, breaks };
}
