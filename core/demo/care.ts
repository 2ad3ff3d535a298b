/**
 * The care side of a demo world, from the same seed: card answers spread over the care levels,
 * approved assessments (some overdue for reassessment, some drafts and submissions waiting),
 * plans from the real translation, and weeks of execution records with realistic outcomes.
 * Pure: catalogues and `today` come in; ids and times derive from the seed and the client index.
 */
import type { Catalogues } from '../catalogue/parse.js';
import type { Alert, Assessment, Observation, Plan, PlanItem, Staff, TaskRecord, VisitRecord } from '../doc/schema.js';
import { reassessDue } from '../assessment/score.js';
import { generatePlans } from '../plan/generate.js';
import { assessAndTranslate } from '../translation/pipeline.js';
import type { PipelineResult } from '../translation/pipeline.js';
import { isoWeekday } from '../schedule/week/calendar.js';
import { parseFrequency, spreadDays } from '../schedule/week/frequency.js';
import type { CareNeed } from './care-mix.js';
import { cardAnswersFor, scoreRange } from './card-answers.js';
import { createRandom } from './random.js';
import type { DemoClient, DemoWorld } from './world.js';
import { addDays } from './world.js';

export interface DemoCare {
  readonly assessments: Assessment[];
  readonly plans: Plan[];
  readonly planItems: PlanItem[];
  readonly visitRecords: VisitRecord[];
  readonly taskRecords: TaskRecord[];
  readonly observations: Observation[];
  readonly alerts: Alert[];
}

const CARD = 'home-care-card';
/** Second tries at a client's card when its plan does not fit the level (another bundle of needs). */
const ATTEMPTS = 4;

const OUTCOMES: readonly [TaskRecord['outcome'], number][] = [['done', 0.9], ['partly', 0.03], ['postponed', 0.03], ['refused', 0.02], ['handed_over', 0.02]];

function outcome(r: () => number): TaskRecord['outcome'] {
  let x = r();
  for (const [o, p] of OUTCOMES) {
    x -= p;
    if (x < 0) return o;
  }
  return 'done';
}

/** Whether a translated card reached the need's level with task hours inside that level's weekly hours. */
export function fitsNeed(translated: PipelineResult, need: CareNeed): boolean {
  if (!translated.ok) return false;
  const level = translated.proposal.careLevel?.level ?? null;
  if (need === 0) return level === null && translated.proposal.tasks.every((t) => t.perWeek === 0);
  if (!level || level.rank !== need) return false;
  const hours = translated.proposal.weeklyMinutes / 60;
  return hours >= level.hoursPerWeek.min && hours <= level.hoursPerWeek.max;
}

/**
 * Generates the care records of every client (or of those whose index passes `only`: each client
 * has its own random stream, so a share gives the same records as the whole).
 * `historyWeeks` weeks of execution end yesterday.
 */
export function generateDemoCare(world: DemoWorld, catalogues: Catalogues, ruleTableId: string, today: string, historyWeeks = 8, only?: (index: number) => boolean): Map<string, DemoCare> {
  const out = new Map<string, DemoCare>();
  const table = catalogues.ruleTables.get(ruleTableId);
  const ins = catalogues.instruments.get(CARD);
  if (!table || !ins) return out;
  const byGroup = new Map<string, Staff[]>();
  for (const s of world.staff) if (s.roles.includes('caregiver') && s.careGroupId) byGroup.set(s.careGroupId, [...(byGroup.get(s.careGroupId) ?? []), s]);
  const assessors = world.staff.filter((s) => s.roles.includes('social_worker') || s.roles.includes('coordinator'));
  const approver = world.staff.find((s) => s.roles.includes('manager'))!;
  for (const [i, c] of world.clients.entries()) {
    if (only && !only(i)) continue;
    const rand = createRandom(world.seed * 100_003 + i);
    const assessor = assessors[i % Math.max(1, assessors.length)] ?? approver;
    // Most assessments were decided weeks ago; every 9th long enough ago to be overdue.
    const decidedOn = i % 9 === 4 ? addDays(today, -rand.int(400, 500)) : addDays(today, -rand.int(20, 150));
    const range = scoreRange(table, ins.id, c.careNeed);
    let base = { instrumentId: ins.id, instrumentVersion: ins.version, answers: {} as Record<string, string>, assessorId: assessor.id, returnReason: '', note: '' };
    let translated!: PipelineResult;
    // The card an assessor would fill for this need; another bundle if its plan leaves the level's hours.
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      base = { ...base, answers: range ? cardAnswersFor(ins, range, c.careNeed, c.profile.livesAlone, rand, attempt) : {} };
      translated = assessAndTranslate(catalogues, [base], ruleTableId, { profile: c.profile, gpStatements: c.gpStatements, today: decidedOn });
      if (fitsNeed(translated, c.careNeed)) break;
    }
    const level = translated.ok ? (translated.proposal.careLevel?.level.code ?? null) : null;
    const approved: Assessment = {
      ...base, id: `as-${c.id.slice(2)}-1`, status: 'approved', createdAt: `${addDays(decidedOn, -3)}T10:00`, submittedAt: `${addDays(decidedOn, -2)}T15:00`,
      approverId: approver.id, decidedAt: `${decidedOn}T11:00`, ruleTable: `${table.id}@${table.version}`, reassessDue: reassessDue(decidedOn, table, level),
    };
    const assessments: Assessment[] = [approved];
    // A few reassessments are under way: drafts, and submissions waiting for approval.
    if (i % 11 === 3 || i % 11 === 8) {
      assessments.push({ ...base, id: `as-${c.id.slice(2)}-2`, status: i % 11 === 3 ? 'draft' : 'submitted', createdAt: `${addDays(today, -2)}T09:30`, submittedAt: i % 11 === 8 ? `${addDays(today, -1)}T16:00` : null, approverId: null, decidedAt: null, ruleTable: '', reassessDue: null });
    }
    let plans: Plan[] = [];
    let planItems: PlanItem[] = [];
    if (translated.ok) {
      let n = 0;
      const made = generatePlans(translated.proposal, {
        today: decidedOn, createdAt: `${decidedOn}T12:00`, createdBy: assessor.id, assessmentId: approved.id, responsibleId: null, lang: 'lv',
        newId: (hint) => `${hint.startsWith('plan') ? 'pl' : 'pi'}-${c.id.slice(2)}-${++n}`,
      });
      plans = made.plans.map((p) => ({ ...p, agreedWithClient: true, agreedOn: addDays(decidedOn, 1) }));
      planItems = made.items;
    }
    const history = executionHistory(c, planItems, byGroup.get(c.profile.careGroupId ?? '') ?? [], today, historyWeeks, rand);
    out.set(c.id, { assessments, plans, planItems, ...history });
  }
  return out;
}

