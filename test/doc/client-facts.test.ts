import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClientRecord } from '../../core/doc/client-doc.js';
import { clientFacts, factMarkers } from '../../core/doc/client-facts.js';

const gp = (id: string, validUntil: string, contraindications: 'active_tuberculosis'[] = []) => ({ id, issuedOn: '2025-01-01', validUntil, severity: 'severe' as const, contraindications, gpName: '', note: '' });

describe('client facts for list markers', () => {
  it('reads GP validity, contraindications, alerts and the reassessment date', () => {
    const doc = new Y.Doc();
    addClientRecord(doc, 'gpStatements', gp('gp-1', '2026-01-10'));
    addClientRecord(doc, 'gpStatements', gp('gp-2', '2027-01-10', ['active_tuberculosis']));
    addClientRecord(doc, 'alerts', { id: 'al-1', observationId: null, level: 'emergency', raisedAt: '2026-11-22T09:00', raisedBy: 's-1', reason: '', status: 'open', handledBy: null, handledAt: null, actionTaken: '' });
    addClientRecord(doc, 'assessments', { id: 'as-1', instrumentId: 'x', instrumentVersion: '1', answers: {}, status: 'approved', assessorId: 's-1', createdAt: '2026-01-01T08:00', submittedAt: '2026-01-01T09:00', approverId: 's-2', decidedAt: '2026-01-02T09:00', returnReason: '', ruleTable: '', reassessDue: '2026-07-01', note: '' });
    const f = clientFacts(doc);
    expect(f).toEqual({ reassessDue: '2026-07-01', gpValidUntil: '2026-01-10', contraindication: true, openAlerts: 1, emergencyAlerts: 1, submittedAssessments: 0 });
    expect(factMarkers(f, '2026-11-23')).toEqual({ reassessOverdue: true, gpMissing: true, alert: '!' });
    expect(factMarkers(f, '2026-01-05')).toEqual({ reassessOverdue: false, gpMissing: false, alert: '!' });
  });
});
