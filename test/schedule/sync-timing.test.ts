/**
 * The search's timing of synchronised visits with lunch breaks agrees with the from-scratch one
 * (`evalAll`): a plan it keeps can always be timed, so the last guard (`settleSyncs`) never has to
 * unassign anything. Random small days with breaks, two-person visits, gap/apart rules and pins;
 * each failure names its seed (replay with APSIS_SEED).
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../core/schedule/check.js';
import { createContext } from '../../core/schedule/context.js';
import type { Problem, Solution } from '../../core/schedule/model.js';
import { createRandom } from '../../core/schedule/random.js';
import { DEFAULT_SISR, ruin } from '../../core/schedule/sisr.js';
import { solve } from '../../core/schedule/solve.js';
import { createState, insertionDelta, restoreRoutes, totalCost } from '../../core/schedule/state.js';
import type { SolverState } from '../../core/schedule/state.js';
import { evalAll } from '../../core/schedule/timing.js';
import { createRng, testSeed } from '../helpers/rng.js';
import { randomSyncProblem } from './sync-problems.js';

/** The plan's routes as visit sequences, one per staff member. */
function routesOf(p: Problem, plan: Solution): number[][] {
  const routes: number[][] = p.staff.map(() => []);
  for (const r of plan.routes) routes[r.staff] = r.stops.map((s) => s.visit);
  return routes;
}

/** evalAll's total of a state's routes (unassigned penalty included); null when it cannot time them. */
function fromScratch(st: SolverState, routes: readonly (readonly number[])[]): number | null {
  const ctx = st.ctx;
  const routeOf = new Int32Array(ctx.nVisits).fill(-1);
  let assigned = 0;
  routes.forEach((seq, r) => {
    for (const v of seq) routeOf[v] = r;
    assigned += seq.length;
  });
  const g = evalAll(ctx, routes, routeOf, new Float64Array(ctx.nVisits));
  return g ? g.cost + ctx.problem.objective.unassigned * (ctx.nVisits - assigned) : null;
}

/** Violations other than a pinned visit left unassigned (the generator's pins may clash). */
function hardViolations(p: Problem, plan: Solution) {
  return checkSolution(p, plan).filter((v) => !(v.kind === 'pin' && v.message.includes('left unassigned')));
}

/** A partial plan of a random day: a short search's plan with some visits taken out again, timable. */
function partialState(seed: number): SolverState | null {
  const p = randomSyncProblem(seed, { visits: [8, 16] });
  const plan = solve(p, { seed, timeLimitMs: Infinity, maxIterations: 20, now: () => 0 });
  const rnd = createRng(seed);
  const st = createState(createContext(p));
  restoreRoutes(st, routesOf(p, plan).map((seq) => seq.filter(() => rnd() < 0.7)));
  return Number.isFinite(st.cost) ? st : null;
}

describe('synchronised visits with lunch breaks: the search and evalAll agree', () => {
  it('the smallest day found where the last guard had to unassign a pair (seed 1642: 6 visits, 50 steps)', () => {
    // Before: a lone half of a two-person visit was taken out only at the end, and the removal left
    // the other pair's carer taking her break at home, too late for the client — 2 visits unassigned.
    const seed = 1642;
    const p = randomSyncProblem(seed, { visits: [4, 7] });
    const r = solve(p, { seed: 1, timeLimitMs: Infinity, maxIterations: 50, now: () => 0 });
    expect(r.guardUnassigned, `seed ${seed}`).toBe(0);
    expect(hardViolations(p, r), `seed ${seed}`).toEqual([]);
  });

  it('an insertion is judged exactly as evalAll judges the plan with it: feasible alike, same cost', () => {
    const base = testSeed();
    let compared = 0;
    for (let k = 0; k < 40; k++) {
      const seed = base + k;
      const st = partialState(seed);
      if (!st) continue;
      const p = st.ctx.problem;
      const before = totalCost(st);
      expect(fromScratch(st, st.routes), `seed ${seed}`).toBeCloseTo(before, 4);
      for (let v = 0; v < st.ctx.nVisits; v++) {
        if ((st.routeOf[v] ?? -1) >= 0) continue;
        for (let r = 0; r < st.routes.length; r++) {
          // Skills, pins and declined carers are not timing: evalAll does not look at them.
          if (st.ctx.eligible[v * st.ctx.nStaff + r] !== 1) continue;
          for (let pos = 0; pos <= (st.routes[r]?.length ?? 0); pos++) {
            const delta = insertionDelta(st, v, r, pos);
            const routes = st.routes.map((seq, i) => (i === r ? [...seq.slice(0, pos), v, ...seq.slice(pos)] : seq));
            const after = fromScratch(st, routes);
            const where = `seed ${seed}: visit ${v} into route ${r} at ${pos}`;
            if (after === null) expect(delta, where).toBe(Infinity);
            // The delta is the routing cost's: one visit fewer unassigned comes on top.
            else expect(before + delta - p.objective.unassigned, where).toBeCloseTo(after, 4);
            compared++;
          }
        }
      }
    }
    expect(compared, `seed ${base}`).toBeGreaterThan(1000);
  });

  it('after a ruin the plan is timed as evalAll times it, or marked untimable (cost Infinity)', () => {
    const base = testSeed();
    let untimable = 0;
    for (let k = 0; k < 200; k++) {
      const seed = base + k;
      const p = randomSyncProblem(seed, { visits: [8, 16] });
      const plan = solve(p, { seed, timeLimitMs: Infinity, maxIterations: 10, now: () => 0 });
      const st = createState(createContext(p));
      restoreRoutes(st, routesOf(p, plan));
      ruin(st, createRandom(seed), DEFAULT_SISR);
      const scratch = fromScratch(st, st.routes);
      if (!Number.isFinite(st.cost)) untimable++;
      else expect(scratch, `seed ${seed}`).toBeCloseTo(totalCost(st), 4);
    }
    // Rare: the removal left a pair untimable and settling did not help.
    expect(untimable, `seed ${base}`).toBeLessThan(20);
  });

  it('the search never leaves the last guard anything to unassign, and its plan passes the checker', () => {
    const base = testSeed();
    for (let k = 0; k < 150; k++) {
      const seed = base + k;
      const p = randomSyncProblem(seed);
      const r = solve(p, { seed, timeLimitMs: Infinity, maxIterations: 60 + (seed % 5) * 30, now: () => 0 });
      expect(r.guardUnassigned, `seed ${seed}`).toBe(0);
      expect(hardViolations(p, r), `seed ${seed}`).toEqual([]);
    }
  });
});
