/**
 * The last guard before a result leaves the solver: its times come from one evaluation of all
 * routes together from scratch. The search judges moves incrementally, from the previous plan's
 * times, and where a lunch break may sit early or late in a gap the two can disagree: rarely (found
 * by the home-care week bench's checker), the plan the search kept has no common timing from
 * scratch. Then the synchronised pairs that cannot be timed are unassigned, both halves, rather
 * than returned broken — a hard constraint is never given away.
 */
import { BROKEN, evalAll, HOLDS, syncPush } from './timing.js';
import { detachVisit, refreshRoute } from './state.js';
import type { SolverState } from './state.js';

/** Unassigns synchronised visits until every route can be timed together; returns how many it unassigned. */
export function settleSyncs(st: SolverState): number {
  const ctx = st.ctx;
  const syncs = ctx.problem.syncs;
  if (ctx.fast || syncs.length === 0) return 0;
  const before = st.unassigned;
  for (let round = 0; round <= syncs.length; round++) {
    const starts = new Float64Array(ctx.nVisits);
    const breaks = new Float64Array(ctx.nStaff).fill(NaN);
    if (evalAll(ctx, st.routes, st.routeOf, starts, breaks)) return st.unassigned - before;
    const routed = syncs.filter((s) => (st.routeOf[s.first] ?? -1) >= 0 && (st.routeOf[s.second] ?? -1) >= 0);
    if (routed.length === 0) return st.unassigned - before;
    // The rules the failed evaluation left broken (the one push each asks for); when none shows,
    // the first routed one. A together rule goes with both halves; an apart rule with the visit
    // that would have to wait.
    const at = new Float64Array(1);
    const drops = routed.map((s) => ({ s, v: syncPush(ctx, s, st.routeOf, starts, at) })).filter((d) => d.v !== HOLDS);
    for (const { s, v } of drops.length > 0 ? drops : [{ s: routed[0]!, v: BROKEN }]) {
      if (s.kind === 'apart' && v !== BROKEN) detachVisit(st, v);
      else {
        detachVisit(st, s.first);
        detachVisit(st, s.second);
      }
    }
    for (let r = 0; r < st.routes.length; r++) refreshRoute(st, r);
  }
  return st.unassigned - before;
}
