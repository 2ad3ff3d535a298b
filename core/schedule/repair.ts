/**
 * Repair after an absence: the absent person's visits from `fromMinute` on are unassigned and
 * reinserted into the other routes. Other routes only receive insertions (their order is kept),
 * so the plan changes as little as possible.
 */
import { createContext } from './context.js';
import type { Problem, Solution } from './model.js';
import { createRandom } from './random.js';
import { settleSyncs } from './settle-syncs.js';
import { recreate } from './sisr.js';
import { DEFAULT_SISR } from './sisr.js';
import { buildResult, dropHalfSyncs, withAppointments } from './solve.js';
import { blameCentre, hasAppointments, routeAround, toRoutingPlan } from './bookings.js';
import type { SolveResult } from './solve.js';
import { createState, insertionDelta, restoreRoutes } from './state.js';
import type { SolverState } from './state.js';

export interface Absence {
  readonly staff: number;
  /** Visits starting at or after this minute need someone else. */
  readonly fromMinute: number;
}

export interface RepairOptions {
  readonly seed: number;
  readonly now: () => number;
}

export interface RepairResult extends SolveResult {
  /** Visits that changed staff member (or became unassigned: also the partner of a two-person visit whose other half found no one). */
  readonly moved: readonly number[];
}

/** Most constrained first: the visit with the fewest feasible insertion positions goes first. */
function feasibleCount(st: SolverState, v: number, allowed: (r: number) => boolean): number {
  let n = 0;
  for (let r = 0; r < st.routes.length; r++) {
    if (!allowed(r)) continue;
    const k = st.routes[r]?.length ?? 0;
    for (let p = 0; p <= k; p++) if (insertionDelta(st, v, r, p) < Infinity) n++;
  }
  return n;
}

/** Reassigns the absent person's remaining visits with insertions only; booked appointments stay as they are. */
export function repair(problem: Problem, plan: Solution, absence: Absence, options: RepairOptions): RepairResult {
  if (!hasAppointments(problem)) return repairRoutes(problem, plan, absence, options);
  // The clients' home visits keep clear of their (kept) appointments, as when the plan was built.
  const { split, lost, cut } = routeAround(problem, plan.bookings ?? []);
  const routed = blameCentre(repairRoutes(split.routing, toRoutingPlan(split, plan), absence, options), split, cut);
  const booked = new Set((plan.bookings ?? []).map((b) => b.visit));
  const notBooked = split.appointments.filter((v) => !booked.has(v)).map((visit) => plan.unassigned.find((u) => u.visit === visit) ?? { visit, reason: 'capacity' as const });
  const kept = { bookings: plan.bookings ?? [], unassigned: [...notBooked, ...lost] };
  return { ...withAppointments(problem, split, routed, kept), moved: routed.moved.map((v) => split.toFull[v] ?? v) };
}

function repairRoutes(problem: Problem, plan: Solution, absence: Absence, options: RepairOptions): RepairResult {
  const t0 = options.now();
  const ctx = createContext(problem);
  const st = createState(ctx);
  const routes: number[][] = Array.from({ length: ctx.nStaff }, () => []);
  const removed: number[] = [];
  for (const r of plan.routes) {
    for (const s of r.stops) {
      if (r.staff === absence.staff && s.start >= absence.fromMinute) removed.push(s.visit);
      else routes[r.staff]?.push(s.visit);
    }
  }
  restoreRoutes(st, routes);
  // A stored plan that cannot be timed as it is loses the pairs that break it; they are reinserted too.
  if (!Number.isFinite(st.cost)) removed.push(...settleSyncs(st));
  const allowed = (r: number) => r !== absence.staff;
  const rnd = createRandom(options.seed);
  // Most constrained first, counted once against the plan without them (recounting after every
  // insertion costs a full scan per visit left, too slow for a day with breaks and syncs).
  const count = new Map(removed.map((v) => [v, feasibleCount(st, v, allowed)]));
  const left = [...removed].sort((a, b) => (count.get(a) ?? 0) - (count.get(b) ?? 0) || a - b);
  for (const v of left) recreate(st, [v], rnd, { ...DEFAULT_SISR, blinkRate: 0 }, allowed);
  // Half of a two-person visit that found no one else: its partner cannot go alone (both or neither).
  const guardUnassigned = dropHalfSyncs(st);
  const result = buildResult(st, false, 0, options.now() - t0, guardUnassigned);
  const before = new Map<number, number>();
  for (const r of plan.routes) for (const s of r.stops) before.set(s.visit, r.staff);
  const moved = [...before.keys()].filter((v) => before.get(v) !== (st.routeOf[v] ?? -1)).sort((a, b) => a - b);
  return { ...result, moved };
}
