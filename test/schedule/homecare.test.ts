/** Home-care rules: declined caregivers, lunch breaks, visits that must not overlap, two caregivers at once, continuity, records and pins. */
import { describe, expect, it } from 'vitest';
import { checkSolution, solutionCost } from '../../core/schedule/check.js';
import { kpis } from '../../core/schedule/kpis.js';
import type { Problem, Solution, Visit } from '../../core/schedule/model.js';
import { applyPins, toRecords } from '../../core/schedule/records.js';
import { solve } from '../../core/schedule/solve.js';
import { createDenseMatrix } from '../../core/schedule/travel.js';
import { matrixOf, randomProblem, staffMember } from './fixtures.js';

const run = (p: Problem, seed = 1, maxIterations = 300) => solve(p, { seed, timeLimitMs: 60_000, now: () => 0, maxIterations });
const SEEDS = [31, 32, 33, 34, 35, 36];

/** Four homes around a depot; a day from 0 to 600 minutes. */
const travel = createDenseMatrix(matrixOf([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 10 }, { x: 10, y: 10 }, { x: 5, y: 5 }]));
const visit = (id: string, location: number, start: number, end: number, extra: Partial<Visit> = {}): Visit => ({ id, location, windows: [{ start, end }], duration: 30, skills: [], demand: 0, ...extra });
const base = (visits: Visit[], extra: Partial<Problem> = {}): Problem => ({
  visits,
  staff: [staffMember('s0', { shift: { start: 0, end: 600 } }), staffMember('s1', { shift: { start: 0, end: 600 } })],
  syncs: [],
  travel,
  objective: { distance: 1, tardiness: 0, maxTardiness: 0, overtime: 0, unassigned: 1e6 },
  ...extra,
});
const staffOf = (s: Solution, v: number) => s.routes.find((r) => r.stops.some((x) => x.visit === v))?.staff;
const startOf = (s: Solution, v: number) => s.routes.flatMap((r) => r.stops).find((x) => x.visit === v)?.start;

describe('declined caregivers', () => {
  it('are never given the visit, and the checker catches it', () => {
    const p = base([visit('a', 1, 0, 600, { declinedBy: [0] }), visit('b', 2, 0, 600), visit('c', 1, 0, 600)]);
    for (const seed of SEEDS) {
      const r = run(p, seed);
      expect(checkSolution(p, r), `seed ${seed}`).toEqual([]);
      expect(staffOf(r, 0), `seed ${seed}`).toBe(1);
    }
    const bad: Solution = { routes: [{ staff: 0, stops: [{ visit: 0, start: 10 }, { visit: 1, start: 60 }, { visit: 2, start: 110 }] }], unassigned: [] };
    expect(checkSolution(p, bad).map((v) => v.kind)).toEqual(['declined']);
  });
});

describe('lunch breaks', () => {
  const lunch = { window: { start: 120, end: 180 }, duration: 30 };
  const p = base([visit('a', 1, 60, 100), visit('b', 2, 100, 200), visit('c', 3, 150, 300), visit('d', 4, 200, 400)], {
    staff: [staffMember('s0', { shift: { start: 0, end: 600 }, lunch })],
  });
  it('are placed inside their window, between visits', () => {
    for (const seed of SEEDS) {
      const r = run(p, seed);
      expect(checkSolution(p, r), `seed ${seed}`).toEqual([]);
      const b = r.routes[0]?.breakStart ?? -1;
      expect(b, `seed ${seed}`).toBeGreaterThanOrEqual(120);
      expect(b, `seed ${seed}`).toBeLessThanOrEqual(180);
    }
  });
  it('are checked: missing, outside the window, or overlapping a visit', () => {
    const stops = [{ visit: 0, start: 60 }, { visit: 1, start: 110 }, { visit: 2, start: 200 }, { visit: 3, start: 240 }];
    expect(checkSolution(p, { routes: [{ staff: 0, stops, breakStart: 150 }], unassigned: [] })).toEqual([]);
    expect(checkSolution(p, { routes: [{ staff: 0, stops }], unassigned: [] }).map((v) => v.kind)).toEqual(['break']);
    expect(checkSolution(p, { routes: [{ staff: 0, stops, breakStart: 300 }], unassigned: [] }).map((v) => v.kind)).toEqual(['break']);
    expect(checkSolution(p, { routes: [{ staff: 0, stops, breakStart: 120 }], unassigned: [] }).map((v) => v.kind)).toEqual(['break']);
    expect(checkSolution(p, { routes: [{ staff: 0, stops, breakStart: 175 }], unassigned: [] }).map((v) => v.kind)).toEqual(['overlap']);
  });
});

