/** The solver's precomputed, read-only view of a problem (flat arrays for the hot loops). */
import { durationOf, isQualified } from './model.js';
import type { Problem } from './model.js';

export interface SolverContext {
  readonly problem: Problem;
  readonly nVisits: number;
  readonly nStaff: number;
  readonly location: Int32Array;
  readonly demand: Float64Array;
  /** Effective hard windows (pins applied), flattened per visit. */
  readonly windows: readonly (readonly { start: number; end: number }[])[];
  /** Single-window bounds for the fast path (−∞/+∞ when unconstrained). */
  readonly earliest: Float64Array;
  readonly latest: Float64Array;
  /** duration[v * nStaff + s]; NaN when s may not do v. */
  readonly duration: Float64Array;
  readonly eligible: Uint8Array;
  readonly syncsOf: readonly (readonly number[])[];
  /** Other visits sorted by distance from visit v (for adjacent string removal); computed on first use. */
  readonly neighbours: (v: number) => Int32Array;
  /** No syncs, ≤ 1 window, no soft terms: O(1) insertion checks apply. */
  readonly fast: boolean;
  readonly hasSoftTerms: boolean;
  /** Some staff member has a break (then start times are not monotone in insertions). */
  readonly hasBreaks: boolean;
  /** prefMiss[v * nStaff + s] = 1 when s is not among v's preferred staff (continuity cost applies). */
  readonly prefMiss: Uint8Array;
  /** A pinned start outside the visit's windows. */
  readonly pinConflict: Uint8Array;
  /** Number of locations; dist[a * nLoc + b] and time[a * nLoc + b] are the flat travel matrix. */
  readonly nLoc: number;
  readonly dist: Float64Array;
  readonly time: Float64Array;
  /** Contracted minutes of each staff member's day (0: none, left out of the fair spread). */
  readonly contracted: Float64Array;
  /** Weight of the fair-spread term; 0 when it is off or no one has contracted minutes. */
  readonly fairWeight: number;
}

/** Precomputes everything the solver reads in its inner loops. */
export function createContext(problem: Problem): SolverContext {
  const nVisits = problem.visits.length;
  const nStaff = problem.staff.length;
  const location = new Int32Array(nVisits);
  const demand = new Float64Array(nVisits);
  const earliest = new Float64Array(nVisits);
  const latest = new Float64Array(nVisits);
  const duration = new Float64Array(nVisits * nStaff);
  const eligible = new Uint8Array(nVisits * nStaff);
  const pinConflict = new Uint8Array(nVisits);
  const prefMiss = new Uint8Array(nVisits * nStaff);
  const windows: { start: number; end: number }[][] = [];
  const syncsOf: number[][] = problem.visits.map(() => []);
  problem.syncs.forEach((s, i) => {
    syncsOf[s.first]?.push(i);
    syncsOf[s.second]?.push(i);
  });
  const w = problem.objective;
  let hasSoftTerms = false;
  let multiWindow = false;
  problem.visits.forEach((v, i) => {
    location[i] = v.location;
    demand[i] = v.demand;
    let ws = v.windows.map((x) => ({ start: x.start, end: x.end }));
    const pinStart = v.pin?.start;
    if (pinStart !== undefined) {
      if (ws.length > 0 && !ws.some((x) => pinStart >= x.start && pinStart <= x.end)) pinConflict[i] = 1;
      ws = [{ start: pinStart, end: pinStart }];
    }
    windows.push(ws);
    if (ws.length > 1) multiWindow = true;
    earliest[i] = ws.length === 1 ? (ws[0]?.start ?? -Infinity) : -Infinity;
    latest[i] = ws.length === 1 ? (ws[0]?.end ?? Infinity) : Infinity;
    if (v.due !== undefined && (w.tardiness > 0 || w.maxTardiness > 0)) hasSoftTerms = true;
    if ((w.continuity ?? 0) > 0 && (v.preferredStaff?.length ?? 0) > 0) hasSoftTerms = true;
    for (let s = 0; s < nStaff; s++) {
      const ok = isQualified(problem, i, s) && pinConflict[i] === 0;
      eligible[i * nStaff + s] = ok ? 1 : 0;
      duration[i * nStaff + s] = durationOf(v, s);
      if (v.preferredStaff && v.preferredStaff.length > 0 && !v.preferredStaff.includes(s)) prefMiss[i * nStaff + s] = 1;
    }
  });
  if (w.overtime > 0 && problem.staff.some((s) => s.overtimeAfter !== undefined)) hasSoftTerms = true;
  const contracted = Float64Array.from(problem.staff, (s) => Math.max(0, s.contractedMin ?? 0));
  const fairWeight = (w.fairness ?? 0) > 0 && contracted.some((c) => c > 0) ? (w.fairness ?? 0) : 0;
  if (fairWeight > 0) hasSoftTerms = true;
  const t = problem.travel;
  const nLoc = t.size;
  const dist = new Float64Array(nLoc * nLoc);
  const time = new Float64Array(nLoc * nLoc);
  for (let a = 0; a < nLoc; a++) {
    for (let b = 0; b < nLoc; b++) {
      dist[a * nLoc + b] = t.distance(a, b);
      time[a * nLoc + b] = t.time(a, b);
    }
  }
  const neighbourCache: (Int32Array | undefined)[] = [];
  const neighbours = (i: number): Int32Array => {
    const cached = neighbourCache[i];
    if (cached) return cached;
    const others: number[] = [];
    for (let j = 0; j < nVisits; j++) if (j !== i) others.push(j);
    const row = (location[i] ?? 0) * nLoc;
    others.sort((a, b) => (dist[row + (location[a] ?? 0)] ?? 0) - (dist[row + (location[b] ?? 0)] ?? 0) || a - b);
    const out = Int32Array.from(others);
    neighbourCache[i] = out;
    return out;
  };
  const hasBreaks = problem.staff.some((s) => s.lunch !== undefined);
  const fast = problem.syncs.length === 0 && !multiWindow && !hasSoftTerms && !hasBreaks;
  return { problem, nVisits, nStaff, location, demand, windows, earliest, latest, duration, eligible, syncsOf, neighbours, fast, hasSoftTerms, hasBreaks, pinConflict, prefMiss, nLoc, dist, time, contracted, fairWeight };
}
