/**
 * The plan a result would hold from a search state. During the search one half of a two-person
 * visit (or of any `gap` pair) may be routed while its partner is not; a result never holds such a
 * lone half (both or neither), so it is unassigned at the end. Taking it out is a removal, and with
 * lunch breaks a removal can leave the rest without a common timing (settle-syncs.ts): the best
 * plan is therefore judged as it will be returned, not as the search holds it.
 */
import { isGapSync } from './model.js';
import { copyRoutes, totalCost } from './state.js';
import type { SolverState } from './state.js';
import { evalAll } from './timing.js';

/** Routed visits whose `gap` partner is unassigned. */
export function loneHalves(st: SolverState): number[] {
  const lone: number[] = [];
  for (const s of st.ctx.problem.syncs) {
    if (!isGapSync(s)) continue;
    const a = (st.routeOf[s.first] ?? -1) >= 0;
    const b = (st.routeOf[s.second] ?? -1) >= 0;
    if (a !== b) lone.push(a ? s.first : s.second);
  }
  return lone;
}

/** The routes without lone halves and their total cost (unassigned penalty included); Infinity when they cannot be timed together. */
export function returnablePlan(st: SolverState): { routes: number[][]; cost: number } {
  const lone = loneHalves(st);
  if (lone.length === 0) return { routes: copyRoutes(st), cost: totalCost(st) };
  const ctx = st.ctx;
  const out = new Set(lone);
  const routes = st.routes.map((seq) => seq.filter((v) => !out.has(v)));
  const routeOf = st.routeOf.slice();
  for (const v of lone) routeOf[v] = -1;
  const g = evalAll(ctx, routes, routeOf, new Float64Array(ctx.nVisits));
  return { routes, cost: g ? g.cost + ctx.problem.objective.unassigned * (st.unassigned + lone.length) : Infinity };
}
