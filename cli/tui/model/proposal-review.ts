/**
 * Reviewing a client's proposal item by item. Before the first plan every task, referral and
 * service is accepted or rejected and the plan is then made from the accepted ones; with a plan in
 * place the reassessment diff is reviewed instead, and each accepted change is applied at once.
 * Decisions are kept per basis (the approved assessments), so a new reassessment asks again.
 */
import type * as Y from 'yjs';
import { addClientRecord, deleteClientRecord, listClientRecords, patchClientRecord } from '../../../core/doc/client-doc.js';
import type { Assessment, GrantedService, Plan, PlanItem, ProposalDecision } from '../../../core/doc/schema.js';
import { GrantedServiceSchema, PlanItemSchema, PlanSchema, ProposalDecisionSchema } from '../../../core/doc/schema.js';
import type { PlanChange } from '../../../core/plan/diff.js';
import { acceptItems, diffProposal } from '../../../core/plan/diff.js';
import type { PlanContext } from '../../../core/plan/generate.js';
import { generatePlans, reasonText } from '../../../core/plan/generate.js';
import type { Because, Proposal, ProposedService, ProposedTask, Referral } from '../../../core/translation/translate.js';
import type { Issue } from '../../../core/validate/issues.js';
import { parseWith } from '../../../core/validate/issues.js';

/** One row of the review. */
export type ReviewItem =
  | { readonly kind: 'task'; readonly key: string; readonly task: ProposedTask }
  | { readonly kind: 'referral'; readonly key: string; readonly referral: Referral }
  | { readonly kind: 'service'; readonly key: string; readonly service: ProposedService }
  | { readonly kind: 'change'; readonly key: string; readonly change: PlanChange };

/** What the reviewer decided about an item. */
export type Decision = ProposalDecision['decision'];

/** The proposal as it stands for review. */
export interface Review {
  /** `first`: no active plan yet; `reassessment`: the diff against the active plans. */
  readonly mode: 'first' | 'reassessment';
  readonly basis: string;
  readonly assessmentId: string;
  readonly proposal: Proposal;
  readonly items: readonly ReviewItem[];
  /** The latest decision per item key for this basis. */
  readonly decisions: ReadonlyMap<string, ProposalDecision>;
  /** Accepted changes already applied (they have left the diff), newest last. */
  readonly applied: readonly ProposalDecision[];
  readonly activePlans: readonly Plan[];
  readonly currentItems: readonly PlanItem[];
}

/** The key of a basis: the approved assessments' ids, joined. */
export function basisKey(basis: readonly Assessment[]): string {
  return basis.map((a) => a.id).join('+');
}

/** The review of `proposal` (from `basis`) against what the document holds now. */
export function buildReview(doc: Y.Doc, proposal: Proposal, basis: readonly Assessment[]): Review {
  const key = basisKey(basis);
  const activePlans = listClientRecords(doc, 'plans').records.filter((p) => p.status === 'active');
  const planIds = new Set(activePlans.map((p) => p.id));
  const currentItems = listClientRecords(doc, 'planItems').records.filter((i) => planIds.has(i.planId));
  const granted = new Set(listClientRecords(doc, 'services').records.filter((s) => s.status === 'active').map((s) => s.serviceCode));
  const services: ReviewItem[] = proposal.services.filter((s) => !granted.has(s.code)).map((s) => ({ kind: 'service', key: `service:${s.code}`, service: s }));
  const mode = activePlans.length === 0 ? 'first' : 'reassessment';
  const items: ReviewItem[] =
    mode === 'first'
      ? [
          ...proposal.tasks.map((t): ReviewItem => ({ kind: 'task', key: `add:${t.code}`, task: t })),
          ...proposal.referrals.map((r): ReviewItem => ({ kind: 'referral', key: `referral:${r.taskCode}`, referral: r })),
          ...services,
        ]
      : [...diffProposal(currentItems, proposal).map((c): ReviewItem => ({ kind: 'change', key: c.id, change: c })), ...services];
  const decisions = new Map<string, ProposalDecision>();
  for (const d of listClientRecords(doc, 'proposalDecisions').records.sort((a, b) => a.decidedAt.localeCompare(b.decidedAt))) {
    if (d.basis === key) decisions.set(d.item, d);
  }
  const shown = new Set(items.map((i) => i.key));
  const applied = [...decisions.values()].filter((d) => d.decision === 'accepted' && !shown.has(d.item));
  return { mode, basis: key, assessmentId: basis[0]?.id ?? '', proposal, items, decisions, applied, activePlans, currentItems };
}

/** The reason an item was proposed (null for a removal, which no rule asks for). */
export function becauseOf(item: ReviewItem): Because | null {
  if (item.kind === 'task') return item.task.because;
  if (item.kind === 'referral') return item.referral.because;
  if (item.kind === 'service') return item.service.because;
  return item.change.because;
}

/** Who decides, when, and how new records get ids. */
export interface DecideContext extends PlanContext {
  readonly decidedAt: string;
}

/** A validated set of writes, made in one transaction by `apply`; built first so bad input writes nothing. */
export interface Writes {
  readonly add: { readonly plans: Plan[]; readonly planItems: PlanItem[]; readonly services: GrantedService[] };
  readonly patchItems: PlanItem[];
  readonly deleteItems: string[];
  readonly decision: { readonly existing: string | null; readonly record: ProposalDecision };
}

