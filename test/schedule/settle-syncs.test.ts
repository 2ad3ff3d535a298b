/**
 * settleSyncs: a plan whose synchronised pair cannot be timed together from scratch loses the pair
 * (both halves), never keeps a broken rule — the ruin step's tidy-up after a removal, and the
 * solver's last guard. The pair here is forced onto routes by hand.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../core/schedule/check.js';
import { createContext } from '../../core/schedule/context.js';
import type { Problem, Staff, Visit } from '../../core/schedule/model.js';
import { DEFAULT_OBJECTIVE } from '../../core/schedule/model.js';
import { settleSyncs } from '../../core/schedule/settle-syncs.js';
import { buildResult } from '../../core/schedule/solve.js';
import { createState, refreshRoute } from '../../core/schedule/state.js';
import { createDenseMatrix } from '../../core/schedule/travel.js';

// Home of anna (0) is 12 km from the client (1); berta lives at the client's door (2).
const dist = [
  [0, 12, 12],
  [12, 0, 0],
  [12, 0, 0],
];
const time = dist.map((row) => row.map((d) => d * 10));

function problem(bertaEnds: number): Problem {
  const carer = (id: string, home: number, end: number): Staff => ({ id, startLocation: home, endLocation: home, shift: { start: 420, end }, skills: ['caregiver'], capacity: Infinity });
  const half = (id: string): Visit => ({ id, location: 1, windows: [{ start: 480, end: 840 }], duration: 60, skills: ['caregiver'], demand: 0, clientId: 'c1' });
  return {
    visits: [half('v'), half('v~2'), { ...half('solo'), location: 2 }],
    staff: [carer('anna', 0, 900), carer('berta', 2, bertaEnds)],
    // Two people at once: the halves start together.
    syncs: [{ first: 0, second: 1, minGap: 0, maxGap: 0 }],
    travel: createDenseMatrix(dist, time),
    objective: DEFAULT_OBJECTIVE,
  };
}

function forced(p: Problem) {
  const st = createState(createContext(p));
  for (const [v, r] of [[0, 0], [1, 1], [2, 1]] as const) {
    st.routes[r]!.push(v);
    st.routeOf[v] = r;
    st.unassigned--;
  }
  for (let r = 0; r < st.routes.length; r++) refreshRoute(st, r);
  return st;
}

describe('settleSyncs', () => {
  it('unassigns both halves of a pair that cannot be timed together, keeps the rest, and the checker finds nothing', () => {
    // Anna reaches the client at 540 at the earliest; berta's shift ends at 560, too early for a 60-minute visit then.
    const p = problem(560);
    const st = forced(p);
    expect(settleSyncs(st).sort()).toEqual([0, 1]);
    const r = buildResult(st, false, 0, 0);
    expect(r.unassigned.map((u) => u.visit).sort()).toEqual([0, 1]);
    expect(r.routes[1]!.stops.map((s) => s.visit)).toEqual([2]);
    expect(checkSolution(p, r)).toEqual([]);
  });

  it('leaves a plan that can be timed as it is', () => {
    const p = problem(900);
    const st = forced(p);
    expect(settleSyncs(st)).toEqual([]);
    const r = buildResult(st, false, 0, 0);
    expect(r.unassigned).toEqual([]);
    expect(checkSolution(p, r)).toEqual([]);
  });
});
