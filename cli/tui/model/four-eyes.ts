/** The four-eyes rule for assessments: the person who assessed may not approve. */
import type { Assessment, Role } from '../../../core/doc/schema.js';

/** Why a decision on an assessment is not allowed. */
export type DecisionRefusal = 'own_assessment' | 'not_submitted' | 'role';

/** Whether `userId` with `role` may approve or return this assessment. */
export function checkDecision(a: Pick<Assessment, 'status' | 'assessorId'>, userId: string, role: Role): { ok: true } | { ok: false; reason: DecisionRefusal } {
  if (role !== 'manager' && role !== 'coordinator' && role !== 'trainer') return { ok: false, reason: 'role' };
  if (a.status !== 'submitted') return { ok: false, reason: 'not_submitted' };
  if (a.assessorId === userId) return { ok: false, reason: 'own_assessment' };
  return { ok: true };
}
