/** Test helper: an active care plan with the given items written into a client document. */
import type * as Y from 'yjs';
import { addClientRecord } from '../../core/doc/client-doc.js';

/** One plan item: [id, task code, frequency, time of day, minutes]. */
export type PlanItemRow = readonly [string, string, string, string, number];

/** Adds an active, agreed care plan `planId` with `items` (call inside a transaction). */
export function addCarePlan(doc: Y.Doc, planId: string, items: readonly PlanItemRow[]): void {
  addClientRecord(doc, 'plans', { id: planId, kind: 'care', assessmentId: null, createdAt: '2026-11-20T09:00', createdBy: 's-0002', agreedWithClient: true, agreedOn: '2026-11-20', status: 'active' });
  for (const [id, taskCode, frequency, timeOfDay, durationMin] of items) {
    addClientRecord(doc, 'planItems', { id, planId, order: 0, problem: 'p', goal: 'g', taskCode, taskText: '', frequency, timeOfDay, durationMin, deadline: null, expectedResult: '', responsibleId: null, reason: '' });
  }
}
