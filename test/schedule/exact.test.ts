/**
 * Exactness on tight-window instances: a 2-index VRPTW MIP (big-M time constraints, which also
 * eliminate subtours) solved by HiGHS (WebAssembly) gives the optimum; the solver must reach it.
 */
import * as highsModule from 'highs';
import type { Highs } from 'highs';
import { describe, expect, it } from 'vitest';
import { checkSolution, solutionCost } from '../../core/schedule/check.js';
import type { Problem, Visit } from '../../core/schedule/model.js';
import { solve } from '../../core/schedule/solve.js';
import { createDenseMatrix } from '../../core/schedule/travel.js';
import { createRng } from '../helpers/rng.js';
import { matrixOf, staffMember } from './fixtures.js';
import type { Point } from './fixtures.js';

const HORIZON = 1000;

// The package's typings are CommonJS-shaped while Node loads its ES module: take the loader from either.
type Loader = () => Promise<Highs>;
const highsExports = highsModule as unknown as { default: Loader | { default: Loader } };
const loadHighs: Loader = typeof highsExports.default === 'function' ? highsExports.default : highsExports.default.default;

/** n visits with 40-minute windows spread over the day, k vehicles from one depot. */
function tightInstance(seed: number, n: number, k: number): Problem {
  const rnd = createRng(seed);
  const points: Point[] = [{ x: 50, y: 50 }];
  const visits: Visit[] = [];
  for (let i = 0; i < n; i++) {
    points.push({ x: Math.floor(rnd() * 100), y: Math.floor(rnd() * 100) });
    const start = 80 + Math.floor(rnd() * 760);
    visits.push({ id: `v${i}`, location: i + 1, windows: [{ start, end: start + 40 }], duration: 10, skills: [], demand: 0 });
  }
  const staff = Array.from({ length: k }, (_, j) => staffMember(`s${j}`, { shift: { start: 0, end: HORIZON } }));
  return { visits, staff, syncs: [], travel: createDenseMatrix(matrixOf(points)), objective: { distance: 1, tardiness: 0, maxTardiness: 0, overtime: 0, unassigned: 1e6 } };
}

/** The CPLEX-LP text of the 2-index model: x_i_j arcs, t_i start times, at most k routes. */
function mipOf(p: Problem): string {
  const n = p.visits.length;
  const d = (i: number, j: number) => p.travel.distance(i, j);
  const e = (i: number) => (i === 0 ? 0 : (p.visits[i - 1]?.windows[0]?.start ?? 0));
  const l = (i: number) => (i === 0 ? 0 : (p.visits[i - 1]?.windows[0]?.end ?? 0));
  const s = (i: number) => (i === 0 ? 0 : (p.visits[i - 1]?.duration ?? 0));
  const arcs: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= n; j++) {
      if (i === j) continue;
      if (j === 0 ? l(i) + s(i) + d(i, 0) <= HORIZON : e(i) + s(i) + d(i, j) <= l(j)) arcs.push([i, j]);
    }
  }
  const x = ([i, j]: [number, number]) => `x_${i}_${j}`;
  const rows: string[] = [];
  for (let c = 1; c <= n; c++) {
    rows.push(` in_${c}: ${arcs.filter(([, j]) => j === c).map(x).join(' + ')} = 1`);
    rows.push(` out_${c}: ${arcs.filter(([i]) => i === c).map(x).join(' + ')} = 1`);
  }
  rows.push(` fleet: ${arcs.filter(([i]) => i === 0).map(x).join(' + ')} <= ${p.staff.length}`);
  for (const [i, j] of arcs) {
    if (j === 0) continue;
    const big = l(i) + s(i) + d(i, j) - e(j);
    if (big <= 0) continue;
    const ti = i === 0 ? '' : ` - t_${i}`;
    rows.push(` time_${i}_${j}: t_${j}${ti} - ${big} ${x([i, j])} >= ${s(i) + d(i, j) - big}`);
  }
  const bounds = Array.from({ length: n }, (_, c) => ` ${e(c + 1)} <= t_${c + 1} <= ${l(c + 1)}`);
  return ['Minimize', ` obj: ${arcs.map((a) => `${d(a[0], a[1])} ${x(a)}`).join(' + ')}`, 'Subject To', ...rows, 'Bounds', ...bounds, 'Binaries', ` ${arcs.map(x).join(' ')}`, 'End'].join('\n');
}

describe('exact optimum (HiGHS MIP)', () => {
  it('the solver reaches the MIP optimum on tight-window 20–25-visit instances', async () => {
    const highs = await loadHighs();
    for (const [seed, n] of [[501, 20], [502, 22], [503, 25]] as const) {
      const p = tightInstance(seed, n, 8);
      const mip = highs.solve(mipOf(p), { output_flag: false, time_limit: 20 });
      expect(mip.Status, `seed ${seed}`).toBe('Optimal');
      const optimum = Math.round(mip.ObjectiveValue);
      // Best of two seeded runs with an iteration limit (no wall clock in tests).
      const runs = [seed, seed + 100].map((s) => solve(p, { seed: s, timeLimitMs: 60_000, now: () => 0, maxIterations: 4000 }));
      for (const r of runs) expect(checkSolution(p, r), `seed ${seed}`).toEqual([]);
      const best = Math.min(...runs.map((r) => solutionCost(p, r).total));
      expect(best, `seed ${seed}: MIP optimum ${optimum}`).toBe(optimum);
    }
  }, 60_000);
});
