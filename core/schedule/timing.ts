/**
 * The solver's general schedule evaluation: earliest start times for given routes, with several
 * windows per visit, soft due times, continuity, overtime, breaks and synchronised pairs. Every
 * constraint only pushes starts later, so the least fixpoint is optimal for tardiness and overtime
 * given the routes (breaks are placed greedily: see README.md).
 */
import type { SolverContext } from './context.js';
import type { SyncConstraint } from './model.js';

export interface RouteEval {
  readonly distance: number;
  readonly tardiness: number;
  readonly maxTardiness: number;
  readonly overtime: number;
  /** Visits done by someone outside their preferred staff. */
  readonly continuity: number;
  /** Minutes of service and travel (home to home), for the fair spread. */
  readonly work: number;
  /** Weighted distance + tardiness + overtime + continuity (max tardiness is global, priced separately). */
  readonly cost: number;
}

export const EMPTY_ROUTE: RouteEval = { distance: 0, tardiness: 0, maxTardiness: 0, overtime: 0, continuity: 0, work: 0, cost: 0 };

/**
 * The fair-spread term of the plan: the weighted sum over staff with contracted minutes of the
 * squared difference between her work and her contracted share of everyone's work. O(staff), so
 * it is added wherever the per-route costs are summed (it does not split by route).
 */
export function spreadCost(ctx: SolverContext, evalOf: (r: number) => RouteEval): number {
  if (ctx.fairWeight === 0) return 0;
  let work = 0;
  let contracted = 0;
  for (let r = 0; r < ctx.nStaff; r++) {
    const c = ctx.contracted[r] ?? 0;
    if (c <= 0) continue;
    work += evalOf(r).work;
    contracted += c;
  }
  const perMinute = work / contracted;
  let sum = 0;
  for (let r = 0; r < ctx.nStaff; r++) {
    const c = ctx.contracted[r] ?? 0;
    if (c > 0) sum += (evalOf(r).work - c * perMinute) ** 2;
  }
  return ctx.fairWeight * sum;
}

const EPS = 1e-9;

function fitWindow(ws: readonly { start: number; end: number }[], t: number): number {
  if (ws.length === 0) return t;
  for (const w of ws) if (t <= w.end + EPS) return Math.max(t, w.start);
  return NaN;
}

/**
 * Earliest-start schedule of one route; writes starts[visit] (and breaks[staff] when the staff
 * member has a break); null when a hard constraint fails.
 */
export function evalRoute(ctx: SolverContext, staff: number, seq: readonly number[], lower: Float64Array | null, starts: Float64Array, breaks?: Float64Array): RouteEval | null {
  const early = evalRouteWith(ctx, staff, seq, lower, starts, breaks, false);
  if (early !== null || !ctx.problem.staff[staff]?.lunch) return early;
  // The early break can block a visit that starts inside the break window (a pinned 9:40 on a
  // 7:00 shift): then try the break as late as it goes, after the visits that end in time.
  return evalRouteWith(ctx, staff, seq, lower, starts, breaks, true);
}

function evalRouteWith(ctx: SolverContext, staff: number, seq: readonly number[], lower: Float64Array | null, starts: Float64Array, breaks: Float64Array | undefined, late: boolean): RouteEval | null {
  if (seq.length === 0) return EMPTY_ROUTE;
  const p = ctx.problem;
  const s = p.staff[staff];
  if (!s) return null;
  const t = p.travel;
  const nS = ctx.nStaff;
  const lunch = s.lunch;
  let breakAt = lunch ? NaN : 0;
  let loc = s.startLocation;
  let free = s.shift.start;
  let distance = 0;
  let tardiness = 0;
  let maxTardiness = 0;
  let continuity = 0;
  let work = 0;
  let load = 0;
  for (const v of seq) {
    const vl = ctx.location[v] ?? 0;
    const ws = ctx.windows[v] ?? [];
    const lb = lower ? (lower[v] ?? -Infinity) : -Infinity;
    const dur = ctx.duration[v * nS + staff] ?? 0;
    const tt = t.time(loc, vl);
    let at = free + tt;
    if (lb > at) at = lb;
    let st = fitWindow(ws, at);
    if (lunch && Number.isNaN(breakAt)) {
      // Take the break here (before travelling) when the next visit would start inside the break
      // window anyway, or would end too late to take it afterwards.
      if (Number.isNaN(st) || (!late && st >= lunch.window.start) || st + dur > lunch.window.end) {
        breakAt = Math.max(free, lunch.window.start);
        if (breakAt > lunch.window.end + EPS) return null;
        at = breakAt + lunch.duration + tt;
        if (lb > at) at = lb;
        st = fitWindow(ws, at);
      }
    }
    if (Number.isNaN(st)) return null;
    starts[v] = st;
    const due = p.visits[v]?.due;
    if (due !== undefined && st > due) {
      tardiness += st - due;
      if (st - due > maxTardiness) maxTardiness = st - due;
    }
    continuity += ctx.prefMiss[v * nS + staff] ?? 0;
    distance += t.distance(loc, vl);
    work += tt + dur;
    free = st + dur;
    loc = vl;
    load += ctx.demand[v] ?? 0;
  }
  if (lunch && Number.isNaN(breakAt)) {
    breakAt = Math.max(free, lunch.window.start);
    if (breakAt > lunch.window.end + EPS) return null;
    free = breakAt + lunch.duration;
  }
  if (lunch && breaks) breaks[staff] = breakAt;
  distance += t.distance(loc, s.endLocation);
  const home = t.time(loc, s.endLocation);
  work += home;
  const back = free + home;
  if (back > s.shift.end + EPS || load > s.capacity + EPS) return null;
  const overtime = s.overtimeAfter !== undefined ? Math.max(0, back - s.overtimeAfter) : 0;
  const w = p.objective;
  return { distance, tardiness, maxTardiness, overtime, continuity, work, cost: w.distance * distance + w.tardiness * tardiness + w.overtime * overtime + (w.continuity ?? 0) * continuity };
}

