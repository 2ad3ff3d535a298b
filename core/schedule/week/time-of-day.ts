/** Time-of-day words of plan tasks → windows on the start of a visit (minutes after midnight). */
import type { TimeWindow } from '../model.js';

const WINDOWS: Record<string, TimeWindow> = {
  morning: { start: 7 * 60, end: 10 * 60 + 30 },
  midday: { start: 11 * 60, end: 13 * 60 + 30 },
  afternoon: { start: 13 * 60 + 30, end: 16 * 60 },
  evening: { start: 16 * 60, end: 19 * 60 },
};

const ALIASES: Record<string, string> = {
  rīts: 'morning', rītā: 'morning', am: 'morning',
  pusdienlaiks: 'midday', pusdienas: 'midday', noon: 'midday', lunch: 'midday',
  pēcpusdiena: 'afternoon', pēcpusdienā: 'afternoon', pm: 'afternoon',
  vakars: 'evening', vakarā: 'evening',
};

/** The named slot of a time-of-day text (`morning` …), or `any`. */
export function slotOf(text: string): string {
  const t = text.trim().toLowerCase();
  if (t in WINDOWS) return t;
  return ALIASES[t] ?? 'any';
}

/** The start window of a slot; `any` has none (the staff member's shift bounds it). */
export function windowOf(slot: string): TimeWindow | null {
  return WINDOWS[slot] ?? null;
}

/** Slots of the day in order, for visits needed several times a day. */
export const DAY_SLOTS = ['morning', 'midday', 'afternoon', 'evening'] as const;
