/**
 * Date-independent facts about a client kept in the caseload index, so lists can show markers
 * (overdue reassessment, no valid GP statement, open alerts) without opening every document.
 */
import type * as Y from 'yjs';
import { listClientRecords } from './client-doc.js';

export interface ClientFacts {
  /** Reassessment date of the latest approved assessment. */
  readonly reassessDue: string | null;
  /** Last day covered by a GP statement without contraindications. */
  readonly gpValidUntil: string | null;
  readonly contraindication: boolean;
  readonly openAlerts: number;
  readonly emergencyAlerts: number;
  /** Assessments waiting for a second person's approval. */
  readonly submittedAssessments: number;
}

/** Reads the facts from a client document. */
export function clientFacts(doc: Y.Doc): ClientFacts {
  const approved = listClientRecords(doc, 'assessments').records;
  const latest = approved.filter((a) => a.status === 'approved').sort((a, b) => (a.decidedAt ?? '').localeCompare(b.decidedAt ?? '')).at(-1);
  const gps = listClientRecords(doc, 'gpStatements').records;
  const usable = gps.filter((g) => g.contraindications.length === 0).map((g) => g.validUntil).sort();
  const alerts = listClientRecords(doc, 'alerts').records.filter((a) => a.status === 'open');
  return {
    reassessDue: latest?.reassessDue ?? null,
    gpValidUntil: usable.at(-1) ?? null,
    contraindication: gps.some((g) => g.contraindications.length > 0),
    openAlerts: alerts.length,
    emergencyAlerts: alerts.filter((a) => a.level === 'emergency').length,
    submittedAssessments: approved.filter((a) => a.status === 'submitted').length,
  };
}

/** Marker letters as of `today`: R overdue reassessment, G no valid GP statement, A/! open (emergency) alerts. */
export function factMarkers(f: ClientFacts, today: string): { reassessOverdue: boolean; gpMissing: boolean; alert: '' | 'A' | '!' } {
  return {
    reassessOverdue: f.reassessDue !== null && f.reassessDue < today,
    gpMissing: f.gpValidUntil === null || f.gpValidUntil < today,
    alert: f.emergencyAlerts > 0 ? '!' : f.openAlerts > 0 ? 'A' : '',
  };
}
