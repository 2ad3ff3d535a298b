/** Recording what happened on a visit: one visit record per visit and day, one task record per task. */
import type * as Y from 'yjs';
import { addClientRecord, listClientRecords, patchClientRecord } from '../../../core/doc/client-doc.js';
import type { TaskOutcome } from '../../../core/doc/schema.js';

export interface OutcomeInput {
  readonly scheduledVisitId: string | null;
  readonly date: string;
  readonly staffId: string;
  readonly taskCode: string;
  readonly outcome: TaskOutcome;
  readonly note?: string;
  readonly handedTo?: string | null;
  /** ISO date-time of the recording. */
  readonly at: string;
  readonly newId: (prefix: string) => string;
}

/** Writes the outcome of one task (call inside one transaction); an earlier outcome of the same task on the same visit is replaced. */
export function recordOutcome(doc: Y.Doc, input: OutcomeInput): { visitRecordId: string; taskRecordId: string } {
  const visits = listClientRecords(doc, 'visitRecords').records;
  let visit = visits.find((v) => v.date === input.date && v.scheduledVisitId === input.scheduledVisitId && v.staffId === input.staffId);
  if (!visit) {
    const added = addClientRecord(doc, 'visitRecords', {
      id: input.newId('vr'),
      date: input.date,
      staffId: input.staffId,
      scheduledVisitId: input.scheduledVisitId,
      arrivedAt: input.at,
      leftAt: null,
      note: '',
    });
    if (!added.ok) throw new Error(`visit record rejected: ${JSON.stringify(added.issues)}`);
    visit = added.value;
  }
  const existing = listClientRecords(doc, 'taskRecords').records.find((t) => t.visitRecordId === visit.id && t.taskCode === input.taskCode);
  if (existing) {
    patchClientRecord(doc, 'taskRecords', existing.id, {
      outcome: input.outcome,
      note: input.note ?? existing.note,
      handedTo: input.handedTo ?? null,
      recordedBy: input.staffId,
      recordedAt: input.at,
    });
    return { visitRecordId: visit.id, taskRecordId: existing.id };
  }
  const added = addClientRecord(doc, 'taskRecords', {
    id: input.newId('tr'),
    visitRecordId: visit.id,
    taskCode: input.taskCode,
    outcome: input.outcome,
    note: input.note ?? '',
    handedTo: input.handedTo ?? null,
    recordedBy: input.staffId,
    recordedAt: input.at,
  });
  if (!added.ok) throw new Error(`task record rejected: ${JSON.stringify(added.issues)}`);
  return { visitRecordId: visit.id, taskRecordId: added.value.id };
}

/** The latest recorded outcome per task code for a scheduled visit on a date. */
export function outcomesOf(doc: Y.Doc, scheduledVisitId: string | null, date: string): Map<string, { outcome: TaskOutcome; note: string; id: string }> {
  const visitIds = new Set(
    listClientRecords(doc, 'visitRecords')
      .records.filter((v) => v.date === date && v.scheduledVisitId === scheduledVisitId)
      .map((v) => v.id),
  );
  const out = new Map<string, { outcome: TaskOutcome; note: string; id: string }>();
  for (const t of listClientRecords(doc, 'taskRecords').records.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))) {
    if (visitIds.has(t.visitRecordId)) out.set(t.taskCode, { outcome: t.outcome, note: t.note, id: t.id });
  }
  return out;
}
