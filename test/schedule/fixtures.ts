/** Small problems and an independent brute-force optimum for scheduler tests. */
import type { Problem, Staff, Visit } from '../../core/schedule/model.js';
import { createDenseMatrix } from '../../core/schedule/travel.js';
import { createRng } from '../helpers/rng.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Integer euclidean distances between points; location 0 is the depot. */
export function matrixOf(points: readonly Point[]): number[][] {
  return points.map((a) => points.map((b) => Math.round(Math.hypot(a.x - b.x, a.y - b.y))));
}

export function staffMember(id: string, overrides: Partial<Staff> = {}): Staff {
  return { id, startLocation: 0, endLocation: 0, shift: { start: 0, end: 1000 }, skills: [], capacity: Infinity, ...overrides };
}

/** A random tiny problem: n visits, k staff, windows wide enough to be usually feasible. */
export function randomProblem(seed: number, n: number, k: number): Problem {
  const rnd = createRng(seed);
  const points: Point[] = [{ x: 50, y: 50 }];
  const visits: Visit[] = [];
  for (let i = 0; i < n; i++) {
    points.push({ x: Math.floor(rnd() * 100), y: Math.floor(rnd() * 100) });
    const start = Math.floor(rnd() * 300);
    visits.push({ id: `v${i}`, location: i + 1, windows: [{ start, end: start + 100 + Math.floor(rnd() * 200) }], duration: 10, skills: rnd() < 0.3 ? ['nurse'] : [], demand: 1 });
  }
  const staff = Array.from({ length: k }, (_, j) => staffMember(`s${j}`, { skills: j === 0 ? ['nurse'] : [], capacity: n }));
  return { visits, staff, syncs: [], travel: createDenseMatrix(matrixOf(points)), objective: { distance: 1, tardiness: 0, maxTardiness: 0, overtime: 0, unassigned: 1e6 } };
}

function routeCost(p: Problem, staff: number, seq: readonly number[]): number {
  if (seq.length === 0) return 0;
  const s = p.staff[staff];
  if (!s) return Infinity;
  let loc = s.startLocation;
  let free = s.shift.start;
  let dist = 0;
  let load = 0;
  for (const i of seq) {
    const v = p.visits[i];
    if (!v) return Infinity;
    if (!v.skills.every((k) => s.skills.includes(k))) return Infinity;
    if (v.pin?.staff !== undefined && v.pin.staff !== staff) return Infinity;
    let start = free + p.travel.time(loc, v.location);
    const w = v.windows.find((x) => x.end >= start);
    if (v.windows.length > 0 && !w) return Infinity;
    if (w) start = Math.max(start, w.start);
    if (v.pin?.start !== undefined) {
      if (start > v.pin.start) return Infinity;
      start = v.pin.start;
    }
    dist += p.travel.distance(loc, v.location);
    free = start + (v.durationByStaff?.[staff] ?? v.duration);
    loc = v.location;
    load += v.demand;
  }
  if (free + p.travel.time(loc, s.endLocation) > s.shift.end || load > s.capacity) return Infinity;
  return dist + p.travel.distance(loc, s.endLocation);
}

function permutations(xs: readonly number[]): number[][] {
  if (xs.length <= 1) return [xs.slice()];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/** The minimum distance serving every visit (Infinity if impossible), by full enumeration. No syncs. */
export function bruteForce(p: Problem): number {
  const n = p.visits.length;
  const k = p.staff.length;
  let best = Infinity;
  const assign = new Array<number>(n).fill(0);
  const total = k ** n;
  for (let code = 0; code < total; code++) {
    let c = code;
    for (let i = 0; i < n; i++) {
      assign[i] = c % k;
      c = Math.floor(c / k);
    }
    let sum = 0;
    for (let s = 0; s < k && sum < best; s++) {
      const mine = assign.flatMap((a, i) => (a === s ? [i] : []));
      let bestRoute = Infinity;
      for (const perm of permutations(mine)) bestRoute = Math.min(bestRoute, routeCost(p, s, perm));
      sum += bestRoute;
    }
    best = Math.min(best, sum);
  }
  return best;
}

/** A 5-customer Solomon-format instance (first rows of C101 with a smaller fleet). */
export const SOLOMON_FIXTURE = `C101-5

VEHICLE
NUMBER     CAPACITY
  3         200

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      40         50          0          0       1236          0
    1      45         68         10        912        967         90
    2      45         70         30        825        870         90
    3      42         66         10         65        146         90
    4      42         68         10        727        782         90
    5      42         65         10         15         67         90
`;

/** A tiny Mankowska-format instance: 3 patients (the third needs two services at once), 2 caregivers. */
export const MANKOWSKA_FIXTURE = `nbNodes
5
nbVehi
2
nbServi
2
r
1 1
1 0
0 1
1 1
1 1
DS
4
a
1 1
1 1
x
0 10 0 10 0
y
0 0 10 10 0
d
0 10 10 14 0
10 0 14 10 10
10 14 0 10 10
14 10 10 0 14
0 10 10 14 0
p
0 0
0 0
5 5
5 5
5 5
5 5
7 7
7 7
0 0
0 0
mind
0 0 0 0 0
maxd
0 0 0 0 0
e
0 0 0 20 0
l
1000 30 30 40 1000
`;
