/**
 * Plans from a proposal: care, rehabilitation and positioning plans, each a list of PlanItems
 * (problem → goal → task, frequency, time of day, deadline, expected result, responsible worker,
 * reason). Health-care referrals become plan rows with no carer responsible.
 */
import type { Label } from '../catalogue/schema.js';
import type { Plan, PlanItem } from '../doc/schema.js';
import { addDays, addMonths } from '../assessment/score.js';
import type { Because, Proposal, ProposedTask, Referral } from '../translation/translate.js';

export type PlanKind = Plan['kind'];

export interface PlanContext {
  /** YYYY-MM-DD */
  readonly today: string;
  /** YYYY-MM-DDTHH:MM */
  readonly createdAt: string;
  readonly createdBy: string;
  readonly assessmentId: string | null;
  /** The carer (or coordinator) responsible for carer tasks; null = to be assigned. */
  readonly responsibleId: string | null;
  readonly lang: 'lv' | 'en';
  /** Makes a fresh record id; `hint` says what it is for (e.g. `plan-care`, `item`). */
  readonly newId: (hint: string) => string;
}

/** One line of explanation for a plan row: rule, rule table and the answers. */
export function reasonText(b: Because): string {
  return `${b.rule} (${b.ruleTable}; ${b.ruleSet}): ${b.answers.map((a) => `${a.instrument}.${a.item}=${a.code}`).join(', ')}`;
}

/** Deadline of a plan row: rehabilitation 6 weeks, positioning 1 month, care until reassessment. */
export function deadlineFor(kind: PlanKind, proposal: Proposal, today: string): string {
  if (kind === 'rehabilitation') return addDays(today, 42);
  if (kind === 'positioning') return addMonths(today, 1);
  return addMonths(today, proposal.careLevel?.level.reassessMonths ?? 12);
}

const pick = (l: Label, lang: 'lv' | 'en'): string => l[lang];

/** A plan row for a proposed carer task. */
export function planItemForTask(task: ProposedTask, planId: string, order: number, proposal: Proposal, ctx: PlanContext): PlanItem {
  return {
    id: ctx.newId('item'),
    planId,
    order,
    problem: pick(task.problem, ctx.lang),
    goal: pick(task.goal, ctx.lang),
    taskCode: task.code,
    taskText: pick(task.label, ctx.lang),
    frequency: task.frequency,
    timeOfDay: task.timeOfDay,
    durationMin: task.durationMin,
    deadline: deadlineFor(task.plan, proposal, ctx.today),
    expectedResult: pick(task.expectedResult, ctx.lang),
    responsibleId: ctx.responsibleId,
    reason: reasonText(task.because),
  };
}

function planItemForReferral(r: Referral, planId: string, order: number, proposal: Proposal, ctx: PlanContext): PlanItem {
  const to = r.to === 'gp' ? { lv: 'ģimenes ārstam', en: 'to the GP' } : { lv: 'veselības aprūpei mājās', en: 'to home nursing' };
  return {
    id: ctx.newId('item'),
    planId,
    order,
    problem: pick(r.problem, ctx.lang),
    goal: ctx.lang === 'lv' ? `Nosūtīt ${to.lv}` : `Refer ${to.en}`,
    taskCode: r.taskCode,
    taskText: ctx.lang === 'lv' ? `Nosūtījums ${to.lv}: ${r.label.lv}` : `Referral ${to.en}: ${r.label.en}`,
    frequency: '',
    timeOfDay: '',
    durationMin: 0,
    deadline: addDays(ctx.today, 7),
    expectedResult: ctx.lang === 'lv' ? 'Veselības aprūpes speciālists iesaistīts' : 'A health-care professional is involved',
    responsibleId: null,
    reason: `${reasonText(r.because)}; ${proposal.ruleTable}`,
  };
}

/** Care / rehabilitation / positioning plans and their rows; a plan is made only when it has rows. */
export function generatePlans(proposal: Proposal, ctx: PlanContext): { plans: Plan[]; items: PlanItem[] } {
  const plans: Plan[] = [];
  const items: PlanItem[] = [];
  for (const kind of ['care', 'rehabilitation', 'positioning'] as const) {
    const tasks = proposal.tasks.filter((t) => t.plan === kind);
    const refs = kind === 'care' ? proposal.referrals : [];
    if (tasks.length === 0 && refs.length === 0) continue;
    const plan: Plan = {
      id: ctx.newId(`plan-${kind}`),
      kind,
      assessmentId: ctx.assessmentId,
      createdAt: ctx.createdAt,
      createdBy: ctx.createdBy,
      agreedWithClient: false,
      agreedOn: null,
      status: 'active',
    };
    plans.push(plan);
    let order = 0;
    for (const t of tasks) items.push(planItemForTask(t, plan.id, order++, proposal, ctx));
    for (const r of refs) items.push(planItemForReferral(r, plan.id, order++, proposal, ctx));
  }
  return { plans, items };
}
