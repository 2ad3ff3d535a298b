import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../core/schedule/check.js';
import { kpis } from '../../core/schedule/kpis.js';
import type { Problem } from '../../core/schedule/model.js';
import { repair } from '../../core/schedule/repair.js';
import { solve } from '../../core/schedule/solve.js';
import { createDenseMatrix } from '../../core/schedule/travel.js';
import { matrixOf, randomProblem, staffMember } from './fixtures.js';

const SEEDS = [11, 12, 13, 14, 15, 16];

function wide(seed: number): Problem {
  const p = randomProblem(seed, 7, 3);
  return { ...p, visits: p.visits.map((v) => ({ ...v, skills: [], clientId: `c${Number(v.id.slice(1)) % 3}` })) };
}

describe('repair', () => {
  it('moves only the absent person\'s later visits; others only receive insertions', () => {
    for (const seed of SEEDS) {
      const p = wide(seed);
      const plan = solve(p, { seed, timeLimitMs: 60_000, now: () => 0, maxIterations: 500 });
      const absent = plan.routes.reduce((a, r) => (r.stops.length > (plan.routes[a]?.stops.length ?? 0) ? r.staff : a), 0);
      const from = plan.routes[absent]?.stops[1]?.start ?? 0;
      const fixed = repair(p, plan, { staff: absent, fromMinute: from }, { seed, now: () => 0 });
      expect(checkSolution(p, fixed), `seed ${seed}`).toEqual([]);
      const after = fixed.routes[absent]?.stops ?? [];
      expect(after.every((s) => s.start < from), `seed ${seed}`).toBe(true);
      for (const r of plan.routes) {
        if (r.staff === absent) continue;
        const before = r.stops.map((s) => s.visit);
        const now = (fixed.routes[r.staff]?.stops ?? []).map((s) => s.visit).filter((v) => before.includes(v));
        expect(now, `seed ${seed}`).toEqual(before);
      }
      const movedOrUnassigned = new Set([...fixed.moved, ...fixed.unassigned.map((u) => u.visit)]);
      for (const s of plan.routes[absent]?.stops ?? []) if (s.start >= from) expect(movedOrUnassigned.has(s.visit), `seed ${seed}`).toBe(true);
    }
  });
});

describe('repair of a two-person visit', () => {
  // Two people start the hoist visit together; a third works too but lacks the qualification.
  const pair: Problem = {
    visits: [
      { id: 'hoist', location: 1, windows: [{ start: 100, end: 200 }], duration: 30, skills: ['hoist'], demand: 0, partOf: 'hoist' },
      { id: 'hoist~2', location: 1, windows: [{ start: 100, end: 200 }], duration: 30, skills: ['hoist'], demand: 0, partOf: 'hoist' },
      { id: 'meal', location: 2, windows: [{ start: 300, end: 400 }], duration: 20, skills: [], demand: 0 },
    ],
    staff: [staffMember('a', { skills: ['hoist'] }), staffMember('b', { skills: ['hoist'] }), staffMember('c')],
    syncs: [{ first: 0, second: 1, minGap: 0, maxGap: 0 }],
    travel: createDenseMatrix(matrixOf([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 10 }])),
    objective: { distance: 1, tardiness: 0, maxTardiness: 0, overtime: 0, unassigned: 1e6 },
  };

  it('unassigns both halves when no one else can take the absent person\'s half, and says the partner moved', () => {
    const plan = solve(pair, { seed: 1, timeLimitMs: 60_000, now: () => 0, maxIterations: 50 });
    expect(plan.unassigned).toEqual([]);
    const absent = plan.routes.find((r) => r.stops.some((s) => s.visit === 0))!.staff;
    const partner = plan.routes.find((r) => r.stops.some((s) => s.visit === 1))!.staff;
    const fixed = repair(pair, plan, { staff: absent, fromMinute: 0 }, { seed: 1, now: () => 0 });
    expect(checkSolution(pair, fixed)).toEqual([]);
    expect(fixed.unassigned.map((u) => u.visit).sort()).toEqual([0, 1]);
    expect(fixed.moved).toContain(1);
    expect(fixed.routes[partner]?.stops.some((s) => s.visit === 1)).toBe(false);
  });
});

describe('kpis', () => {
  it('reports travel, lateness, continuity, overtime and unassigned', () => {
    const p = wide(21);
    const plan = solve(p, { seed: 1, timeLimitMs: 60_000, now: () => 0, maxIterations: 200 });
    const k = kpis(p, plan);
    expect(k.unassigned).toBe(plan.unassigned.length);
    expect(k.travelMinutes).toBeGreaterThan(0);
    expect(k.lateness).toBe(0);
    expect(k.overtimeMinutes).toBe(0);
    expect(k.continuityPct).toBeGreaterThan(0);
    expect(k.continuityPct).toBeLessThanOrEqual(100);
  });
});