describe('visits of one client that must not overlap', () => {
  it('are kept apart even when done by two people, and the checker catches an overlap', () => {
    // The nurse's dressing change and the caregiver's bath: same home, same window.
    const p = base([visit('dressing', 1, 0, 60, { skills: ['nurse'] }), visit('bath', 1, 0, 60)], {
      staff: [staffMember('nurse', { skills: ['nurse'], shift: { start: 0, end: 600 } }), staffMember('carer', { shift: { start: 0, end: 600 } })],
      syncs: [{ first: 0, second: 1, minGap: 0, maxGap: 0, kind: 'apart' }],
    });
    for (const seed of SEEDS) {
      const r = run(p, seed);
      expect(checkSolution(p, r), `seed ${seed}`).toEqual([]);
      const a = startOf(r, 0) ?? 0;
      const b = startOf(r, 1) ?? 0;
      expect(Math.abs(a - b), `seed ${seed}`).toBeGreaterThanOrEqual(30);
    }
    const bad: Solution = { routes: [{ staff: 0, stops: [{ visit: 0, start: 10 }] }, { staff: 1, stops: [{ visit: 1, start: 20 }] }], unassigned: [] };
    expect(checkSolution(p, bad).map((v) => v.kind)).toEqual(['sync']);
  });
});

describe('two caregivers at once', () => {
  const halves = [visit('lift-1', 2, 100, 200, { partOf: 'lift' }), visit('lift-2', 2, 100, 200, { partOf: 'lift' }), visit('other', 1, 0, 600)];
  const p = base(halves, { syncs: [{ first: 0, second: 1, minGap: 0, maxGap: 0 }] });
  it('come at the same time, and become one record with both staff ids', () => {
    for (const seed of SEEDS) {
      const r = run(p, seed);
      expect(checkSolution(p, r), `seed ${seed}`).toEqual([]);
      expect(startOf(r, 0), `seed ${seed}`).toBe(startOf(r, 1));
      expect(staffOf(r, 0), `seed ${seed}`).not.toBe(staffOf(r, 1));
      const recs = toRecords(p, r, '2026-11-23');
      const lift = recs.find((x) => x.visitId === 'lift');
      expect(lift?.staffIds, `seed ${seed}`).toHaveLength(2);
      expect(recs, `seed ${seed}`).toHaveLength(2);
    }
  });
  it('a coordinator\'s move, pinned, is kept by the next optimisation', () => {
    const r = run(p);
    const recs = toRecords(p, r, '2026-11-23').map((x) => (x.visitId === 'lift' ? { ...x, start: 150, staffIds: [...x.staffIds].reverse(), pinned: true } : x));
    const pinnedProblem = applyPins(p, recs);
    const again = run(pinnedProblem, 9);
    expect(checkSolution(pinnedProblem, again)).toEqual([]);
    const lift = toRecords(pinnedProblem, again, '2026-11-23').find((x) => x.visitId === 'lift');
    expect(lift).toMatchObject({ start: 150, pinned: true, staffIds: recs.find((x) => x.visitId === 'lift')?.staffIds });
  });
});

describe('continuity', () => {
  it('gives the visit to the preferred caregiver when the weight outranks the extra travel', () => {
    for (const seed of SEEDS) {
      const p0 = randomProblem(seed, 6, 3);
      const visits = p0.visits.map((v, i) => ({ ...v, skills: [], preferredStaff: [i % 3] }));
      const soft: Problem = { ...p0, visits, objective: { ...p0.objective, continuity: 10_000 } };
      const r = run(soft, seed, 1000);
      expect(checkSolution(soft, r), `seed ${seed}`).toEqual([]);
      const k = kpis(soft, r);
      const cost = solutionCost(soft, r);
      expect(cost.total, `seed ${seed}`).toBeCloseTo(r.cost, 6);
      // Everyone prefers someone: each miss costs 10,000, far above any detour.
      const plain = run({ ...soft, objective: p0.objective }, seed, 1000);
      expect(k.preferredPct, `seed ${seed}`).toBeGreaterThanOrEqual(kpis(soft, plain).preferredPct);
    }
  });
  it('reports the preferred share and the spread of work', () => {
    const p = base([visit('a', 1, 0, 600, { preferredStaff: [1] }), visit('b', 2, 0, 600, { preferredStaff: [1] })]);
    const plan: Solution = { routes: [{ staff: 0, stops: [{ visit: 0, start: 10 }] }, { staff: 1, stops: [{ visit: 1, start: 10 }] }], unassigned: [] };
    expect(checkSolution(p, plan)).toEqual([]);
    expect(kpis(p, plan)).toMatchObject({ preferredPct: 50, workloadSpreadMinutes: 0 });
  });
});
