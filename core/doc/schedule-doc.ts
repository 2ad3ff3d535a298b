/** Typed access to a schedule document (one ISO week of one care group). */
import type * as Y from 'yjs';
import type { z } from 'zod';
import type { CareGroupId } from '../ids.js';
import type { Issue, Parsed } from '../validate/issues.js';
import { parseWith } from '../validate/issues.js';
import type { IsoWeek } from './doc-id.js';
import { stampMeta } from './meta.js';
import type { ScheduledVisit } from './schema.js';
import { ScheduledVisitSchema } from './schema.js';
import { collection, deleteRecord, insertRecord, listRecords, patchRecord } from './records.js';

/** Initialises a schedule document (inside the creating transaction). */
export function createScheduleDoc(doc: Y.Doc, week: IsoWeek, careGroupId: CareGroupId): void {
  stampMeta(doc, 'schedule');
  const meta = doc.getMap('meta');
  meta.set('week', week);
  meta.set('careGroupId', careGroupId);
}

export function listVisits(doc: Y.Doc): { records: ScheduledVisit[]; issues: Issue[] } {
  return listRecords(doc, 'visits', ScheduledVisitSchema);
}

/** Adds or replaces planned visits (a solver run writes a whole week in one transaction). Defaults fill omitted fields. */
export function putVisit(doc: Y.Doc, visit: z.input<typeof ScheduledVisitSchema>): Parsed<ScheduledVisit> {
  const parsed = parseWith(ScheduledVisitSchema, visit, `visits.${visit.id}`);
  if (!parsed.ok) return parsed;
  if (collection(doc, 'visits').has(visit.id)) patchRecord(doc, 'visits', visit.id, parsed.value);
  else insertRecord(doc, 'visits', visit.id, parsed.value);
  return parsed;
}

/** A coordinator's manual move: the new placement is pinned so re-optimising keeps it. */
export function moveVisit(doc: Y.Doc, id: string, to: { staffIds?: string[]; date?: string; start?: number }): boolean {
  return patchRecord(doc, 'visits', id, { ...to, pinned: true });
}

export function removeVisit(doc: Y.Doc, id: string): boolean {
  return deleteRecord(doc, 'visits', id);
}