/** Past visits on the plan's days (one per visit day) with a record per task; a few observations raise alerts. */
function executionHistory(c: DemoClient, items: readonly PlanItem[], carers: readonly Staff[], today: string, weeks: number, rand: ReturnType<typeof createRandom>): Pick<DemoCare, 'visitRecords' | 'taskRecords' | 'observations' | 'alerts'> {
  const visitRecords: VisitRecord[] = [];
  const taskRecords: TaskRecord[] = [];
  const observations: Observation[] = [];
  const alerts: Alert[] = [];
  const carerTasks = items.filter((it) => it.taskCode && it.durationMin > 0 && it.responsibleId === null);
  if (carers.length === 0 || carerTasks.length === 0) return { visitRecords, taskRecords, observations, alerts };
  const usual = carers[rand.int(0, carers.length - 1)]!;
  const days = new Map(carerTasks.map((t) => [t.id, new Set(spreadDays(parseFrequency(t.frequency).frequency.daysPerWeek))]));
  for (let d = weeks * 7; d >= 1; d--) {
    const date = addDays(today, -d);
    const wd = isoWeekday(date);
    if (wd > 5) continue; // history covers weekdays (weekend visits are in the schedule only)
    const due = carerTasks.filter((t) => days.get(t.id)?.has(wd));
    if (due.length === 0) continue;
    const staff = rand.chance(0.85) ? usual : carers[rand.int(0, carers.length - 1)]!;
    const vid = `vr-${c.id.slice(2)}-${date.replaceAll('-', '')}`;
    const start = 8 * 60 + rand.int(0, 120);
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    visitRecords.push({ id: vid, date, staffId: staff.id, scheduledVisitId: null, arrivedAt: `${date}T${hhmm(start)}`, leftAt: `${date}T${hhmm(start + due.reduce((s, t) => s + t.durationMin, 0))}`, note: '' });
    for (const [k, t] of due.entries()) {
      const o = outcome(rand.next);
      taskRecords.push({
        id: `tr-${c.id.slice(2)}-${date.replaceAll('-', '')}-${k}`, visitRecordId: vid, taskCode: t.taskCode, outcome: o,
        note: o === 'refused' ? 'Klients atteicās.' : o === 'postponed' ? 'Pārcelts uz rītdienu.' : '', handedTo: o === 'handed_over' ? (carers.find((s) => s.id !== staff.id)?.id ?? null) : null,
        recordedBy: staff.id, recordedAt: `${date}T${hhmm(start + 30)}`,
      });
    }
    if (rand.chance(0.004)) {
      const oid = `ob-${c.id.slice(2)}-${date.replaceAll('-', '')}`;
      observations.push({ id: oid, at: `${date}T${hhmm(start + 20)}`, staffId: staff.id, items: ['fever'], note: 'Temperatūra 38,2 °C.' });
      const handled = d > 2;
      alerts.push({ id: `al-${c.id.slice(2)}-${date.replaceAll('-', '')}`, observationId: oid, level: 'inform_gp', raisedAt: `${date}T${hhmm(start + 21)}`, raisedBy: staff.id, reason: 'drudzis', status: handled ? 'handled' : 'open', handledBy: handled ? staff.id : null, handledAt: handled ? `${date}T${hhmm(start + 60)}` : null, actionTaken: handled ? 'Informēts ģimenes ārsts; ieteikts pretdrudža līdzeklis.' : '' });
    }
  }
  return { visitRecords, taskRecords, observations, alerts };
}
