/**
 * The weekdays a less-than-daily task may take, and the greedy choice among them that balances
 * the expected minutes per day of a care group: a coordinator expects the week level, not every
 * weekly task on Wednesday.
 */
import { spreadDays } from './frequency.js';

/** Least days between two occurrences of a task done `n` times a week (Mon/Thu, not Mon/Tue). */
const MIN_GAP: Record<number, number> = { 2: 3, 3: 2 };

/** Every `k`-subset of `days` (sorted), in lexicographic order. */
function subsets(days: readonly number[], k: number): number[][] {
  const out: number[][] = [];
  const pick = (from: number, acc: number[]): void => {
    if (acc.length === k) {
      out.push([...acc]);
      return;
    }
    for (let i = from; i <= days.length - (k - acc.length); i++) pick(i + 1, [...acc, days[i]!]);
  };
  pick(0, []);
  return out;
}

/** Whether consecutive days, and the wrap from the last into next week's first, keep the gap. */
function keepsGap(days: readonly number[], gap: number): boolean {
  for (let i = 1; i < days.length; i++) if (days[i]! - days[i - 1]! < gap) return false;
  return days.length < 2 || days[0]! + 7 - days[days.length - 1]! >= gap;
}

/**
 * The day patterns a task done `n` days a week may take among `allowed` (sorted weekdays):
 * weekdays first (up to five a week), with the minimum gap; `spreadDays(n)` first when allowed,
 * so an empty week keeps the old pattern. Six or seven a week: the fixed spread when all of it is
 * allowed, else none (the caller spreads over the open days).
 */
export function dayPatterns(n: number, allowed: readonly number[] = [1, 2, 3, 4, 5, 6, 7]): number[][] {
  if (n <= 0) return [[]];
  if (n >= 6) return spreadDays(n).every((d) => allowed.includes(d)) ? [spreadDays(n)] : [];
  const pool = allowed.filter((d) => d <= 5);
  const gap = MIN_GAP[n] ?? 1;
  const all = subsets(pool, n).filter((p) => keepsGap(p, gap));
  const first = spreadDays(n);
  const same = (p: readonly number[]) => p.length === first.length && p.every((d, i) => d === first[i]);
  return [...all.filter(same), ...all.filter((p) => !same(p))];
}

/** Minutes planned per weekday (index 1–7) of each care group, as tasks get their days. */
export class DayLoad {
  private readonly load = new Map<string, number[]>();

  /** The group's minutes per weekday (index 0 unused). */
  private of(group: string): number[] {
    let l = this.load.get(group);
    if (!l) this.load.set(group, (l = new Array<number>(8).fill(0)));
    return l;
  }

  /** The pattern with the least minutes already on its days (ties: the earlier pattern); null when none. */
  choose(group: string, patterns: readonly (readonly number[])[]): number[] | null {
    const l = this.of(group);
    let best: readonly number[] | null = null;
    let bestCost = Infinity;
    for (const p of patterns) {
      const cost = p.reduce((s, d) => s + (l[d] ?? 0), 0);
      if (cost < bestCost) [best, bestCost] = [p, cost];
    }
    return best ? [...best] : null;
  }

  /** Adds `minutes` on each of `days` for the group. */
  add(group: string, days: readonly number[], minutes: number): void {
    const l = this.of(group);
    for (const d of days) l[d] = (l[d] ?? 0) + minutes;
  }
}
