/** Reading the planned visits of one ISO week from the schedule documents (one per care group). */
import { listVisits } from '../../../core/doc/schedule-doc.js';
import type { ScheduledVisit } from '../../../core/doc/schema.js';
import type { DocId } from '../../../core/ids.js';
import type { Workspace } from '../../workspace/workspace.js';
import type { IsoWeek } from '../../../core/doc/doc-id.js';

export interface PlacedVisit {
  readonly docId: DocId;
  readonly visit: ScheduledVisit;
}

/** Every planned visit of the week, across care groups, sorted by date and start time. */
export async function loadWeekVisits(ws: Workspace, week: IsoWeek): Promise<PlacedVisit[]> {
  const prefix = `schedule/${week}/`;
  const out: PlacedVisit[] = [];
  for (const docId of await ws.repo.list()) {
    if (!docId.startsWith(prefix)) continue;
    const opened = await ws.doc(docId);
    if (!opened.ok) continue;
    for (const visit of listVisits(opened.doc).records) out.push({ docId, visit });
  }
  return out.sort((a, b) => a.visit.date.localeCompare(b.visit.date) || a.visit.start - b.visit.start || a.visit.id.localeCompare(b.visit.id));
}

/** Number of unassigned visits per client id. */
export function unassignedByClient(visits: readonly PlacedVisit[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const { visit } of visits) if (visit.staffIds.length === 0) m.set(visit.clientId, (m.get(visit.clientId) ?? 0) + 1);
  return m;
}
