/**
 * Who a demo world's clients and staff are, so that its care needs fit what its staff can give:
 * the care-level mix per world size, staff contracts and rotas, and the places each care group
 * covers. The arithmetic (hours needed against hours available) is below and in
 * bench/results/demo-large.md; `bench:demo` and test/demo/calibration.test.ts measure it.
 *
 * Hours needed per client and week (the plan's task minutes, from the answer bundles of
 * card-answers.ts, inside the Riga level hours 2–4 / 4–8 / 8–14 / 14–20 h): below level I 0 h
 * (day-centre meals, safety button, volunteer visits: no home visits), I ≈ 2.7 h, II ≈ 5.4 h,
 * III ≈ 11 h, IV ≈ 17.5 h; the week's visits add a little (a task done at each visit is done at
 * each of the day's visits). Hours available: a 1.0 FTE caregiver (40 h, 8 h + lunch a day) gives
 * 28–32 h of visits a week once travel is counted; a home helper 24 h on three days.
 *
 * | size   | clients | caregivers            | contracted h | mix none/I/II/III/IV | visits asked | measured first week (seed 1)                  |
 * | small  | 30      | 4 + coordinator (24 h) | 184          | 20/50/20/7/3 %       | 120 h        | 98.5 % assigned; 112 h visits + 30 h travel = 77 % |
 * | medium | 300     | 35 (5 home helpers)    | 1,320        | 30/47/15/6/2 %       | 998 h        | 98.5 %; 953 h + 77 h = 78 %                    |
 * | large  | 3,000   | 229 (49 home helpers)  | 8,376        | 48/40/8/3/1 %        | 6,651 h      | 98.1 %; 6,240 h + 370 h = 81 % (of 8,200 h less absences) |
 *
 * A bigger municipality's register holds more clients who get services without home visits (the
 * large world is a whole district's social service; the small one a single rural care group).
 * The scheduler puts every client's weekly tasks on Wednesday and twice-weekly ones on Tuesday and
 * Friday, so those days need more hands: the home helpers work Tuesday, Wednesday and Friday.
 */
import type { Place } from './places.js';
import { PLACES } from './places.js';
import type { Random } from './random.js';

/** A client's care need: 0 = below care level I (no home visits), 1–4 = care levels I–IV. */
export type CareNeed = 0 | 1 | 2 | 3 | 4;

/** Share of clients per care need (index = need), per world size. */
export const NEED_MIX = {
  small: [0.2, 0.5, 0.2, 0.07, 0.03],
  medium: [0.3, 0.47, 0.15, 0.06, 0.02],
  large: [0.48, 0.4, 0.08, 0.03, 0.01],
} as const satisfies Record<string, readonly number[]>;

/** Splits `n` into whole counts by `weights` (largest remainder): the counts always add up to `n`. */
export function apportion(n: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total > 0 ? (n * w) / total : 0));
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; counts.reduce((s, c) => s + c, 0) < n; k++) counts[order[k % order.length]![1]]!++;
  return counts;
}

/** Shuffles in place (Fisher–Yates on the world's stream). */
export function shuffle<T>(r: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The care needs of a group's `n` clients: the size's mix exactly (not by chance), in a seeded order. */
export function careNeeds(r: Random, n: number, mix: readonly number[]): CareNeed[] {
  const counts = apportion(n, mix);
  return shuffle(r, counts.flatMap((c, need) => Array.from({ length: c }, () => need as CareNeed)));
}

/** A caregiver's contract: hours a week, the daily shift (lunch inside when over six hours), the days. */
export interface Contract {
  readonly hours: number;
  readonly shift: { readonly start: number; readonly end: number };
  readonly workDays: readonly number[];
}

/** A home helper's contract: 24 h on the household days (shopping Tuesday and Friday, weekly cleaning and bathing Wednesday). */
export const HELPER_CONTRACT: Contract = { hours: 24, shift: { start: 8 * 60, end: 16 * 60 + 30 }, workDays: [2, 3, 5] };

/** Whether the `k`-th of a group's `n` caregivers is a home helper: every fourth, in groups of six or more. */
export function isHelper(k: number, n: number): boolean {
  return n >= 6 && k % 4 === 3;
}

/**
 * The contract of the `j`-th of a group's `n` full-time caregivers: 40 h, mornings first (personal
 * care is due 7:00–10:30), on a rolling rota of five days on and two off, the starts spread round
 * the week so that every day, weekends included, has its share of the group (daily care goes on).
 */
export function fullTimeContract(r: Random, j: number, n: number): Contract {
  // +4: when the days cannot be even (a few caregivers), the thin days are Thursday and Monday.
  const first = (Math.floor((j * 7) / Math.max(1, n)) + 4) % 7;
  const workDays = Array.from({ length: 5 }, (_, d) => ((first + d) % 7) + 1).sort((a, b) => a - b);
  const start = r.chance(0.7) ? 7 * 60 : 8 * 60;
  return { hours: 40, shift: { start, end: start + 8 * 60 + 30 }, workDays };
}

/** Places farther than this from every care group's base are outside the world. */
const REACH_KM = 20;

function km(a: Place, b: Place): number {
  const dLat = (a.lat - b.lat) * 111.2;
  const dLon = (a.lon - b.lon) * 111.2 * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot(dLat, dLon);
}

/**
 * The places each of `groups` care groups covers, its base first. Up to one group per place: the
 * biggest places are bases and every other place within reach joins the nearest base. More groups
 * than places: every place gets a group, the big ones several (by their share of clients).
 */
export function groupAreas(groups: number): Place[][] {
  if (groups <= PLACES.length) {
    const areas = PLACES.slice(0, groups).map((p) => [p]);
    for (const p of PLACES.slice(groups)) {
      let best = -1;
      for (let g = 0; g < areas.length; g++) if (km(p, areas[g]![0]!) <= REACH_KM && (best < 0 || km(p, areas[g]![0]!) < km(p, areas[best]![0]!))) best = g;
      if (best >= 0) areas[best]!.push(p);
    }
    return areas;
  }
  const extra = apportion(groups - PLACES.length, PLACES.map((p) => p.weight));
  return PLACES.flatMap((p, i) => Array.from({ length: 1 + extra[i]! }, () => [p]));
}
