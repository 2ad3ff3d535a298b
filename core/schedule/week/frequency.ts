/**
 * How often a plan task happens, read from its free-text frequency ("daily", "2x daily",
 * "3x weekly", "weekly", "every 2 weeks", Latvian "katru dienu", "2 reizes nedēļā" …).
 */
export interface Frequency {
  /** Days in the week the task happens on. */
  readonly daysPerWeek: number;
  /** Times on each such day. */
  readonly timesPerDay: number;
}

const DAILY = /(daily|every day|katru dienu|ik dienu|dienā)/i;
const WEEKLY = /(weekly|a week|per week|nedēļā|nedēļas|reizi nedēļā)/i;

/** Parses a frequency; unknown text is read as once a week (and said so by the caller's reason). */
export function parseFrequency(text: string): { frequency: Frequency; understood: boolean } {
  const t = text.trim().toLowerCase();
  const times = /(\d+)\s*(x|×|reizes|times|reiz)/.exec(t);
  const n = times ? Math.max(1, Math.min(7, Number(times[1]))) : 1;
  if (/2\s*(weeks|nedēļās)|fortnight|every other week/.test(t)) return { frequency: { daysPerWeek: 1, timesPerDay: 1 }, understood: true };
  if (DAILY.test(t)) return { frequency: { daysPerWeek: 7, timesPerDay: n }, understood: true };
  if (WEEKLY.test(t)) return { frequency: { daysPerWeek: n, timesPerDay: 1 }, understood: true };
  if (/^\d+$/.test(t)) return { frequency: { daysPerWeek: Math.min(7, Number(t)), timesPerDay: 1 }, understood: true };
  return { frequency: { daysPerWeek: 1, timesPerDay: 1 }, understood: false };
}

/** Spreads `n` days over a week as evenly as possible (1 = Monday … 7 = Sunday), weekdays first. */
export function spreadDays(n: number): number[] {
  const patterns: Record<number, number[]> = { 1: [3], 2: [2, 5], 3: [1, 3, 5], 4: [1, 2, 4, 5], 5: [1, 2, 3, 4, 5], 6: [1, 2, 3, 4, 5, 6], 7: [1, 2, 3, 4, 5, 6, 7] };
  return patterns[Math.max(1, Math.min(7, n))] ?? [3];
}
