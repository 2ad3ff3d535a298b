import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { scoreAssessment } from '../../core/assessment/score.js';
import { approve, dueList, editAnswers, returnAssessment, submit } from '../../core/assessment/workflow.js';
import { applyAssessmentTransition } from '../../core/assessment/workflow-doc.js';
import { addClientRecord, createClientDoc, getClientRecord } from '../../core/doc/client-doc.js';
import { LocalOrigin } from '../../core/doc/origin.js';
import type { Assessment } from '../../core/doc/schema.js';
import type { ClientId } from '../../core/ids.js';
import { answersWith, instrument, table } from '../translation/helpers.js';

const draft = (over: Partial<Assessment> = {}): Assessment => ({
  id: 'as-1',
  instrumentId: 'home-care-card',
  instrumentVersion: '1',
  answers: answersWith('home-care-card', { bathing: 'dependent' }),
  status: 'draft',
  assessorId: 'sw-anna',
  createdAt: '2026-03-01T10:00',
  submittedAt: null,
  approverId: null,
  decidedAt: null,
  returnReason: '',
  ruleTable: '',
  reassessDue: null,
  note: '',
  ...over,
});
const scored = (a: Assessment) => scoreAssessment(instrument(a.instrumentId), a.answers);

describe('assessment workflow', () => {
  it('draft → submitted → approved, recording rule table and reassessment date', () => {
    const a = draft();
    const s = submit(a, '2026-03-01T11:00', scored(a));
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.value.status).toBe('submitted');
    const ap = approve(s.value, { approverId: 'mgr-ilze', at: '2026-03-02T09:00', ruleTable: table('riga'), levelCode: 'III' });
    expect(ap.ok && ap.value).toMatchObject({ status: 'approved', approverId: 'mgr-ilze', ruleTable: 'riga@2025-1', reassessDue: '2026-09-02' });
  });

  it('enforces four eyes', () => {
    const a = draft({ status: 'submitted' });
    const r = approve(a, { approverId: 'sw-anna', at: '2026-03-02T09:00', ruleTable: table('riga'), levelCode: null });
    expect(r).toMatchObject({ ok: false, code: 'four_eyes' });
    expect(returnAssessment(a, { approverId: 'sw-anna', at: '2026-03-02T09:00', reason: 'x' })).toMatchObject({ ok: false, code: 'four_eyes' });
  });

  it('an approved assessment is immutable', () => {
    const a = draft({ status: 'approved' });
    expect(editAnswers(a, {})).toMatchObject({ ok: false, code: 'immutable' });
    expect(submit(a, '2026-03-03T10:00', scored(a))).toMatchObject({ ok: false, code: 'immutable' });
    expect(approve(a, { approverId: 'x', at: '2026-03-03T10:00', ruleTable: table('riga'), levelCode: null })).toMatchObject({ ok: false, code: 'immutable' });
  });

  it('returned needs a reason and can be corrected and resubmitted', () => {
    const a = draft({ status: 'submitted' });
    expect(returnAssessment(a, { approverId: 'mgr-ilze', at: '2026-03-02T09:00', reason: '  ' })).toMatchObject({ ok: false, code: 'reason_required' });
    const r = returnAssessment(a, { approverId: 'mgr-ilze', at: '2026-03-02T09:00', reason: 'Check mobility answers' });
    expect(r.ok && r.value.status).toBe('returned');
    if (!r.ok) return;
    const e = editAnswers(r.value, { ...r.value.answers, walking_indoors: 'partial_help' });
    expect(e.ok).toBe(true);
    if (!e.ok) return;
    expect(submit(e.value, '2026-03-02T12:00', scored(e.value))).toMatchObject({ ok: true, value: { status: 'submitted', returnReason: '' } });
  });

  it('an incomplete assessment cannot be submitted; the message names the problems', () => {
    const a = draft({ answers: { bathing: 'wet' } });
    const r = submit(a, '2026-03-01T11:00', scored(a));
    expect(r).toMatchObject({ ok: false, code: 'incomplete' });
    if (!r.ok) expect(r.message).toContain('wet');
  });

  it('dueList splits overdue and due-within', () => {
    const list = [
      draft({ id: 'a', status: 'approved', reassessDue: '2026-03-01' }),
      draft({ id: 'b', status: 'approved', reassessDue: '2026-03-20' }),
      draft({ id: 'c', status: 'approved', reassessDue: '2026-06-01' }),
      draft({ id: 'd', status: 'draft', reassessDue: '2026-03-02' }),
    ];
    const d = dueList(list, '2026-03-10', 30);
    expect(d.overdue.map((x) => [x.assessment.id, x.daysLeft])).toEqual([['a', -9]]);
    expect(d.dueSoon.map((x) => [x.assessment.id, x.daysLeft])).toEqual([['b', 10]]);
  });

  it('removed answers are deleted from the document', () => {
    const doc = new Y.Doc();
    createClientDoc(doc, 'c-2' as ClientId, { givenName: 'J', familyName: 'K', personalCode: '', birthDate: null, address: '', location: null, phone: '', careGroupId: null, livesAlone: false, status: 'active', preferredStaffIds: [], declinedStaffIds: [], createdAt: '2026-01-01T10:00' });
    addClientRecord(doc, 'assessments', draft({ answers: { bathing: 'dependent', cooking: 'dependent' } }));
    const r = applyAssessmentTransition(doc, 'sw-anna', 'assessment.edit', 'as-1', (a) => editAnswers(a, { bathing: 'supervision' }));
    expect(r.ok).toBe(true);
    const stored = getClientRecord(doc, 'assessments', 'as-1');
    expect(stored?.ok && stored.value.answers).toEqual({ bathing: 'supervision' });
  });

  it('applies a transition to a client document in one transaction with a LocalOrigin', () => {
    const doc = new Y.Doc();
    createClientDoc(doc, 'c-1' as ClientId, { givenName: 'Anna', familyName: 'Bērziņa', personalCode: '', birthDate: null, address: '', location: null, phone: '', careGroupId: null, livesAlone: true, status: 'active', preferredStaffIds: [], declinedStaffIds: [], createdAt: '2026-01-01T10:00' });
    expect(addClientRecord(doc, 'assessments', draft({ status: 'submitted' })).ok).toBe(true);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    const r = applyAssessmentTransition(doc, 'mgr-ilze', 'assessment.approve', 'as-1', (a) => approve(a, { approverId: 'mgr-ilze', at: '2026-03-02T09:00', ruleTable: table('riga'), levelCode: 'I' }));
    expect(r.ok).toBe(true);
    expect(origins).toHaveLength(1);
    expect(origins[0]).toBeInstanceOf(LocalOrigin);
    expect((origins[0] as LocalOrigin).action).toBe('assessment.approve');
    const stored = getClientRecord(doc, 'assessments', 'as-1');
    expect(stored?.ok && stored.value).toMatchObject({ status: 'approved', reassessDue: '2027-03-02', ruleTable: 'riga@2025-1' });
    const again0 = applyAssessmentTransition(doc, 'sw-anna', 'assessment.edit', 'as-1', (a) => editAnswers(a, {}));
    expect(again0).toMatchObject({ ok: false, code: 'immutable' });
    expect(applyAssessmentTransition(doc, 'x', 'assessment.approve', 'nope', (a) => ({ ok: true, value: a }))).toMatchObject({ ok: false });
  });
});
