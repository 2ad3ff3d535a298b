/**
 * The lunch break of a working day. The Latvian Labour Law (art. 145) gives a break of at least
 * 30 minutes when the working day is longer than six hours, no later than after four hours of
 * work; the shift in the staff record already contains it.
 */
import type { Break } from '../model.js';

/** Working days longer than this get a break. */
export const LUNCH_AFTER_MIN = 6 * 60;
/** Length of the break. */
export const LUNCH_MIN = 30;

/**
 * The break of a day whose contracted shift starts at `contractStart`, for the part `available`
 * left after absences; none when that part is six hours or shorter.
 */
export function lunchBreak(contractStart: number, available: { start: number; end: number }): Break | undefined {
  if (available.end - available.start <= LUNCH_AFTER_MIN) return undefined;
  // Between 2.5 and 4 working hours in; an afternoon-only day counts from where it starts.
  const from = Math.max(contractStart, available.start);
  return { window: { start: from + 150, end: from + 240 }, duration: LUNCH_MIN };
}
