/** Reading the planned visits of one ISO week from the schedule documents (one per care group). */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { listVisits } from '../../../core/doc/schedule-doc.js';
import type { ScheduledVisit } from '../../../core/doc/schema.js';
import type { DocId } from '../../../core/ids.js';
import type { Workspace } from '../../workspace/workspace.js';
import type { IsoWeek } from '../../../core/doc/doc-id.js';
import { docDirName } from '../../store/file-storage.js';

export interface PlacedVisit {
  readonly docId: DocId;
  readonly visit: ScheduledVisit;
}

/**
 * The week's schedule documents, from one listing of the docs folder: `repo.list()` also reads
 * every document's folder (thousands of clients), on the app's thread, while the first keys come.
 */
async function weekScheduleDocs(ws: Workspace, week: IsoWeek): Promise<DocId[]> {
  const prefix = docDirName(`schedule/${week}/` as DocId);
  let names: string[];
  try {
    names = await readdir(join(ws.dir, 'docs'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.filter((n) => n.startsWith(prefix)).map((n) => n.replaceAll('~', '/') as DocId);
}

/** Every planned visit of the week, across care groups, sorted by date and start time. */
export async function loadWeekVisits(ws: Workspace, week: IsoWeek): Promise<PlacedVisit[]> {
  const out: PlacedVisit[] = [];
  for (const docId of await weekScheduleDocs(ws, week)) {
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
