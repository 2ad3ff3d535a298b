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
 * | size   | clients | caregivers             | contracted h | mix none/I/II/III/IV | visits asked | measured first week (seed 1)                  |
 * | small  | 30      | 4 + coordinator (24 h) | 184          | 20/50/20/7/3 %       | 120 h        | 98.5 % assigned (256 of 260); 110 h visits + 28 h travel = 74.9 % |
 * | medium | 300     | 35 (5 home helpers)    | 1,320        | 30/47/15/6/2 %       | 998 h        | 99.6 % (2,121 of 2,130); 980 h + 74 h = 79.9 % |
 * | large  | 3,000   | 229 (49 home helpers)  | 8,376        | 48/40/8/3/1 %        | 6,650 h      | 98.6 % (14,752 of 14,961); 6,341 h + 376 h = 82.2 % (of 8,176 h less absences) |
 *
 * A bigger municipality's register holds more clients who get services without home visits (the
 * large world is a whole district's social service; the small one a single rural care group).
 *
 * The scheduler balances the week: less-than-daily tasks take the weekdays with the fewest minutes
 * planned in the care group, so every weekday asks about the same hours and the weekend only the
 * daily care. The hands follow: the full-timers' rota puts its thin day where the home helpers can
 * fill it, and the helpers take the weekdays the rota leaves thinnest (`rotaDays`, `helperDays`).
 * Measured per day (seed 1; hours asked / caregivers' hours on shift, less absences):
 *
 * | size   | Mon         | Tue         | Wed         | Thu         | Fri         | Sat        | Sun        |
 * | small  | 19.3 / 24   | 19.3 / 24   | 20.2 / 32   | 19.5 / 24   | 19.3 / 32   | 11.3 / 24  | 11.3 / 24  |
 * | medium | 164 / 200   | 165 / 200   | 164 / 200   | 163 / 200   | 164 / 200   | 89 / 160   | 89 / 160   |
 * | large  | 1,101/1,240 | 1,096/1,152 | 1,100/1,240 | 1,093/1,168 | 1,099/1,184 | 581/1,104  | 581/1,088  |
 *
 * Before, the helpers worked Tuesday, Wednesday and Friday for the Wednesday peak (weekly tasks all
 * on Wednesday, twice-weekly on Tuesday and Friday); with the balanced week that left the small
 * world's Thursday 16 h of hands for 19.5 h asked, and 9 of 260 visits unassigned (7 allowed).
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

/** A home helper's contract: 24 h on three weekdays (`helperDays`: the weekdays the rota leaves thinnest). */
export function helperContract(workDays: readonly number[]): Contract {
  return { hours: 24, shift: { start: 8 * 60, end: 16 * 60 + 30 }, workDays };
}

/** Whether the `k`-th of a group's `n` caregivers is a home helper: every fourth, in groups of six or more. */
export function isHelper(k: number, n: number): boolean {
  return n >= 6 && k % 4 === 3;
}

/** Shifts on each weekday (index 1–7) of `rotas`. */
function shiftsPerDay(rotas: readonly (readonly number[])[]): number[] {
  const on = new Array<number>(8).fill(0);
  for (const days of rotas) for (const d of days) on[d]!++;
  return on;
}

/** The five days on of a rota starting on weekday index `first` (0 = Monday), in order. */
function fiveFrom(first: number): number[] {
  return Array.from({ length: 5 }, (_, d) => ((first + d) % 7) + 1).sort((a, b) => a - b);
}

/** Order among equally thin weekdays: Wednesday, Monday, Friday, then Tuesday and Thursday (a helper's days spread out). */
const HELPER_DAY_ORDER = [3, 1, 5, 2, 4];

/** The days of `count` home helpers, each in turn on the three weekdays with the fewest shifts in `on` (updated). */
function placeHelpers(on: number[], count: number): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < count; k++) {
    const days = [...HELPER_DAY_ORDER].sort((a, b) => on[a]! - on[b]! || HELPER_DAY_ORDER.indexOf(a) - HELPER_DAY_ORDER.indexOf(b)).slice(0, 3).sort((a, b) => a - b);
    for (const d of days) on[d]!++;
    out.push(days);
  }
  return out;
}

/** The full-timers' rotas from weekday index `off`, the starts spread round the week. */
function rotasFrom(off: number, n: number): number[][] {
  return Array.from({ length: n }, (_, j) => fiveFrom((Math.floor((j * 7) / Math.max(1, n)) + off) % 7));
}

/**
 * Where a group's rolling rota of `n` full-timers starts (0 = Monday), next to its `helpers` home
 * helpers. The daily care (the 7:00–10:30 personal care above all) is the same every day, weekends
 * included, so first no day may have fewer hands than it must; then the weekdays, which also carry
 * the balanced less-than-daily tasks, as many and as even as they can be.
 */
function rotaOffset(n: number, helpers: number): number {
  let best = 0;
  let bestKey = [-Infinity, -Infinity, -Infinity];
  for (let off = 0; off < 7; off++) {
    const on = shiftsPerDay(rotasFrom(off, n));
    placeHelpers(on, helpers);
    const weekdays = [1, 2, 3, 4, 5].map((d) => on[d]!);
    const key = [Math.min(...on.slice(1)), Math.min(...weekdays), Math.min(...weekdays) - Math.max(...weekdays)];
    const better = key.findIndex((x, i) => x !== bestKey[i]!);
    if (better >= 0 && key[better]! > bestKey[better]!) [best, bestKey] = [off, key];
  }
  return best;
}

/** The five days on of the `j`-th of a group's `n` full-timers (the group has `helpers` home helpers besides). */
export function rotaDays(j: number, n: number, helpers: number): number[] {
  return rotasFrom(rotaOffset(n, helpers), n)[j]!;
}

/**
 * The three weekdays of a group's `h`-th of `helpers` home helpers (from 0), next to its
 * `fullTimers`' rotas: each helper in turn takes the weekdays with the fewest shifts so far. The
 * balanced week asks about the same minutes every weekday, so the extra hands go where the rota is thin.
 */
export function helperDays(h: number, fullTimers: number, helpers: number): number[] {
  const on = shiftsPerDay(rotasFrom(rotaOffset(fullTimers, helpers), fullTimers));
  return placeHelpers(on, helpers)[h]!;
}

/**
 * The contract of the `j`-th of a group's `n` full-time caregivers: 40 h, mornings first (personal
 * care is due 7:00–10:30), on the group's rolling rota (`rotaDays`, next to its `helpers` home
 * helpers), so that every day, weekends included, has its share of the group (daily care goes on).
 */
export function fullTimeContract(r: Random, j: number, n: number, helpers: number): Contract {
  const start = r.chance(0.7) ? 7 * 60 : 8 * 60;
  return { hours: 40, shift: { start, end: start + 8 * 60 + 30 }, workDays: rotaDays(j, n, helpers) };
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
