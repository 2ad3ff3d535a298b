/**
 * The lunch break of a working day, after the Latvian Labour Law (Darba likums), art. 145(1):
 * when the daily working time is longer than six hours, the employee gets a break no later than
 * after four hours from the start of work; the break is at least 30 minutes and is not working
 * time (unless the contract says so). Confirmed against the Ministry of Welfare's and the State
 * Labour Inspectorate's explanations (lm.gov.lv "Pārtraukumi darbā", vdi.gov.lv "Atpūtas laiks").
 *
 * The model: a day whose available shift (after absences) is longer than six hours gets one
 * 30-minute break that starts no later than four hours after the work starts. The law sets only
 * that latest moment; the earliest (2.5 h in) is this organisation's work rule, so that the break
 * is a meal, not a late start of the day. A day of six hours or less gets none.
 */
import type { Break } from '../model.js';

/** Working days longer than this (minutes) get a break (art. 145(1): "ilgāks par sešām stundām"). */
export const LUNCH_AFTER_MIN = 6 * 60;
/** Length of the break: the law's minimum, 30 minutes. */
export const LUNCH_MIN = 30;
/** The break starts no later than this long after the start of work (art. 145(1): four hours). */
export const LUNCH_LATEST_MIN = 4 * 60;
/** The break starts no earlier than this long after the start of work (work rule, not law). */
export const LUNCH_EARLIEST_MIN = 150;

/**
 * The break of a day whose contracted shift starts at `contractStart`, for the part `available`
 * left after absences; none when that part is six hours or shorter.
 */
export function lunchBreak(contractStart: number, available: { start: number; end: number }): Break | undefined {
  if (available.end - available.start <= LUNCH_AFTER_MIN) return undefined;
  // Work starts with the shift; a day that begins after a morning absence starts where it starts.
  const from = Math.max(contractStart, available.start);
  return { window: { start: from + LUNCH_EARLIEST_MIN, end: from + LUNCH_LATEST_MIN }, duration: LUNCH_MIN };
}
