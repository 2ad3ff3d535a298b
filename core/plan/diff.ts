/**
 * Reassessment: what a new proposal changes in the current plan — tasks to add, tasks to remove,
 * tasks whose frequency changes — and accepting those changes one by one.
 */
import type { PlanItem } from '../doc/schema.js';
import type { Because, Proposal, ProposedTask } from '../translation/translate.js';
import type { PlanContext } from './generate.js';
import { planItemForTask } from './generate.js';

export interface PlanChange {
  /** Stable id of the change: `add:CODE`, `remove:ITEMID`, `frequency:ITEMID`. */
  readonly id: string;
  readonly kind: 'add' | 'remove' | 'change_frequency';
  readonly taskCode: string;
  readonly planItemId: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly task: ProposedTask | null;
  readonly because: Because | null;
}

/** Compares current plan rows (with a task code) with a new proposal's carer tasks. */
export function diffProposal(current: readonly PlanItem[], proposal: Proposal): PlanChange[] {
  const changes: PlanChange[] = [];
  const proposed = new Map(proposal.tasks.map((t) => [t.code, t]));
  const referred = new Set(proposal.referrals.map((r) => r.taskCode));
  const seen = new Set<string>();
  for (const item of [...current].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1))) {
    if (!item.taskCode || referred.has(item.taskCode)) continue;
    const t = proposed.get(item.taskCode);
    if (!t || seen.has(item.taskCode)) {
      changes.push({ id: `remove:${item.id}`, kind: 'remove', taskCode: item.taskCode, planItemId: item.id, from: item.frequency, to: null, task: null, because: null });
      continue;
    }
    seen.add(item.taskCode);
    if (item.frequency !== t.frequency) {
      changes.push({ id: `frequency:${item.id}`, kind: 'change_frequency', taskCode: t.code, planItemId: item.id, from: item.frequency, to: t.frequency, task: t, because: t.because });
    }
  }
  for (const t of proposal.tasks) {
    if (!seen.has(t.code)) changes.push({ id: `add:${t.code}`, kind: 'add', taskCode: t.code, planItemId: null, from: null, to: t.frequency, task: t, because: t.because });
  }
  return changes;
}

/**
 * Applies the accepted changes (by change id) to the current rows and returns the new rows;
 * added tasks go to `planIdFor(kind)`. Changes not accepted leave the plan as it was.
 */
export function acceptItems(
  current: readonly PlanItem[],
  changes: readonly PlanChange[],
  acceptedIds: readonly string[],
  proposal: Proposal,
  ctx: PlanContext & { readonly planIdFor: (kind: ProposedTask['plan']) => string },
): { items: PlanItem[]; accepted: PlanChange[]; rejected: PlanChange[] } {
  const accept = new Set(acceptedIds);
  const accepted = changes.filter((c) => accept.has(c.id));
  const rejected = changes.filter((c) => !accept.has(c.id));
  const removed = new Set(accepted.filter((c) => c.kind === 'remove').map((c) => c.planItemId));
  const freq = new Map(accepted.filter((c) => c.kind === 'change_frequency').map((c) => [c.planItemId, c]));
  const items: PlanItem[] = [];
  for (const item of current) {
    if (removed.has(item.id)) continue;
    const f = freq.get(item.id);
    items.push(f && f.task ? { ...item, frequency: f.task.frequency, reason: `${item.reason ? `${item.reason}; ` : ''}frequency ${f.from} → ${f.to} by ${f.task.because.rule}` } : item);
  }
  const nextOrder = new Map<string, number>();
  for (const i of items) nextOrder.set(i.planId, Math.max(nextOrder.get(i.planId) ?? 0, i.order + 1));
  for (const c of accepted) {
    if (c.kind !== 'add' || !c.task) continue;
    const planId = ctx.planIdFor(c.task.plan);
    const order = nextOrder.get(planId) ?? 0;
    nextOrder.set(planId, order + 1);
    items.push(planItemForTask(c.task, planId, order, proposal, ctx));
  }
  return { items, accepted, rejected };
}
