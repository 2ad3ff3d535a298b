/**
 * `solve(problem, options)`: greedy construction, then SISR ruin-and-recreate under simulated
 * annealing. Pure: the clock and the seed come in; same seed + iteration limit ⇒ same answer.
 */
import { createContext } from './context.js';
import type { SolverContext } from './context.js';
import type { Problem, Route, Solution, Stop, UnassignedReason } from './model.js';
import { blameCentre, bookAppointments, hasAppointments, routeAround, splitAppointments, toFullPlan } from './bookings.js';
import type { SplitProblem } from './bookings.js';
import { createRandom } from './random.js';
import { loneHalves, returnablePlan } from './returnable.js';
import { settleSyncs } from './settle-syncs.js';
import { DEFAULT_SISR, recreate, ruin, sortForInsertion } from './sisr.js';
import type { SisrParams } from './sisr.js';
import { beginStep, commitStep, copyRoutes, createState, currentStarts, detachVisit, insertionDelta, recomputeCost, refreshRoute, restoreRoutes, rollback, totalCost } from './state.js';
import type { SolverState } from './state.js';

export type SolveStatus = 'solved' | 'partial' | 'infeasible' | 'timedout';

export interface Progress {
  readonly iteration: number;
  readonly bestCost: number;
  readonly elapsedMs: number;
}

export interface SolveOptions {
  readonly seed: number;
  readonly timeLimitMs: number;
  /** The clock, in ms; injected so core stays pure. */
  readonly now: () => number;
  readonly maxIterations?: number;
  readonly onProgress?: (p: Progress) => void;
  /** Annealing temperatures as multiples of the average arc cost of the first solution. */
  readonly temperature?: { readonly initial: number; readonly final: number };
  readonly sisr?: Partial<SisrParams>;
  /** Start from these routes (per staff index) instead of constructing. */
  readonly initialRoutes?: readonly (readonly number[])[];
}

export interface SolveResult extends Solution {
  readonly status: SolveStatus;
  /** Weighted objective including the unassigned penalty. */
  readonly cost: number;
  readonly iterations: number;
  readonly elapsedMs: number;
  /** Visits the last guard (`settleSyncs`) unassigned because the kept plan had no common timing from scratch: 0 when the search is right. */
  readonly guardUnassigned: number;
}

/** Finds a low-cost feasible plan within the time budget; day-centre appointments are booked first, and the clients' home visits routed around them. */
export function solve(problem: Problem, options: SolveOptions): SolveResult {
  if (!hasAppointments(problem)) return solveRoutes(problem, options);
  const booked = bookAppointments(problem, splitAppointments(problem).appointments);
  const { split, lost, cut } = routeAround(problem, booked.bookings);
  const back = new Map(split.toFull.map((full, i) => [full, i]));
  const initialRoutes = options.initialRoutes?.map((r) => r.filter((v) => back.has(v)).map((v) => back.get(v)!));
  const routed = blameCentre(solveRoutes(split.routing, { ...options, ...(initialRoutes ? { initialRoutes } : {}) }), split, cut);
  return withAppointments(problem, split, routed, { bookings: booked.bookings, unassigned: [...booked.unassigned, ...lost] });
}

/** Joins a routing result, the appointments' bookings and the visits neither routed nor booked into one result of the full problem. */
export function withAppointments<R extends SolveResult>(problem: Problem, split: SplitProblem, routed: R, booked: { bookings: readonly Stop[]; unassigned: readonly { visit: number; reason: UnassignedReason }[] }): R {
  const full = toFullPlan(split, routed);
  const unassigned = [...full.unassigned, ...booked.unassigned];
  const pinLost = booked.unassigned.some((u) => problem.visits[u.visit]?.pin !== undefined);
  const status: SolveStatus = routed.status === 'timedout' ? 'timedout' : pinLost ? 'infeasible' : routed.status === 'solved' && booked.unassigned.length > 0 ? 'partial' : routed.status;
  return { ...routed, routes: full.routes, bookings: booked.bookings, unassigned, status, cost: routed.cost + problem.objective.unassigned * booked.unassigned.length };
}

