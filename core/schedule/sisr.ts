/**
 * Slack Induction by String Removals (Christiaens & Vanden Berghe 2020): remove a few strings of
 * consecutive visits from routes near a random seed visit, then greedily reinsert with "blinks".
 */
import type { Random } from './random.js';
import type { SolverState } from './state.js';
import { bestInRoute } from './insertion-scan.js';
import { settleSyncs } from './settle-syncs.js';
import { detachVisit, insertVisit, recomputeCost, refreshRoute } from './state.js';

export interface SisrParams {
  /** Average number of removed visits (c̄). */
  readonly avgRemoved: number;
  /** Maximum string length (L^max). */
  readonly maxString: number;
  /** Probability of skipping an insertion position. */
  readonly blinkRate: number;
  /** Probability of keeping a preserved substring inside a split string (per extra visit). */
  readonly splitRate: number;
}

export const DEFAULT_SISR: SisrParams = { avgRemoved: 10, maxString: 10, blinkRate: 0.01, splitRate: 0.5 };

function pinnedInPlace(st: SolverState, v: number): boolean {
  return st.ctx.problem.visits[v]?.pin !== undefined;
}

/** Removes strings of visits around a random seed visit; returns the removed visits (the plan's cost is Infinity when what is left still cannot be timed). */
export function ruin(st: SolverState, rnd: Random, params: SisrParams): number[] {
  const ctx = st.ctx;
  const removed: number[] = [];
  let nonEmpty = 0;
  let assigned = 0;
  for (const seq of st.routes) {
    if (seq.length > 0) nonEmpty++;
    assigned += seq.length;
  }
  if (assigned === 0) return removed;
  const lsMax = Math.min(params.maxString, assigned / Math.max(1, nonEmpty));
  const ksMax = (4 * params.avgRemoved) / (1 + lsMax) - 1;
  const ks = Math.floor(rnd.next() * ksMax) + 1;
  let seed = rnd.int(ctx.nVisits);
  for (let tries = 0; (st.routeOf[seed] ?? -1) < 0 && tries < ctx.nVisits; tries++) seed = (seed + 1) % ctx.nVisits;
  const ruined = new Set<number>();
  const near = ctx.neighbours(seed);
  const touched = new Set<number>();
  for (let n = -1; n < near.length; n++) {
    const c = n < 0 ? seed : (near[n] ?? 0);
    if (ruined.size >= ks) break;
    const r = st.routeOf[c] ?? -1;
    if (r < 0 || ruined.has(r)) continue;
    ruined.add(r);
    const seq = st.routes[r] ?? [];
    const len = seq.length;
    const ltMax = Math.min(len, lsMax);
    const lt = Math.min(len, Math.floor(rnd.next() * ltMax) + 1);
    const ci = seq.indexOf(c);
    let take: number[];
    if (lt === len || rnd.next() < 0.5) {
      const from = Math.max(0, Math.min(len - lt, ci - rnd.int(lt)));
      take = seq.slice(from, from + lt);
    } else {
      let m = 1;
      while (lt + m < len && rnd.next() < params.splitRate) m++;
      const total = lt + m;
      const from = Math.max(0, Math.min(len - total, ci - rnd.int(total)));
      const keepAt = from + rnd.int(lt + 1);
      take = seq.slice(from, from + total).filter((_, i) => from + i < keepAt || from + i >= keepAt + m);
    }
    for (const v of take) {
      if (pinnedInPlace(st, v)) continue;
      detachVisit(st, v);
      removed.push(v);
    }
    touched.add(r);
  }
  for (const r of touched) refreshRoute(st, r, true);
  recomputeCost(st);
  // With breaks a removal can leave a synchronised pair that cannot be timed (settle-syncs.ts):
  // those pairs are removed too and reinserted with the rest.
  if (!Number.isFinite(st.cost)) removed.push(...settleSyncs(st));
  return removed;
}

/** Sorts the visits to reinsert by one of the SISR orderings (random, demand, far, close, tight). */
export function sortForInsertion(st: SolverState, visits: number[], rnd: Random): void {
  const ctx = st.ctx;
  for (let i = visits.length - 1; i > 0; i--) {
    const j = rnd.int(i + 1);
    const a = visits[i] ?? 0;
    visits[i] = visits[j] ?? 0;
    visits[j] = a;
  }
  const depot = ctx.problem.staff[0]?.startLocation ?? 0;
  const t = ctx.problem.travel;
  const far = (v: number) => t.distance(depot, ctx.location[v] ?? 0);
  const pick = rnd.int(13);
  if (pick < 4) return;
  if (pick < 8) visits.sort((a, b) => (ctx.demand[b] ?? 0) - (ctx.demand[a] ?? 0));
  else if (pick < 10) visits.sort((a, b) => far(b) - far(a));
  else if (pick < 11) visits.sort((a, b) => far(a) - far(b));
  else visits.sort((a, b) => (ctx.latest[a] ?? 0) - (ctx.latest[b] ?? 0));
}

/** Greedy insertion with blinks; returns the visits that found no feasible position. */
export function recreate(st: SolverState, visits: readonly number[], rnd: Random, params: SisrParams, allowedStaff?: (r: number) => boolean): number[] {
  const left: number[] = [];
  const rate = params.blinkRate;
  const skip = rate > 0 ? () => rnd.next() < rate : null;
  const nS = st.ctx.nStaff;
  for (const v of visits) {
    let best = Infinity;
    let bestR = -1;
    let bestPos = -1;
    for (let r = 0; r < st.routes.length; r++) {
      if (allowedStaff && !allowedStaff(r)) continue;
      if (st.ctx.eligible[v * nS + r] !== 1) continue;
      const ins = bestInRoute(st, v, r, skip, best);
      if (ins.delta < best) {
        best = ins.delta;
        bestR = r;
        bestPos = ins.pos;
      }
    }
    if (bestR < 0 || !insertVisit(st, v, bestR, bestPos)) left.push(v);
  }
  return left;
}