export interface GlobalEval {
  readonly routes: readonly RouteEval[];
  /** The lower bounds on starts that synchronisation imposed at the fixpoint (null: none). */
  readonly lower: Float64Array | null;
  readonly maxTardiness: number;
  /** Routing cost without the unassigned penalty. */
  readonly cost: number;
}

/** What one synchronisation rule asks of the current starts (see `syncPush`). */
export const HOLDS = -1;
export const BROKEN = -2;

/**
 * The push one synchronisation rule asks for at the current starts: the visit that must start
 * later (its earliest start written to `at[0]`), HOLDS when the rule holds or a visit is unrouted,
 * BROKEN when it cannot hold (a gap rule with both visits on one route).
 */
export function syncPush(ctx: SolverContext, sy: SyncConstraint, routeOf: Int32Array, starts: Float64Array, at: Float64Array): number {
  const ra = routeOf[sy.first] ?? -1;
  const rb = routeOf[sy.second] ?? -1;
  if (ra < 0 || rb < 0) return HOLDS;
  const a = starts[sy.first] ?? 0;
  const b = starts[sy.second] ?? 0;
  if (sy.kind === 'apart') {
    const da = ctx.duration[sy.first * ctx.nStaff + ra] ?? 0;
    const db = ctx.duration[sy.second * ctx.nStaff + rb] ?? 0;
    if (a + da <= b + EPS || b + db <= a + EPS) return HOLDS;
    // Overlap: the one that starts later waits for the other to finish.
    at[0] = a <= b ? a + da : b + db;
    return a <= b ? sy.second : sy.first;
  }
  if (ra === rb) return BROKEN;
  if (b < a + sy.minGap - EPS) {
    at[0] = a + sy.minGap;
    return sy.second;
  }
  if (b > a + sy.maxGap + EPS) {
    at[0] = b - sy.maxGap;
    return sy.first;
  }
  return HOLDS;
}

/** Evaluates all routes together, resolving synchronisation by pushing starts to a fixpoint. */
export function evalAll(ctx: SolverContext, routes: readonly (readonly number[])[], routeOf: Int32Array, starts: Float64Array, breaks?: Float64Array): GlobalEval | null {
  const syncs = ctx.problem.syncs;
  const at = new Float64Array(1);
  let lower: Float64Array | null = null;
  const push = (v: number, t: number): void => {
    lower ??= new Float64Array(ctx.nVisits).fill(-Infinity);
    lower[v] = Math.max(lower[v] ?? -Infinity, t);
  };
  const limit = 20 + 4 * syncs.length;
  for (let iter = 0; iter < limit; iter++) {
    const evals: RouteEval[] = [];
    for (let r = 0; r < routes.length; r++) {
      const ev = evalRoute(ctx, r, routes[r] ?? [], lower, starts, breaks);
      if (!ev) return null;
      evals.push(ev);
    }
    let changed = false;
    for (const sy of syncs) {
      const v = syncPush(ctx, sy, routeOf, starts, at);
      if (v === BROKEN) return null;
      if (v === HOLDS) continue;
      push(v, at[0]!);
      changed = true;
    }
    if (!changed) {
      let cost = 0;
      let maxTardiness = 0;
      for (const ev of evals) {
        cost += ev.cost;
        if (ev.maxTardiness > maxTardiness) maxTardiness = ev.maxTardiness;
      }
      return { routes: evals, lower, maxTardiness, cost: cost + ctx.problem.objective.maxTardiness * maxTardiness + spreadCost(ctx, (r) => evals[r] ?? EMPTY_ROUTE) };
    }
  }
  return null;
}

export interface IncrementalEval {
  /** Routing cost without the unassigned penalty. */
  readonly cost: number;
  /** New evaluations of the routes that changed (the others keep theirs). */
  readonly evals: ReadonlyMap<number, RouteEval>;
}

