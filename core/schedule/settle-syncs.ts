/**
 * Unassigns synchronised pairs until every route can be timed together from scratch (`evalAll`).
 *
 * Where it is needed: a lunch break is taken where the carer is, before she travels on; removing
 * a visit can take away the place she would have had it near the next client, so the next visit
 * starts later and its synchronised partner can no longer keep up. Removal is not monotone with
 * breaks, so the search's ruin step calls this and reinserts what it unassigns. At the end of a
 * search it is the last guard: the search keeps only plans `evalAll` can time, so there it finds
 * nothing (the result counts what it unassigned, `guardUnassigned`, for tests and benches).
 */
import { BROKEN, evalAll, HOLDS, syncPush } from './timing.js';
import { detachVisit, recomputeCost, refreshRoute } from './state.js';
import type { SolverState } from './state.js';

/** Unassigns synchronised visits until every route can be timed together; returns the visits it unassigned. */
export function settleSyncs(st: SolverState): number[] {
  const ctx = st.ctx;
  const syncs = ctx.problem.syncs;
  const dropped: number[] = [];
  if (ctx.fast || syncs.length === 0) return dropped;
  const drop = (v: number): void => {
    const r = detachVisit(st, v);
    if (r < 0) return;
    dropped.push(v);
    refreshRoute(st, r, true);
  };
  for (let round = 0; round <= syncs.length; round++) {
    const starts = new Float64Array(ctx.nVisits);
    if (evalAll(ctx, st.routes, st.routeOf, starts)) break;
    const routed = syncs.filter((s) => (st.routeOf[s.first] ?? -1) >= 0 && (st.routeOf[s.second] ?? -1) >= 0);
    if (routed.length === 0) break;
    // The rules the failed evaluation left broken (the one push each asks for); when none shows,
    // the first routed one. A together rule goes with both halves; an apart rule with the visit
    // that would have to wait.
    const at = new Float64Array(1);
    const drops = routed.map((s) => ({ s, v: syncPush(ctx, s, st.routeOf, starts, at) })).filter((d) => d.v !== HOLDS);
    for (const { s, v } of drops.length > 0 ? drops : [{ s: routed[0]!, v: BROKEN }]) {
      if (s.kind === 'apart' && v !== BROKEN) drop(v);
      else {
        drop(s.first);
        drop(s.second);
      }
    }
  }
  if (dropped.length > 0) recomputeCost(st);
  return dropped;
}
