/**
 * The last guard before a result leaves the solver: its times come from one evaluation of all
 * routes together from scratch. The search judges moves incrementally, from the previous plan's
 * times, and where a lunch break may sit early or late in a gap the two can disagree: rarely (found
 * by the home-care week bench's checker), the plan the search kept has no common timing from
 * scratch. Then the synchronised pairs that cannot be timed are unassigned, both halves, rather
 * than returned broken — a hard constraint is never given away.
 */
import { evalAll } from './timing.js';
import { detachVisit, refreshRoute } from './state.js';
import type { SolverState } from './state.js';

const EPS = 1e-6;

/** Unassigns synchronised visits until every route can be timed together; true when any were. */
export function settleSyncs(st: SolverState): boolean {
  const ctx = st.ctx;
  const syncs = ctx.problem.syncs;
  if (ctx.fast || syncs.length === 0) return false;
  let droppedAny = false;
  for (let round = 0; round <= syncs.length; round++) {
    const starts = new Float64Array(ctx.nVisits);
    const breaks = new Float64Array(ctx.nStaff).fill(NaN);
    if (evalAll(ctx, st.routes, st.routeOf, starts, breaks)) return droppedAny;
    const routed = syncs.filter((s) => (st.routeOf[s.first] ?? -1) >= 0 && (st.routeOf[s.second] ?? -1) >= 0);
    if (routed.length === 0) return droppedAny;
    // The rules the failed evaluation left broken; when none shows, the first routed one.
    const broken = routed.filter((s) => {
      const a = starts[s.first] ?? 0;
      const b = starts[s.second] ?? 0;
      if (s.kind === 'apart') {
        const ra = st.routeOf[s.first] ?? 0;
        const rb = st.routeOf[s.second] ?? 0;
        return !(a + (ctx.duration[s.first * ctx.nStaff + ra] ?? 0) <= b + EPS || b + (ctx.duration[s.second * ctx.nStaff + rb] ?? 0) <= a + EPS);
      }
      return st.routeOf[s.first] === st.routeOf[s.second] || b < a + s.minGap - EPS || b > a + s.maxGap + EPS;
    });
    for (const s of broken.length > 0 ? broken : routed.slice(0, 1)) {
      // An apart rule is kept by dropping the later visit; a together rule needs both gone.
      if (s.kind !== 'apart' || (starts[s.first] ?? 0) > (starts[s.second] ?? 0)) detachVisit(st, s.first);
      if (s.kind !== 'apart' || (starts[s.first] ?? 0) <= (starts[s.second] ?? 0)) detachVisit(st, s.second);
    }
    droppedAny = true;
    for (let r = 0; r < st.routes.length; r++) refreshRoute(st, r);
  }
  return droppedAny;
}
