/**
 * How often a plan task happens, from the catalogue's frequency codes (`daily`, `2x_daily`,
 * `3x_week`, `each_visit`, `2x_month` …) or free text ("2x weekly", Latvian "katru dienu" …).
 */
export interface Frequency {
  /** Days in the week the task happens on (0 = not scheduled, e.g. as needed). */
  readonly daysPerWeek: number;
  /** Times on each such day. */
  readonly timesPerDay: number;
  /** Rides along with the client's other visits of the day (`each_visit`). */
  readonly eachVisit?: boolean;
  /** Only in some weeks: every `n`-th ISO week (2 = every other week, 4 ≈ monthly). */
  readonly everyNthWeek?: number;
}

const CODES: Record<string, Frequency> = {
  '3x_daily': { daysPerWeek: 7, timesPerDay: 3 },
  '2x_daily': { daysPerWeek: 7, timesPerDay: 2 },
  daily: { daysPerWeek: 7, timesPerDay: 1 },
  each_visit: { daysPerWeek: 7, timesPerDay: 1, eachVisit: true },
  '3x_week': { daysPerWeek: 3, timesPerDay: 1 },
  '2x_week': { daysPerWeek: 2, timesPerDay: 1 },
  weekly: { daysPerWeek: 1, timesPerDay: 1 },
  '2x_month': { daysPerWeek: 1, timesPerDay: 1, everyNthWeek: 2 },
  monthly: { daysPerWeek: 1, timesPerDay: 1, everyNthWeek: 4 },
  as_needed: { daysPerWeek: 0, timesPerDay: 0 },
};

const DAILY = /(daily|every day|katru dienu|ik dienu|dienā)/i;
const WEEKLY = /(weekly|a week|per week|nedēļā|nedēļas)/i;

/** Parses a frequency; unknown text is read as once a week (and reported by the caller). */
export function parseFrequency(text: string): { frequency: Frequency; understood: boolean } {
  const t = text.trim().toLowerCase();
  const code = CODES[t];
  if (code) return { frequency: code, understood: true };
  const times = /(\d+)\s*(x|×|reizes|times|reiz)/.exec(t);
  const n = times ? Math.max(1, Math.min(7, Number(times[1]))) : 1;
  if (/2\s*(weeks|nedēļās)|fortnight|every other week/.test(t)) return { frequency: { daysPerWeek: 1, timesPerDay: 1, everyNthWeek: 2 }, understood: true };
  if (DAILY.test(t)) return { frequency: { daysPerWeek: 7, timesPerDay: n }, understood: true };
  if (WEEKLY.test(t)) return { frequency: { daysPerWeek: n, timesPerDay: 1 }, understood: true };
  if (/^\d+$/.test(t)) return { frequency: { daysPerWeek: Math.min(7, Number(t)), timesPerDay: 1 }, understood: true };
  return { frequency: { daysPerWeek: 1, timesPerDay: 1 }, understood: false };
}

/** Spreads `n` days over a week as evenly as possible (1 = Monday … 7 = Sunday), weekdays first. */
export function spreadDays(n: number): number[] {
  if (n <= 0) return [];
  const patterns: Record<number, number[]> = { 1: [3], 2: [2, 5], 3: [1, 3, 5], 4: [1, 2, 4, 5], 5: [1, 2, 3, 4, 5], 6: [1, 2, 3, 4, 5, 6], 7: [1, 2, 3, 4, 5, 6, 7] };
  return patterns[Math.min(7, n)] ?? [3];
}

/** `n` of `days` (sorted weekdays), spread as evenly as they allow; all of them when `n` ≥ their count. */
export function spreadWithin(n: number, days: readonly number[]): number[] {
  if (n <= 0) return [];
  if (n >= days.length) return [...days];
  if (n === 1) return [days[Math.floor((days.length - 1) / 2)]!];
  return Array.from({ length: n }, (_, i) => days[Math.round((i * (days.length - 1)) / (n - 1))]!);
}