/** The plan's cost when `evals` replace those routes' `baseEvals` (the others keep theirs). */
function withCost(ctx: SolverContext, nRoutes: number, evals: Map<number, RouteEval>, baseEvals: readonly RouteEval[]): IncrementalEval {
  let cost = 0;
  let maxTardiness = 0;
  for (let r = 0; r < nRoutes; r++) {
    const ev = evals.get(r) ?? baseEvals[r] ?? EMPTY_ROUTE;
    cost += ev.cost;
    if (ev.maxTardiness > maxTardiness) maxTardiness = ev.maxTardiness;
  }
  return { cost: cost + ctx.problem.objective.maxTardiness * maxTardiness + spreadCost(ctx, (r) => evals.get(r) ?? baseEvals[r] ?? EMPTY_ROUTE), evals };
}

/**
 * The fixpoint after inserting into route `changed`, re-evaluating only routes the change reaches
 * through synchronisation. `starts` and `lower` come in holding the plan's fixpoint before the
 * insertion (valid lower bounds, since an insertion only delays starts) and are updated in place.
 */
export function evalIncremental(ctx: SolverContext, routes: readonly (readonly number[])[], routeOf: Int32Array, changed: number, baseEvals: readonly RouteEval[], starts: Float64Array, lower: Float64Array): IncrementalEval | null {
  const syncs = ctx.problem.syncs;
  const at = new Float64Array(1);
  const evals = new Map<number, RouteEval>();
  let dirty = new Set<number>([changed]);
  const limit = 20 + 4 * syncs.length;
  for (let iter = 0; dirty.size > 0; iter++) {
    if (iter >= limit) return null;
    for (const r of dirty) {
      const ev = evalRoute(ctx, r, routes[r] ?? [], lower, starts);
      if (!ev) return null;
      evals.set(r, ev);
    }
    const next = new Set<number>();
    for (const sy of syncs) {
      const v = syncPush(ctx, sy, routeOf, starts, at);
      if (v === BROKEN) return null;
      if (v === HOLDS) continue;
      if (at[0]! > (lower[v] ?? -Infinity)) lower[v] = at[0]!;
      next.add(routeOf[v] ?? 0);
    }
    dirty = next;
  }
  return withCost(ctx, routes.length, evals, baseEvals);
}

/** Routes tied to route `r` through synchronisation rules, transitively (r included). */
export function syncComponent(ctx: SolverContext, routes: readonly (readonly number[])[], routeOf: Int32Array, r: number): number[] {
  const seen = new Set<number>([r]);
  const stack = [r];
  while (stack.length > 0) {
    const x = stack.pop() ?? 0;
    for (const v of routes[x] ?? []) {
      for (const si of ctx.syncsOf[v] ?? []) {
        const sy = ctx.problem.syncs[si];
        if (!sy) continue;
        for (const u of [sy.first, sy.second]) {
          const ru = routeOf[u] ?? -1;
          if (ru >= 0 && !seen.has(ru)) {
            seen.add(ru);
            stack.push(ru);
          }
        }
      }
    }
  }
  return [...seen];
}

/**
 * `evalAll` on the routes of one synchronisation component only, from scratch (no earlier lower
 * bounds: with breaks an insertion may move a break, so old bounds need not hold), with the same
 * steps and limit, so it accepts what evalAll accepts; the other routes keep `baseEvals`. `starts` and `lower` are updated in place for the component's visits.
 */
export function evalComponent(ctx: SolverContext, routes: readonly (readonly number[])[], routeOf: Int32Array, comp: readonly number[], baseEvals: readonly RouteEval[], starts: Float64Array, lower: Float64Array): IncrementalEval | null {
  const at = new Float64Array(1);
  const syncs = new Set<number>();
  for (const r of comp) {
    for (const v of routes[r] ?? []) {
      lower[v] = -Infinity;
      for (const si of ctx.syncsOf[v] ?? []) syncs.add(si);
    }
  }
  const evals = new Map<number, RouteEval>();
  // evalAll's limit, so that a component is judged exactly as evalAll would judge it.
  const limit = 20 + 4 * ctx.problem.syncs.length;
  for (let iter = 0; ; iter++) {
    if (iter >= limit) return null;
    for (const r of comp) {
      const ev = evalRoute(ctx, r, routes[r] ?? [], lower, starts);
      if (!ev) return null;
      evals.set(r, ev);
    }
    let changed = false;
    for (const si of syncs) {
      const v = syncPush(ctx, ctx.problem.syncs[si]!, routeOf, starts, at);
      if (v === BROKEN) return null;
      if (v === HOLDS) continue;
      if (at[0]! > (lower[v] ?? -Infinity)) lower[v] = at[0]!;
      changed = true;
    }
    if (!changed) break;
  }
  return withCost(ctx, routes.length, evals, baseEvals);
}
