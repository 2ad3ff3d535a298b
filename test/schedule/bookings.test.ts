/** Day-centre appointments booked on rooms and chairs with a capacity: solver, repair and the independent checker. */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../core/schedule/check.js';
import type { Problem, Solution, Visit } from '../../core/schedule/model.js';
import { repair } from '../../core/schedule/repair.js';
import { solve } from '../../core/schedule/solve.js';
import { createDenseMatrix } from '../../core/schedule/travel.js';
import { matrixOf, staffMember } from './fixtures.js';

const travel = createDenseMatrix(matrixOf([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 10 }, { x: 10, y: 10 }]));
const home = (id: string, location: number): Visit => ({ id, location, windows: [{ start: 480, end: 720 }], duration: 30, skills: [], demand: 0 });
const shower = (id: string, extra: Partial<Visit> = {}): Visit => ({ id, location: 0, windows: [{ start: 540, end: 600 }], duration: 30, skills: [], demand: 0, resource: 0, ...extra });
const problem = (appointments: Visit[], capacity = 2): Problem => ({
  visits: [home('h1', 1), home('h2', 2), home('h3', 3), ...appointments],
  staff: [staffMember('s0', { shift: { start: 480, end: 960 } }), staffMember('s1', { shift: { start: 480, end: 960 } })],
  syncs: [],
  travel,
  objective: { distance: 1, tardiness: 0, maxTardiness: 0, overtime: 0, unassigned: 1e6 },
  resources: [{ id: 'shower-room', capacity, open: { start: 540, end: 900 } }],
});
const run = (p: Problem, seed = 1) => solve(p, { seed, timeLimitMs: 60_000, now: () => 0, maxIterations: 200 });
const most = (p: Problem, s: Solution) => Math.max(0, ...(s.bookings ?? []).map((a) => (s.bookings ?? []).filter((b) => b.start <= a.start && b.start + p.visits[b.visit]!.duration > a.start).length));

describe('day-centre appointments', () => {
  it('are booked, not routed, never more at once than the room holds', () => {
    const p = problem(Array.from({ length: 6 }, (_, i) => shower(`a${i}`)));
    for (const seed of [1, 2, 3]) {
      const r = run(p, seed);
      expect(checkSolution(p, r), `seed ${seed}`).toEqual([]);
      expect(r.unassigned, `seed ${seed}`).toEqual([]);
      expect(r.bookings?.length, `seed ${seed}`).toBe(6);
      expect(r.routes.flatMap((x) => x.stops).every((s) => p.visits[s.visit]!.resource === undefined), `seed ${seed}`).toBe(true);
      expect(most(p, r), `seed ${seed}`).toBe(2);
    }
  });

  it('past the capacity, the rest are unassigned with the reason; more capacity never leaves more out', () => {
    const appointments = Array.from({ length: 8 }, (_, i) => shower(`a${i}`));
    const tight = run(problem(appointments, 2));
    expect(checkSolution(problem(appointments, 2), tight)).toEqual([]);
    expect(tight.unassigned.map((u) => u.reason)).toEqual(['capacity', 'capacity']);
    expect(tight.status).toBe('partial');
    const roomy = run(problem(appointments, 3));
    expect(roomy.unassigned.length).toBeLessThanOrEqual(tight.unassigned.length);
    expect(roomy.unassigned).toEqual([]);
  });

  it('keep a pinned start, and stay booked when a caregiver is absent', () => {
    const p = problem([shower('a0', { pin: { start: 570 } }), shower('a1'), shower('a2')]);
    const r = run(p);
    expect(checkSolution(p, r)).toEqual([]);
    expect(r.bookings?.find((b) => b.visit === 3)?.start).toBe(570);
    const fixed = repair(p, r, { staff: 0, fromMinute: 480 }, { seed: 1, now: () => 0 });
    expect(checkSolution(p, fixed)).toEqual([]);
    expect(fixed.bookings).toEqual(r.bookings);
    expect(fixed.routes[0]?.stops).toEqual([]);
  });

  it('the checker rejects a capacity overflow, an appointment on a route, and one outside the opening hours', () => {
    const p = problem([shower('a0'), shower('a1'), shower('a2')]);
    const routes = [{ staff: 0, stops: [{ visit: 0, start: 490 }, { visit: 1, start: 540 }, { visit: 2, start: 600 }] }, { staff: 1, stops: [] }];
    const ok: Solution = { routes, bookings: [{ visit: 3, start: 540 }, { visit: 4, start: 540 }, { visit: 5, start: 570 }], unassigned: [] };
    expect(checkSolution(p, ok)).toEqual([]);
    const overflow: Solution = { ...ok, bookings: [{ visit: 3, start: 540 }, { visit: 4, start: 550 }, { visit: 5, start: 560 }] };
    expect(checkSolution(p, overflow).map((v) => v.kind)).toEqual(['capacity']);
    const onRoute: Solution = { routes: [routes[0]!, { staff: 1, stops: [{ visit: 5, start: 570 }] }], bookings: ok.bookings!.slice(0, 2), unassigned: [] };
    expect(checkSolution(p, onRoute).map((v) => v.kind)).toContain('resource');
    const shut = problem([shower('a0', { windows: [] }), shower('a1'), shower('a2')]);
    const late: Solution = { ...ok, bookings: [{ visit: 3, start: 880 }, { visit: 4, start: 540 }, { visit: 5, start: 570 }] };
    expect(checkSolution(shut, late).map((v) => v.kind)).toEqual(['resource']);
  });
});
