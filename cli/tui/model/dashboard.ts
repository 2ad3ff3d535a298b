/** The manager's dashboard as plain data: today's progress per care group, overdue reassessments, integrity warnings. */
import type { CaseloadRow } from '../../workspace/workspace.js';
import type { ClientSummary } from './client-summary.js';
import type { PlacedVisit } from './week-visits.js';

export interface GroupProgress {
  readonly group: string | null;
  readonly done: number;
  readonly total: number;
}

export type Warning =
  | { readonly kind: 'noGp'; readonly name: string }
  | { readonly kind: 'noWorker'; readonly name: string; readonly n: number }
  | { readonly kind: 'noRecord'; readonly name: string; readonly date: string; readonly start: number };

export interface Dashboard {
  readonly progress: readonly GroupProgress[];
  readonly overdue: readonly { readonly name: string; readonly due: string }[];
  readonly warnings: readonly Warning[];
}

/** Builds the dashboard from the caseload, client summaries and the week's visits. */
export function buildDashboard(rows: readonly CaseloadRow[], summaries: ReadonlyMap<string, ClientSummary>, visits: readonly PlacedVisit[], today: string): Dashboard {
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  const groups = new Map<string | null, { done: number; total: number }>();
  const warnings: Warning[] = [];
  for (const { visit } of visits) {
    const s = summaries.get(visit.clientId);
    const recorded = s?.recordedVisits.includes(visit.id) ?? false;
    if (visit.date === today) {
      const g = byId.get(visit.clientId)?.careGroupId ?? null;
      const cur = groups.get(g) ?? { done: 0, total: 0 };
      groups.set(g, { done: cur.done + (recorded ? 1 : 0), total: cur.total + 1 });
    }
    if (visit.date < today && visit.staffIds.length > 0 && !recorded) warnings.push({ kind: 'noRecord', name: byId.get(visit.clientId)?.name ?? visit.clientId, date: visit.date, start: visit.start });
  }
  const overdue: { name: string; due: string }[] = [];
  for (const r of rows) {
    if (r.status !== 'active') continue;
    const s = summaries.get(r.id);
    if (!s) continue;
    if (s.reassessOverdue) overdue.push({ name: r.name, due: s.reassessOverdue });
    if (!s.gpValid) warnings.push({ kind: 'noGp', name: r.name });
    if (s.tasksWithoutWorker > 0) warnings.push({ kind: 'noWorker', name: r.name, n: s.tasksWithoutWorker });
  }
  return {
    progress: [...groups].map(([group, v]) => ({ group, ...v })).sort((a, b) => (a.group ?? '~').localeCompare(b.group ?? '~')),
    overdue: overdue.sort((a, b) => a.due.localeCompare(b.due)),
    warnings,
  };
}
