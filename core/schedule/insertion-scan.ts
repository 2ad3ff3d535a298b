/**
 * Where to insert a visit into one route: the best position, scanned with cheap bounds first
 * (fast path: forward/backward time caches; general path: a lower bound on the prefix's end).
 */
import { insertionDelta } from './state.js';
import type { SolverState } from './state.js';

/** The best insertion position of v in route r: cost increase (Infinity when none) and position. */
export interface RouteInsertion {
  readonly delta: number;
  readonly pos: number;
}

const NONE: RouteInsertion = { delta: Infinity, pos: -1 };

/**
 * Scans every position of route r for v; `skip()` true drops a position (SISR "blinks"). Positions
 * whose added distance alone reaches `bound` are not evaluated: an insertion only delays starts, so
 * no other term of the cost can fall.
 */
export function bestInRoute(st: SolverState, v: number, r: number, skip: (() => boolean) | null, bound = Infinity): RouteInsertion {
  const ctx = st.ctx;
  const nS = ctx.nStaff;
  if (ctx.eligible[v * nS + r] !== 1) return NONE;
  const staff = ctx.problem.staff[r];
  if (!staff) return NONE;
  if ((st.load[r] ?? 0) + (ctx.demand[v] ?? 0) > staff.capacity) return NONE;
  const seq = st.routes[r] ?? [];
  const k = seq.length;
  let best = Infinity;
  let bestPos = -1;
  if (!ctx.fast) {
    const { dist, time, nLoc, location, duration } = ctx;
    const wd = ctx.problem.objective.distance;
    const vl = location[v] ?? 0;
    const lv = (ctx.latest[v] ?? Infinity) + 1e-9;
    // A lower bound on when the prefix is done (breaks and syncs only delay): once v would miss
    // its window after it, later positions miss it too, as on the fast path.
    let free = staff.shift.start;
    for (let pos = 0; pos <= k; pos++) {
      const a = pos > 0 ? (location[seq[pos - 1] ?? 0] ?? 0) : staff.startLocation;
      if (pos > 0) {
        const u = seq[pos - 1] ?? 0;
        const prev = pos > 1 ? (location[seq[pos - 2] ?? 0] ?? 0) : staff.startLocation;
        free = Math.max(free + (time[prev * nLoc + a] ?? 0), ctx.earliest[u] ?? -Infinity) + (duration[u * nS + r] ?? 0);
      }
      if (free + (time[a * nLoc + vl] ?? 0) > lv) break;
      if (skip && skip()) continue;
      const b = pos < k ? (location[seq[pos] ?? 0] ?? 0) : staff.endLocation;
      const added = wd * ((dist[a * nLoc + vl] ?? 0) + (dist[vl * nLoc + b] ?? 0) - (k > 0 ? (dist[a * nLoc + b] ?? 0) : 0));
      if (added >= best || added >= bound) continue;
      const d = insertionDelta(st, v, r, pos);
      if (d < best) {
        best = d;
        bestPos = pos;
      }
    }
    return bestPos < 0 ? NONE : { delta: best, pos: bestPos };
  }
  const { dist, time, nLoc, location, duration } = ctx;
  const locs = st.fLoc[r] ?? new Int32Array(0);
  const freeAt = st.fFree[r] ?? new Float64Array(0);
  const latest = st.fLatest[r] ?? new Float64Array(0);
  const vl = location[v] ?? 0;
  const ev = ctx.earliest[v] ?? -Infinity;
  const lv = (ctx.latest[v] ?? Infinity) + 1e-9;
  const dv = duration[v * nS + r] ?? 0;
  for (let pos = 0; pos <= k; pos++) {
    const a = locs[pos] ?? 0;
    const arrive = (freeAt[pos] ?? 0) + (time[a * nLoc + vl] ?? 0);
    // Later positions only arrive later (triangle inequality up to rounding, absorbed by service
    // times): once v misses its window here, it misses it everywhere after. A pruning heuristic.
    if (arrive > lv) break;
    if (skip && skip()) continue;
    const b = locs[pos + 1] ?? 0;
    const s = arrive > ev ? arrive : ev;
    if (s + dv + (time[vl * nLoc + b] ?? 0) > (latest[pos + 1] ?? 0) + 1e-9) continue;
    const d = (dist[a * nLoc + vl] ?? 0) + (dist[vl * nLoc + b] ?? 0) - (k > 0 ? (dist[a * nLoc + b] ?? 0) : 0);
    if (d < best) {
      best = d;
      bestPos = pos;
    }
  }
  return bestPos < 0 ? NONE : { delta: ctx.problem.objective.distance * best, pos: bestPos };
}
