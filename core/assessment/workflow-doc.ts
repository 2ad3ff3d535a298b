/**
 * The workflow applied to a client document: read the assessment, run a pure transition, write the
 * changed fields — one user action, one Yjs transaction, with a LocalOrigin naming user and action.
 */
import type * as Y from 'yjs';
import { getClientRecord, patchClientRecord } from '../doc/client-doc.js';
import { act, LocalOrigin } from '../doc/origin.js';
import type { Assessment } from '../doc/schema.js';
import type { Transition } from './workflow.js';

/** Applies `transition` to assessment `id` in `doc` as user `userId`, action e.g. `assessment.approve`. */
export function applyAssessmentTransition(
  doc: Y.Doc,
  userId: string,
  action: string,
  id: string,
  transition: (a: Assessment) => Transition,
): Transition {
  return act(doc, new LocalOrigin(userId, action), () => {
    const current = getClientRecord(doc, 'assessments', id);
    if (!current) return { ok: false, code: 'wrong_state', message: `no assessment ${id}` } as const;
    if (!current.ok) return { ok: false, code: 'wrong_state', message: `assessment ${id} is invalid: ${current.issues.map((i) => i.message).join('; ')}` } as const;
    const next = transition(current.value);
    if (!next.ok) return next;
    const patch: Partial<Assessment> = {};
    for (const key of Object.keys(next.value) as Array<keyof Assessment>) {
      if (JSON.stringify(next.value[key]) !== JSON.stringify(current.value[key])) (patch as Record<string, unknown>)[key] = next.value[key];
    }
    // Answers are a nested map merged key by key: removed answers must be deleted explicitly.
    if (patch.answers) {
      const answers: Record<string, string | undefined> = { ...patch.answers };
      for (const k of Object.keys(current.value.answers)) if (!(k in next.value.answers)) answers[k] = undefined;
      patch.answers = answers as Record<string, string>;
    }
    if (Object.keys(patch).length) patchClientRecord(doc, 'assessments', id, patch);
    return next;
  });
}