/** Writes that fail validation: named by collection and field. */
export type Planned = { readonly ok: true; readonly writes: Writes } | { readonly ok: false; readonly issues: Issue[] };

function decisionRecord(review: Review, item: ReviewItem, decision: Decision, label: string, ctx: DecideContext): Writes['decision'] {
  const prev = review.decisions.get(item.key);
  return { existing: prev?.id ?? null, record: { id: prev?.id ?? ctx.newId('decision'), basis: review.basis, item: item.key, decision, label, decidedBy: ctx.createdBy, decidedAt: ctx.decidedAt } };
}

function grant(service: ProposedService, review: Review, ctx: DecideContext): GrantedService {
  return { id: ctx.newId('service'), serviceCode: service.code, from: ctx.today, until: null, hoursPerWeek: service.hoursPerWeek?.max ?? null, assessmentId: review.assessmentId || null, status: 'active', reason: reasonText(service.because) };
}

function validated(w: Writes): Planned {
  const issues: Issue[] = [];
  const check = (schema: Parameters<typeof parseWith>[0], rec: unknown, where: string) => {
    const p = parseWith(schema, rec, where);
    if (!p.ok) issues.push(...p.issues);
  };
  for (const p of w.add.plans) check(PlanSchema, p, 'plans');
  for (const i of [...w.add.planItems, ...w.patchItems]) check(PlanItemSchema, i, 'planItems');
  for (const s of w.add.services) check(GrantedServiceSchema, s, 'services');
  check(ProposalDecisionSchema, w.decision.record, 'proposalDecisions');
  return issues.length > 0 ? { ok: false, issues } : { ok: true, writes: w };
}

const NOTHING = { plans: [], planItems: [], services: [] };

/**
 * What deciding `item` writes. Rejecting only records the decision. Accepting records it too, and
 * with a plan in place applies the change now (a service is granted now in either mode).
 */
export function planDecision(review: Review, item: ReviewItem, decision: Decision, label: string, ctx: DecideContext): Planned {
  const rec = decisionRecord(review, item, decision, label, ctx);
  const base: Writes = { add: NOTHING, patchItems: [], deleteItems: [], decision: rec };
  if (decision === 'rejected') return validated(base);
  if (item.kind === 'service') {
    if (item.service.status === 'blocked') return { ok: false, issues: [{ path: '', message: item.service.blockedReason?.[ctx.lang] ?? 'blocked' }] };
    return validated({ ...base, add: { ...NOTHING, services: [grant(item.service, review, ctx)] } });
  }
  if (item.kind !== 'change') return validated(base);
  const planIdFor = (kind: string) => review.activePlans.find((p) => p.kind === kind)?.id ?? review.activePlans[0]!.id;
  const next = acceptItems(review.currentItems, [item.change], [item.change.id], review.proposal, { ...ctx, planIdFor });
  const keep = new Set(next.items.map((i) => i.id));
  const before = new Map(review.currentItems.map((i) => [i.id, i]));
  return validated({
    ...base,
    add: { ...NOTHING, planItems: next.items.filter((i) => !before.has(i.id)) },
    patchItems: next.items.filter((i) => before.has(i.id) && before.get(i.id) !== i),
    deleteItems: review.currentItems.filter((i) => !keep.has(i.id)).map((i) => i.id),
  });
}

/** Writes of making the first plans from the accepted tasks and referrals; null when none is accepted. */
export function planFromAccepted(review: Review, ctx: DecideContext): { planned: Planned; tasks: number } | null {
  const accepted = (key: string) => review.decisions.get(key)?.decision === 'accepted';
  const tasks = review.proposal.tasks.filter((t) => accepted(`add:${t.code}`));
  const referrals = review.proposal.referrals.filter((r) => accepted(`referral:${r.taskCode}`));
  if (review.mode !== 'first' || tasks.length + referrals.length === 0) return null;
  const made = generatePlans({ ...review.proposal, tasks, referrals }, ctx);
  // The decision record is the generation itself: the plan stands on this basis.
  const marker: ReviewItem = { kind: 'change', key: 'plan:generated', change: { id: 'plan:generated', kind: 'add', taskCode: '', planItemId: null, from: null, to: null, task: null, because: null } };
  const rec = decisionRecord(review, marker, 'accepted', `${made.plans.length} plan(s), ${made.items.length} row(s)`, ctx);
  return { planned: validated({ add: { plans: made.plans, planItems: made.items, services: [] }, patchItems: [], deleteItems: [], decision: rec }), tasks: made.items.length };
}

/** Makes the planned writes (call inside the one transaction of the user action). */
export function applyWrites(doc: Y.Doc, w: Writes): void {
  for (const p of w.add.plans) addClientRecord(doc, 'plans', p);
  for (const i of w.add.planItems) addClientRecord(doc, 'planItems', i);
  for (const s of w.add.services) addClientRecord(doc, 'services', s);
  // Patch field by field (unchanged fields are not rewritten), so concurrent edits survive.
  for (const i of w.patchItems) patchClientRecord(doc, 'planItems', i.id, i);
  for (const id of w.deleteItems) deleteClientRecord(doc, 'planItems', id);
  const d = w.decision;
  if (d.existing) patchClientRecord(doc, 'proposalDecisions', d.existing, d.record);
  else addClientRecord(doc, 'proposalDecisions', d.record);
}
