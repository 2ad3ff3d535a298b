/** The schedule board as plain data: a week by worker and one day as routes. */
import type { ScheduledVisit } from '../../../core/doc/schema.js';
import type { PlacedVisit } from './week-visits.js';

/** Minutes of visits per worker per day of the week (Monday first); unassigned under the empty id. */
export function weekByWorker(visits: readonly PlacedVisit[], days: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const { visit } of visits) {
    const d = days.indexOf(visit.date);
    if (d < 0) continue;
    for (const s of visit.staffIds.length > 0 ? visit.staffIds : ['']) {
      const row = out.get(s) ?? Array.from({ length: 7 }, () => 0);
      row[d] = (row[d] ?? 0) + visit.durationMin;
      out.set(s, row);
    }
  }
  return new Map([...out].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b))));
}

/** The visits of one day in route order per worker (worker by worker, by start), unassigned last. */
export function dayRoutes(visits: readonly PlacedVisit[], date: string): PlacedVisit[] {
  const key = (v: ScheduledVisit) => (v.staffIds[0] ?? '\uffff');
  return visits.filter((p) => p.visit.date === date).sort((a, b) => key(a.visit).localeCompare(key(b.visit)) || a.visit.start - b.visit.start);
}

/** Minutes a worker is late for `v`: when the previous visit of the route ends after `v` starts (travel not included). */
export function overlapMinutes(route: readonly ScheduledVisit[], i: number): number {
  const v = route[i];
  const prev = route[i - 1];
  if (!v || !prev || prev.staffIds[0] !== v.staffIds[0]) return 0;
  return Math.max(0, prev.start + prev.durationMin - v.start);
}
