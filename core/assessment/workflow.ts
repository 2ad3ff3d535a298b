/**
 * The assessment workflow as pure transitions over an Assessment value:
 * draft → submitted → approved | returned (→ submitted again). Four eyes: the approver (or the one
 * who returns it) is never the assessor. An approved assessment is immutable; approval records the
 * rule table (id@version) and the reassessment date from that table.
 */
import type { RuleTable } from '../catalogue/schema.js';
import { ruleTableRef } from '../catalogue/parse.js';
import type { Assessment } from '../doc/schema.js';
import { daysBetween, reassessDue } from './score.js';
import type { Scored } from './score.js';

export type TransitionCode = 'wrong_state' | 'four_eyes' | 'immutable' | 'incomplete' | 'reason_required' | 'instrument_mismatch';

export type Transition = { readonly ok: true; readonly value: Assessment } | { readonly ok: false; readonly code: TransitionCode; readonly message: string };

const fail = (code: TransitionCode, message: string): Transition => ({ ok: false, code, message });

/** Changes answers of a draft or returned assessment. */
export function editAnswers(a: Assessment, answers: Readonly<Record<string, string>>): Transition {
  if (a.status === 'approved') return fail('immutable', `assessment ${a.id} is approved and cannot be changed; start a reassessment`);
  if (a.status === 'submitted') return fail('wrong_state', `assessment ${a.id} is submitted; it must be returned before it can be changed`);
  return { ok: true, value: { ...a, answers: { ...answers } } };
}

/** Submits a draft (or a returned assessment) for approval; needs every item answered and no issues. */
export function submit(a: Assessment, at: string, scored: Scored): Transition {
  if (a.status === 'approved') return fail('immutable', `assessment ${a.id} is already approved`);
  if (a.status !== 'draft' && a.status !== 'returned') return fail('wrong_state', `only a draft or returned assessment can be submitted (this one is ${a.status})`);
  if (scored.instrumentId !== a.instrumentId || scored.instrumentVersion !== a.instrumentVersion) {
    return fail('instrument_mismatch', `scored with ${scored.instrumentId}@${scored.instrumentVersion}, assessment uses ${a.instrumentId}@${a.instrumentVersion}`);
  }
  if (!scored.complete) {
    const parts = [
      ...scored.issues.map((i) => i.message),
      ...(scored.missing.length ? [`unanswered: ${scored.missing.join(', ')}`] : []),
    ];
    return fail('incomplete', `assessment ${a.id} cannot be submitted: ${parts.join('; ')}`);
  }
  return { ok: true, value: { ...a, status: 'submitted', submittedAt: at, returnReason: '' } };
}

/** Approves a submitted assessment: four eyes, rule table recorded, reassessment date set. */
export function approve(a: Assessment, by: { approverId: string; at: string; ruleTable: RuleTable; levelCode: string | null }): Transition {
  if (a.status === 'approved') return fail('immutable', `assessment ${a.id} is already approved`);
  if (a.status !== 'submitted') return fail('wrong_state', `only a submitted assessment can be approved (this one is ${a.status})`);
  if (by.approverId === a.assessorId) return fail('four_eyes', `the assessor (${a.assessorId}) cannot approve their own assessment`);
  return {
    ok: true,
    value: {
      ...a,
      status: 'approved',
      approverId: by.approverId,
      decidedAt: by.at,
      ruleTable: ruleTableRef(by.ruleTable),
      reassessDue: reassessDue(by.at.slice(0, 10), by.ruleTable, by.levelCode),
    },
  };
}

/** Returns a submitted assessment to the assessor with a reason (four eyes as for approval). */
export function returnAssessment(a: Assessment, by: { approverId: string; at: string; reason: string }): Transition {
  if (a.status === 'approved') return fail('immutable', `assessment ${a.id} is already approved`);
  if (a.status !== 'submitted') return fail('wrong_state', `only a submitted assessment can be returned (this one is ${a.status})`);
  if (by.approverId === a.assessorId) return fail('four_eyes', `the assessor (${a.assessorId}) cannot decide on their own assessment`);
  if (by.reason.trim() === '') return fail('reason_required', 'say why the assessment is returned');
  return { ok: true, value: { ...a, status: 'returned', approverId: by.approverId, decidedAt: by.at, returnReason: by.reason.trim() } };
}

export interface DueEntry<T> {
  readonly item: T;
  readonly assessment: Assessment;
  readonly reassessDue: string;
  /** Negative when overdue. */
  readonly daysLeft: number;
}

/**
 * Approved assessments whose reassessment is overdue or due within `withinDays` of `today`.
 * Pass assessments, or objects holding one (e.g. `{clientId, assessment}`) with `get`.
 */
export function dueList<T = Assessment>(
  items: readonly T[],
  today: string,
  withinDays: number,
  get: (item: T) => Assessment = (x) => x as unknown as Assessment,
): { overdue: DueEntry<T>[]; dueSoon: DueEntry<T>[] } {
  const overdue: DueEntry<T>[] = [];
  const dueSoon: DueEntry<T>[] = [];
  for (const item of items) {
    const a = get(item);
    if (a.status !== 'approved' || !a.reassessDue) continue;
    const daysLeft = daysBetween(today, a.reassessDue);
    const e = { item, assessment: a, reassessDue: a.reassessDue, daysLeft };
    if (daysLeft < 0) overdue.push(e);
    else if (daysLeft <= withinDays) dueSoon.push(e);
  }
  const order = (x: DueEntry<T>, y: DueEntry<T>): number => x.daysLeft - y.daysLeft || (x.assessment.id < y.assessment.id ? -1 : 1);
  return { overdue: overdue.sort(order), dueSoon: dueSoon.sort(order) };
}
