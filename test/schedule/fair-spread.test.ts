/**
 * Fair spread of work, the objective's last term: two identical caregivers and work that fits
 * either. Without the term the cheapest plan loads one of them (one trip out and back); with it,
 * and contracted hours, the work is split evenly. The independent checker reckons the same figure.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution, solutionCost } from '../../core/schedule/check.js';
import type { Problem, Staff, SyncConstraint, Visit } from '../../core/schedule/model.js';
import { DEFAULT_OBJECTIVE } from '../../core/schedule/model.js';
import { solve } from '../../core/schedule/solve.js';
import { createDenseMatrix } from '../../core/schedule/travel.js';
import { FAIRNESS_WEIGHT } from '../../core/schedule/week/day-problem.js';

const N = 6;
// Location 0 is both caregivers' home; the clients 1..N are 1 km from it and 0.1 km from each other.
const dist = Array.from({ length: N + 1 }, (_, a) => Array.from({ length: N + 1 }, (_, b) => (a === b ? 0 : a === 0 || b === 0 ? 1 : 0.1)));
const time = dist.map((row) => row.map((d) => d * 10));

function problem(fairness: number, contractedMin: number | undefined, syncs: SyncConstraint[] = []): Problem {
  const carer = (id: string): Staff => ({ id, startLocation: 0, endLocation: 0, shift: { start: 420, end: 900 }, skills: ['caregiver'], capacity: Infinity, ...(contractedMin !== undefined ? { contractedMin } : {}) });
  const visits: Visit[] = Array.from({ length: N }, (_, i) => ({ id: `v${i}`, location: i + 1, windows: [{ start: 480, end: 840 }], duration: 60, skills: ['caregiver'], demand: 0, clientId: `c${i}` }));
  return { visits, staff: [carer('anna'), carer('berta')], syncs, travel: createDenseMatrix(dist, time), objective: { ...DEFAULT_OBJECTIVE, fairness } };
}

const loads = (p: Problem, seed: number) => {
  const r = solve(p, { seed, timeLimitMs: 60_000, now: () => 0, maxIterations: 500 });
  expect(checkSolution(p, r), `seed ${seed}`).toEqual([]);
  expect(r.unassigned).toEqual([]);
  return { r, counts: r.routes.map((x) => x.stops.length).sort() };
};

describe('fair spread of work', () => {
  // Seeds fixed (the solver's own randomness): the figures must hold for each.
  const SEEDS = [1, 2, 3];

  it('metamorphic: without the term one caregiver does everything, with it each does half', () => {
    for (const seed of SEEDS) {
      expect(loads(problem(0, 240), seed).counts, `seed ${seed}`).toEqual([0, N]);
      expect(loads(problem(FAIRNESS_WEIGHT, 240), seed).counts, `seed ${seed}`).toEqual([N / 2, N / 2]);
    }
  });

  it('splits the work evenly through the synchronised (general) evaluation too', () => {
    // An `apart` rule between two visits sends the evaluation through the fixpoint path.
    const apart: SyncConstraint[] = [{ first: 0, second: 1, minGap: 0, maxGap: 0, kind: 'apart' }];
    for (const seed of SEEDS) expect(loads(problem(FAIRNESS_WEIGHT, 240, apart), seed).counts, `seed ${seed}`).toEqual([N / 2, N / 2]);
  });

  it('is zero without contracted hours: the plan is the same as with the term off', () => {
    for (const seed of SEEDS) expect(loads(problem(FAIRNESS_WEIGHT, undefined), seed).r.routes).toEqual(loads(problem(0, undefined), seed).r.routes);
    expect(solutionCost(problem(FAIRNESS_WEIGHT, undefined), loads(problem(0, undefined), 1).r).fairness).toBe(0);
  });

  it('the independent checker reckons the same cost as the solver, fair-spread term included', () => {
    for (const seed of SEEDS) {
      const p = problem(FAIRNESS_WEIGHT, 240);
      const { r } = loads(p, seed);
      const c = solutionCost(p, r);
      expect(c.total, `seed ${seed}`).toBeCloseTo(r.cost, 6);
      // One caregiver with everything: her work 6×60 + 2×10 + 5×1 = 385 min, the other 0; shares 192.5 each.
      const lopsided = { routes: [{ staff: 0, stops: r.routes.flatMap((x) => x.stops).sort((a, b) => a.start - b.start).map((s, i) => ({ visit: s.visit, start: 490 + i * 61 })) }, { staff: 1, stops: [] }], unassigned: [] };
      expect(solutionCost(p, lopsided).fairness).toBeCloseTo(2 * 192.5 ** 2, 6);
    }
  });
});
