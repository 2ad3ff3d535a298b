import { describe, expect, it } from 'vitest';
import { checkSolution, solutionCost } from '../../core/schedule/check.js';
import { mankowskaOutput, mankowskaToProblem, parseMankowska } from '../../core/schedule/mankowska.js';
import type { Problem } from '../../core/schedule/model.js';
import { parseSolomon, solomonOutput, solomonToProblem } from '../../core/schedule/solomon.js';
import { solve } from '../../core/schedule/solve.js';
import { MANKOWSKA_FIXTURE, SOLOMON_FIXTURE, bruteForce, randomProblem, staffMember } from './fixtures.js';

const opts = (seed: number, maxIterations = 200) => ({ seed, timeLimitMs: 60_000, now: () => 0, maxIterations });

function solved(p: Problem, seed = 1, iters = 3000) {
  const r = solve(p, opts(seed, iters));
  expect(checkSolution(p, r), `seed ${seed}`).toEqual([]);
  return r;
}

const SEEDS = Array.from({ length: 12 }, (_, i) => 1000 + i);

describe('solve', () => {
  it('matches brute force on tiny instances', () => {
    for (const seed of SEEDS) {
      const p = randomProblem(seed, 6, 2);
      const opt = bruteForce(p);
      // A heuristic: the best of three seeded runs must reach the optimum.
      const runs = [seed, seed + 1, seed + 2].map((s) => solved(p, s));
      const best = Math.min(...runs.map((r) => solutionCost(p, r).total));
      if (opt === Infinity) expect(runs[0]?.status, `seed ${seed}`).not.toBe('solved');
      else expect(best, `seed ${seed}`).toBeCloseTo(opt, 9);
    }
  });

  it('never gets cheaper when a visit is added', () => {
    for (const seed of SEEDS) {
      const p = randomProblem(seed, 5, 2);
      const q = randomProblem(seed, 6, 2);
      const small = bruteForce(p);
      const r = solved(q, seed);
      if (small < Infinity && r.status === 'solved') expect(r.cost, `seed ${seed}`).toBeGreaterThanOrEqual(small - 1e-9);
    }
  });

  it('never gets worse when a window is relaxed or a qualified staff member is added', () => {
    for (const seed of SEEDS) {
      const p = randomProblem(seed, 6, 2);
      const before = solved(p, seed).cost;
      const relaxed: Problem = { ...p, visits: p.visits.map((v, i) => (i === 0 ? { ...v, windows: [{ start: 0, end: 1000 }] } : v)) };
      expect(solved(relaxed, seed).cost, `seed ${seed}`).toBeLessThanOrEqual(before + 1e-9);
      const more: Problem = { ...p, staff: [...p.staff, staffMember('extra', { skills: ['nurse'], capacity: 6 })] };
      expect(solved(more, seed).cost, `seed ${seed}`).toBeLessThanOrEqual(before + 1e-9);
    }
  });

  it('keeps pinned visits where they were pinned', () => {
    for (const seed of SEEDS) {
      const p0 = randomProblem(seed, 7, 3);
      const w = p0.visits[2]?.windows[0] ?? { start: 0, end: 0 };
      const p: Problem = { ...p0, visits: p0.visits.map((v, i) => (i === 2 ? { ...v, skills: [], pin: { staff: 1, start: w.start + 100 } } : i === 4 ? { ...v, pin: { staff: 0 } } : v)) };
      const r = solved(p, seed);
      const at = r.routes.flatMap((route) => route.stops.map((s) => ({ ...s, staff: route.staff })));
      expect(at.find((s) => s.visit === 2), `seed ${seed}`).toMatchObject({ staff: 1, start: w.start + 100 });
      expect(at.find((s) => s.visit === 4)?.staff, `seed ${seed}`).toBe(0);
    }
  });

  it('is deterministic for a seed and an iteration count', () => {
    const p = randomProblem(7, 7, 2);
    const a = solve(p, opts(42, 300));
    const b = solve(p, opts(42, 300));
    expect(b).toEqual(a);
  });

  it('explains visits nobody can do', () => {
    const p0 = randomProblem(3, 4, 2);
    const p: Problem = { ...p0, visits: [...p0.visits, { id: 'x', location: 1, windows: [], duration: 5, skills: ['pilot'], demand: 0 }] };
    const r = solved(p, 1, 50);
    expect(r.status).toBe('partial');
    expect(r.unassigned).toEqual([{ visit: 4, reason: 'no-qualified-staff' }]);
  });

  it('respects synchronised pairs and soft due times', () => {
    for (const seed of SEEDS) {
      const p0 = randomProblem(seed, 6, 3);
      const p: Problem = {
        ...p0,
        visits: p0.visits.map((v) => ({ ...v, skills: [], windows: [{ start: v.windows[0]?.start ?? 0, end: 5000 }], due: v.windows[0]?.end ?? 0 })),
        staff: p0.staff.map((s) => ({ ...s, shift: { start: 0, end: 5000 } })),
        syncs: [{ first: 0, second: 1, minGap: 0, maxGap: 0 }, { first: 2, second: 3, minGap: 20, maxGap: 40 }],
        objective: { distance: 1, tardiness: 1, maxTardiness: 1, overtime: 0, unassigned: 1e6 },
      };
      const r = solved(p, seed, 100);
      expect(r.status, `seed ${seed}`).toBe('solved');
      expect(solutionCost(p, r).total, `seed ${seed}`).toBeCloseTo(r.cost, 6);
    }
  });
});

describe('Solomon', () => {
  it('parses the text format and solves to the optimum', () => {
    const parsed = parseSolomon(SOLOMON_FIXTURE);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value).toMatchObject({ name: 'C101-5', vehicles: 3, capacity: 200 });
    expect(parsed.value.nodes).toHaveLength(6);
    expect(parsed.value.nodes[3]).toEqual({ id: 3, x: 42, y: 66, demand: 10, ready: 65, due: 146, service: 90 });
    const p = solomonToProblem(parsed.value);
    const r = solved(p, 1, 200);
    expect(solutionCost(p, r).total).toBe(bruteForce(p));
    const out = solomonOutput(parsed.value, p, r);
    expect(out.distance * 10).toBe(bruteForce(p));
    expect(out.routes.flat().sort()).toEqual([1, 2, 3, 4, 5]);
  });
  it('reports malformed input as a value', () => {
    expect(parseSolomon('nothing here')).toEqual({ ok: false, error: 'no VEHICLE section' });
  });
});

describe('Mankowska', () => {
  it('parses, builds a synchronised pair and solves feasibly', () => {
    const parsed = parseMankowska(MANKOWSKA_FIXTURE);
    if (!parsed.ok) throw new Error(parsed.error);
    const { problem, refs } = mankowskaToProblem(parsed.value);
    expect(problem.visits).toHaveLength(4);
    expect(problem.syncs).toEqual([{ first: 2, second: 3, minGap: 0, maxGap: 0 }]);
    const r = solved(problem, 1, 100);
    expect(r.status).toBe('solved');
    const out = mankowskaOutput(problem, refs, r, r.cost);
    const p3 = out.routes.flatMap((x) => x.locations).filter((l) => l.patient === 'p3');
    expect(p3).toHaveLength(2);
    expect(p3[0]?.arrival_time).toBe(p3[1]?.arrival_time);
    expect(out.routes.map((x) => x.caregiver_id)).toEqual(['c1', 'c2']);
  });
});
