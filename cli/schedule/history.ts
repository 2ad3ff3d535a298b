/** Continuity of carer: who visited each client in the last weeks' schedule documents of a care group. */
import type { IsoWeek } from '../../core/doc/doc-id.js';
import { parseIsoWeek, scheduleDocId } from '../../core/doc/doc-id.js';
import { listVisits } from '../../core/doc/schedule-doc.js';
import type { CareGroupId } from '../../core/ids.js';
import { isoWeekOf, weekDates } from '../../core/schedule/week/calendar.js';
import type { Workspace } from '../workspace/workspace.js';

/** How many past weeks count for continuity. */
export const CONTINUITY_WEEKS = 4;

/** The ISO weeks before `week`, nearest first. */
export function weeksBefore(week: IsoWeek, n: number): IsoWeek[] {
  const monday = Date.parse(`${weekDates(week)[0]}T00:00:00Z`);
  return Array.from({ length: n }, (_, k) => parseIsoWeek(isoWeekOf(new Date(monday - (k + 1) * 7 * 86_400_000).toISOString().slice(0, 10)))!);
}

/**
 * Per client, the staff who did its visits in the last weeks, most visits first (ties: the more
 * recent week). Weeks without a schedule document are skipped; nothing is created.
 */
export async function recentCaregivers(ws: Workspace, week: IsoWeek, group: string, weeks = CONTINUITY_WEEKS): Promise<Map<string, string[]>> {
  const counts = new Map<string, Map<string, number>>();
  for (const [k, w] of weeksBefore(week, weeks).entries()) {
    const opened = await ws.doc(scheduleDocId(w, group as CareGroupId));
    if (!opened.ok || opened.doc.getMap('meta').get('kind') !== 'schedule') continue;
    for (const v of listVisits(opened.doc).records) {
      const m = counts.get(v.clientId) ?? new Map<string, number>();
      // A small bonus for recent weeks breaks ties towards the latest caregiver.
      for (const s of v.staffIds) m.set(s, (m.get(s) ?? 0) + 1 + (weeks - k) * 1e-3);
      counts.set(v.clientId, m);
    }
  }
  return new Map([...counts.entries()].map(([client, m]) => [client, [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => s)]));
}
