/** What the caseload, approvals and dashboard need to know about one client, computed from its document. */
import type * as Y from 'yjs';
import { listClientRecords } from '../../../core/doc/client-doc.js';
import type { ClientFacts } from '../../../core/doc/client-facts.js';
import { factMarkers } from '../../../core/doc/client-facts.js';
import type { Assessment } from '../../../core/doc/schema.js';

export interface ClientSummary {
  /** Reassessment date that has passed (of the latest approved assessment), or null. */
  readonly reassessOverdue: string | null;
  /** Whether a GP statement valid today exists (home care requires one). */
  readonly gpValid: boolean;
  readonly openAlerts: number;
  readonly emergencyAlerts: number;
  /** Assessments submitted and waiting for a second person. */
  readonly submitted: readonly Assessment[];
  /** Plan rows of active plans with no responsible worker. */
  readonly tasksWithoutWorker: number;
  /** Scheduled-visit ids that have an execution record. */
  readonly recordedVisits: readonly string[];
}

/** Summarises a client document as of `today` (YYYY-MM-DD). */
export function summarizeClient(doc: Y.Doc, today: string): ClientSummary {
  const assessments = listClientRecords(doc, 'assessments').records;
  const approved = assessments.filter((a) => a.status === 'approved').sort((a, b) => (a.decidedAt ?? '').localeCompare(b.decidedAt ?? ''));
  const latest = approved[approved.length - 1];
  const due = latest?.reassessDue ?? null;
  const gps = listClientRecords(doc, 'gpStatements').records;
  const alerts = listClientRecords(doc, 'alerts').records.filter((a) => a.status === 'open');
  const activePlans = new Set(listClientRecords(doc, 'plans').records.filter((p) => p.status === 'active').map((p) => p.id));
  const items = listClientRecords(doc, 'planItems').records.filter((i) => activePlans.has(i.planId));
  return {
    reassessOverdue: due !== null && due < today ? due : null,
    gpValid: gps.some((g) => g.issuedOn <= today && g.validUntil >= today && g.contraindications.length === 0),
    openAlerts: alerts.length,
    emergencyAlerts: alerts.filter((a) => a.level === 'emergency').length,
    submitted: assessments.filter((a) => a.status === 'submitted'),
    tasksWithoutWorker: items.filter((i) => i.responsibleId === null).length,
    recordedVisits: listClientRecords(doc, 'visitRecords')
      .records.map((v) => v.scheduledVisitId)
      .filter((v): v is string => v !== null),
  };
}

/**
 * Marker letters shown in the caseload: R overdue reassessment, G no valid GP statement, A open
 * alerts, U unassigned visits. Before the document is scanned, the caseload index's facts serve.
 */
export function markersOf(s: ClientSummary | undefined, unassigned: number, facts?: ClientFacts, today?: string): string {
  if (!s && facts && today) {
    const m = factMarkers(facts, today);
    return `${m.reassessOverdue ? 'R' : ' '}${m.gpMissing ? 'G' : ' '}${m.alert || ' '}${unassigned > 0 ? 'U' : ' '}`;
  }
  if (!s) return unassigned > 0 ? '   U' : '    ';
  return `${s.reassessOverdue ? 'R' : ' '}${s.gpValid ? ' ' : 'G'}${s.openAlerts > 0 ? (s.emergencyAlerts > 0 ? '!' : 'A') : ' '}${unassigned > 0 ? 'U' : ' '}`;
}
