/**
 * Four-eyes rule for assessments, enforced at the relay: an assessment may become `approved` only
 * by a manager or coordinator, and never with the approver being its own assessor.
 */
import * as Y from 'yjs';
import { APPROVER_ROLES } from './access.js';

export interface FourEyesVerdict {
  ok: boolean;
  assessmentId?: string;
  reason?: string;
}

function field(m: Y.Map<unknown>, k: string): unknown {
  return m.get(k);
}

/** Compares the room before and after an update (the update applied to a scratch copy). */
export function checkFourEyes(before: Y.Doc, after: Y.Doc, role: string): FourEyesVerdict {
  const afterMap = after.getMap<unknown>('assessments');
  if (afterMap.size === 0) return { ok: true };
  const beforeMap = before.getMap<unknown>('assessments');
  for (const [id, a] of afterMap) {
    if (!(a instanceof Y.Map)) continue;
    if (field(a, 'status') !== 'approved') continue;
    const prior = beforeMap.get(id);
    const unchanged =
      prior instanceof Y.Map &&
      field(prior, 'status') === 'approved' &&
      field(prior, 'approverId') === field(a, 'approverId') &&
      field(prior, 'assessorId') === field(a, 'assessorId');
    if (unchanged) continue;
    const approver = field(a, 'approverId');
    const assessor = field(a, 'assessorId');
    if (!APPROVER_ROLES.has(role)) return { ok: false, assessmentId: id, reason: `role ${role} may not approve` };
    if (typeof approver !== 'string' || approver === '') return { ok: false, assessmentId: id, reason: 'approved without approver' };
    if (approver === assessor) return { ok: false, assessmentId: id, reason: 'approver is the assessor' };
  }
  return { ok: true };
}
