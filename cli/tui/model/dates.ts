/** Calendar helpers on ISO dates (YYYY-MM-DD), in the local time of the clock passed in. */
import type { IsoWeek } from '../../../core/doc/doc-id.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The local date of `d` as YYYY-MM-DD. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Adds days to an ISO date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The ISO week (`2026-W48`) of an ISO date. */
export function isoWeekOf(date: string): IsoWeek {
  const d = new Date(`${date}T12:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - day + 3); // Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round(((d.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${pad(week)}` as IsoWeek;
}

/** The seven dates (Monday first) of the week containing `date`. */
export function weekDates(date: string): string[] {
  const day = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(date, -day);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** Minutes after midnight as HH:MM. */
export function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
