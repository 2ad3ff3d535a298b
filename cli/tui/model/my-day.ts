/** The rows of "My day": today's visits of one worker in route order, one row per task. */
import type { ScheduledVisit } from '../../../core/doc/schema.js';
import type { PlacedVisit } from './week-visits.js';

export interface DayTaskRow {
  readonly visit: ScheduledVisit;
  /** Task code, or `visit` when the visit lists no tasks. */
  readonly taskCode: string;
  /** Whether this is the first task of its visit (the visit header is shown above it). */
  readonly first: boolean;
}

/** The task rows of `staffId`'s visits on `date`, by start time (route order). */
export function dayRows(visits: readonly PlacedVisit[], staffId: string, date: string): DayTaskRow[] {
  const mine = visits
    .map((p) => p.visit)
    .filter((v) => v.date === date && v.staffIds.includes(staffId))
    .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  const rows: DayTaskRow[] = [];
  for (const visit of mine) {
    const tasks = visit.taskCodes.length > 0 ? visit.taskCodes : ['visit'];
    tasks.forEach((taskCode, i) => rows.push({ visit, taskCode, first: i === 0 }));
  }
  return rows;
}