function solveRoutes(problem: Problem, options: SolveOptions): SolveResult {
  const t0 = options.now();
  const ctx = createContext(problem);
  const rnd = createRandom(options.seed);
  const params: SisrParams = { ...DEFAULT_SISR, ...options.sisr };
  const st = createState(ctx);
  const deadline = t0 + options.timeLimitMs;
  let timedOut = false;

  if (options.initialRoutes) {
    restoreRoutes(st, options.initialRoutes);
    // A plan given that cannot be timed loses the pairs that break it; they are reinserted below.
    if (!Number.isFinite(st.cost)) settleSyncs(st);
  }
  const pinned: number[] = [];
  const free: number[] = [];
  for (let v = 0; v < ctx.nVisits; v++) {
    if ((st.routeOf[v] ?? -1) >= 0) continue;
    (problem.visits[v]?.pin ? pinned : free).push(v);
  }
  pinned.sort((a, b) => (ctx.earliest[a] ?? 0) - (ctx.earliest[b] ?? 0));
  recreate(st, pinned, rnd, { ...params, blinkRate: 0 });
  free.sort((a, b) => (ctx.latest[a] ?? 0) - (ctx.latest[b] ?? 0) || a - b);
  for (let i = 0; i < free.length; i += 16) {
    if (i > 0 && options.now() > deadline) {
      timedOut = true;
      break;
    }
    recreate(st, free.slice(i, i + 16), rnd, { ...params, blinkRate: 0 });
  }

  // The construction's lone halves go now (both or neither), with whatever their removal leaves
  // untimable: the search reinserts them, and its best plan is judged as it will be returned.
  dropHalfSyncs(st);
  let best = copyRoutes(st);
  let bestCost = totalCost(st);
  let curCost = bestCost;
  options.onProgress?.({ iteration: 0, bestCost, elapsedMs: options.now() - t0 });
  const assigned = ctx.nVisits - st.unassigned;
  const avgArc = st.cost > 0 && Number.isFinite(st.cost) ? st.cost / Math.max(1, assigned + ctx.nStaff) : 1;
  const tInit = (options.temperature?.initial ?? 5) * avgArc;
  const tFinal = (options.temperature?.final ?? 0.1) * avgArc;
  const maxIter = options.maxIterations ?? Infinity;
  let iter = 0;
  const mark = new Uint8Array(ctx.nVisits);
  while (!timedOut && iter < maxIter && ctx.nVisits > 0) {
    const now = options.now();
    if (now >= deadline) break;
    const frac = Number.isFinite(maxIter) ? iter / maxIter : (now - t0) / Math.max(1, options.timeLimitMs);
    const temp = tInit * Math.pow(tFinal / tInit, Math.min(1, frac));
    beginStep(st);
    const removed = ruin(st, rnd, params);
    if (!Number.isFinite(st.cost) && !ctx.fast && problem.syncs.length > 0) {
      // Still no timing after the ruin: nothing to rebuild on (the step is rejected).
      rollback(st);
      iter++;
      continue;
    }
    mark.fill(0);
    for (const v of removed) mark[v] = 1;
    for (let v = 0; v < ctx.nVisits; v++) if ((st.routeOf[v] ?? -1) < 0 && mark[v] === 0) removed.push(v);
    sortForInsertion(st, removed, rnd);
    recreate(st, removed, rnd, params);
    const cost = totalCost(st);
    if (cost < curCost - temp * Math.log(1 - rnd.next())) {
      commitStep(st);
      curCost = cost;
      // The cost with lone halves is a lower bound of the returned plan's (each costs a visit unassigned).
      const kept = cost < bestCost - 1e-9 ? returnablePlan(st) : null;
      if (kept && kept.cost < bestCost - 1e-9) {
        bestCost = kept.cost;
        best = kept.routes;
        options.onProgress?.({ iteration: iter, bestCost, elapsedMs: options.now() - t0 });
      }
    } else {
      rollback(st);
    }
    iter++;
  }
  restoreRoutes(st, best);
  const guardUnassigned = dropHalfSyncs(st);
  return buildResult(st, timedOut, iter, options.now() - t0, guardUnassigned);
}

/**
 * A synchronised pair is all or nothing: unassign the half whose partner found no place, then
 * (`settleSyncs`) the pairs that leaves without a common timing; returns how many of those.
 */
export function dropHalfSyncs(st: SolverState): number {
  const lone = loneHalves(st);
  for (const v of lone) detachVisit(st, v);
  if (lone.length > 0) {
    for (let r = 0; r < st.routes.length; r++) refreshRoute(st, r, true);
    recomputeCost(st);
  }
  return settleSyncs(st).length;
}

/** Why visit v is unassigned, judged against an otherwise empty plan. */
export function explainUnassigned(ctx: SolverContext, v: number): UnassignedReason {
  if (ctx.pinConflict[v] === 1) return 'pin-conflict';
  let qualified = false;
  let capacityOnly = true;
  const probe = createState(ctx);
  for (let r = 0; r < ctx.nStaff; r++) {
    if (ctx.eligible[v * ctx.nStaff + r] !== 1) continue;
    qualified = true;
    if (insertionDelta(probe, v, r, 0) < Infinity) return 'no-room';
    if ((ctx.demand[v] ?? 0) <= (ctx.problem.staff[r]?.capacity ?? 0)) capacityOnly = false;
  }
  if (!qualified) return 'no-qualified-staff';
  return capacityOnly ? 'capacity' : 'no-feasible-time';
}

/** Turns the solver state into the public result (stops with start times, reasons, status). */
export function buildResult(st: SolverState, timedOut: boolean, iterations: number, elapsedMs: number, guardUnassigned = 0): SolveResult {
  const ctx = st.ctx;
  const { starts, breaks } = currentStarts(st);
  const routes: Route[] = st.routes.map((seq, r) => {
    const stops = seq.map((v) => ({ visit: v, start: starts[v] ?? 0 }));
    const b = breaks[r] ?? NaN;
    return seq.length > 0 && !Number.isNaN(b) ? { staff: r, stops, breakStart: b } : { staff: r, stops };
  });
  const unassigned: { visit: number; reason: UnassignedReason }[] = [];
  for (let v = 0; v < ctx.nVisits; v++) if ((st.routeOf[v] ?? -1) < 0) unassigned.push({ visit: v, reason: explainUnassigned(ctx, v) });
  const pinLost = unassigned.some((u) => ctx.problem.visits[u.visit]?.pin !== undefined);
  const status: SolveStatus = timedOut
    ? 'timedout'
    : unassigned.length === 0
      ? 'solved'
      : pinLost || unassigned.length === ctx.nVisits
        ? 'infeasible'
        : 'partial';
  return { status, routes, unassigned, cost: totalCost(st), iterations, elapsedMs, guardUnassigned };
}
