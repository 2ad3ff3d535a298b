import { describe, expect, it } from 'vitest';
import { checkSolution, solutionCost } from '../../core/schedule/check.js';
import type { Problem, Solution } from '../../core/schedule/model.js';
import { createDenseMatrix } from '../../core/schedule/travel.js';
import { staffMember } from './fixtures.js';

// Three locations on a line: depot 0, A at 10, B at 20.
const travel = createDenseMatrix([
  [0, 10, 20],
  [10, 0, 10],
  [20, 10, 0],
]);
const base: Problem = {
  visits: [
    { id: 'a', location: 1, windows: [{ start: 10, end: 50 }], duration: 10, skills: ['nurse'], demand: 3 },
    { id: 'b', location: 2, windows: [{ start: 0, end: 100 }], due: 40, duration: 10, skills: [], demand: 3 },
  ],
  staff: [staffMember('s0', { skills: ['nurse'], capacity: 10, shift: { start: 0, end: 200 } }), staffMember('s1', { shift: { start: 0, end: 200 } })],
  syncs: [],
  travel,
  objective: { distance: 1, tardiness: 1, maxTardiness: 0, overtime: 0, unassigned: 1000 },
};
const good: Solution = {
  routes: [
    { staff: 0, stops: [{ visit: 0, start: 10 }, { visit: 1, start: 30 }] },
    { staff: 1, stops: [] },
  ],
  unassigned: [],
};

function kinds(p: Problem, s: Solution): string[] {
  return checkSolution(p, s).map((v) => v.kind);
}

describe('checkSolution', () => {
  it('accepts a feasible plan and prices it', () => {
    expect(checkSolution(base, good)).toEqual([]);
    expect(solutionCost(base, good)).toMatchObject({ distance: 40, tardiness: 0, total: 40 });
  });
  it('rejects a missing skill', () => {
    expect(kinds(base, { routes: [{ staff: 1, stops: [{ visit: 0, start: 10 }, { visit: 1, start: 30 }] }], unassigned: [] })).toEqual(['skill']);
  });
  it('rejects a start outside the window', () => {
    expect(kinds(base, { routes: [{ staff: 0, stops: [{ visit: 0, start: 60 }, { visit: 1, start: 80 }] }], unassigned: [] })).toEqual(['window']);
  });
  it('rejects an overlap (no time to travel)', () => {
    expect(kinds(base, { routes: [{ staff: 0, stops: [{ visit: 0, start: 10 }, { visit: 1, start: 25 }] }], unassigned: [] })).toEqual(['overlap']);
  });
  it('rejects a start before the shift allows and a late return', () => {
    const p: Problem = { ...base, staff: [staffMember('s0', { skills: ['nurse'], shift: { start: 5, end: 45 } })] };
    expect(kinds(p, { routes: [{ staff: 0, stops: [{ visit: 0, start: 10 }, { visit: 1, start: 30 }] }], unassigned: [] })).toEqual(['shift', 'shift']);
  });
  it('rejects over capacity', () => {
    const p: Problem = { ...base, staff: [staffMember('s0', { skills: ['nurse'], capacity: 5 })] };
    expect(kinds(p, { routes: [{ staff: 0, stops: [{ visit: 0, start: 10 }, { visit: 1, start: 30 }] }], unassigned: [] })).toEqual(['capacity']);
  });
  it('rejects broken synchronisation', () => {
    const p: Problem = { ...base, syncs: [{ first: 0, second: 1, minGap: 0, maxGap: 0 }] };
    expect(kinds(p, { routes: [{ staff: 0, stops: [{ visit: 0, start: 10 }] }, { staff: 1, stops: [{ visit: 1, start: 30 }] }], unassigned: [] })).toEqual(['sync']);
    expect(kinds(p, { routes: [{ staff: 0, stops: [{ visit: 0, start: 10 }] }], unassigned: [{ visit: 1, reason: 'no-room' }] })).toEqual(['sync']);
    expect(kinds(p, { routes: [{ staff: 0, stops: [{ visit: 0, start: 20 }] }, { staff: 1, stops: [{ visit: 1, start: 20 }] }], unassigned: [] })).toEqual([]);
  });
  it('rejects a moved pin', () => {
    const p: Problem = { ...base, visits: base.visits.map((v, i) => (i === 1 ? { ...v, pin: { staff: 1, start: 40 } } : v)) };
    expect(kinds(p, good)).toEqual(['pin', 'pin']);
  });
  it('rejects missing and duplicated visits', () => {
    expect(kinds(base, { routes: [{ staff: 0, stops: [{ visit: 0, start: 10 }] }], unassigned: [] })).toEqual(['missing']);
    expect(kinds(base, { routes: [{ staff: 0, stops: [{ visit: 0, start: 10 }, { visit: 1, start: 30 }] }], unassigned: [{ visit: 1, reason: 'no-room' }] })).toEqual(['duplicate']);
  });
  it('prices tardiness from the stated starts', () => {
    const late: Solution = { routes: [{ staff: 0, stops: [{ visit: 0, start: 10 }, { visit: 1, start: 45 }] }], unassigned: [] };
    expect(solutionCost(base, late)).toMatchObject({ tardiness: 5, maxTardiness: 5, total: 45 });
  });
});
