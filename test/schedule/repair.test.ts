import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../core/schedule/check.js';
import { kpis } from '../../core/schedule/kpis.js';
import type { Problem } from '../../core/schedule/model.js';
import { repair } from '../../core/schedule/repair.js';
import { solve } from '../../core/schedule/solve.js';
import { randomProblem } from './fixtures.js';

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
