/**
 * The home-care week of bench:schedule-homecare: generated plan tasks (`homecare-week.ts`) through
 * the path of `apsis schedule build` (visit requests → `planWeek` with the catalogue's task rules),
 * every day re-checked by the independent checker from the records the build writes, then
 * `apsis schedule repair`'s path (`repairDay` on the stored day) for one absence from 10:00.
 * Prints the visit minutes asked per weekday: the balanced week keeps Monday to Friday level.
 */
import { loadavg } from 'node:os';
import type { ScheduledVisit } from '../core/doc/schema.js';
import { checkSolution } from '../core/schedule/check.js';
import { weekDates } from '../core/schedule/week/calendar.js';
import { planWeek } from '../core/schedule/week/plan-week.js';
import type { WeekPlan } from '../core/schedule/week/plan-week.js';
import { repairDay } from '../core/schedule/week/repair-day.js';
import { storedDay } from '../core/schedule/week/stored-day.js';
import type { TaskRules } from '../core/schedule/week/task-rules.js';
import { buildVisitRequests } from '../core/schedule/week/visit-requests.js';
import type { ClientForWeek } from '../core/schedule/week/visit-requests.js';
import type { Staff } from '../core/doc/schema.js';
import { catalogues } from '../cli/catalogue/load.js';
import { catalogueTaskRules } from '../cli/schedule/operations.js';
import { generateWeek } from './homecare-week.js';

const WEEK = '2026-W48';
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** The balanced week's bound: Monday to Friday ask within this share (%) of their mean minutes of each other. */
const WEEKDAY_SPREAD_PCT = 5;

/** Violations of every day of a written week, from its records alone. */
function checkWeek(dates: readonly string[], visits: readonly ScheduledVisit[], staff: readonly Staff[], clients: readonly ClientForWeek[], rules: TaskRules): { violations: number; first: string } {
  let violations = 0;
  let first = '';
  for (const date of dates) {
    const { day, routes, bookings } = storedDay(date, visits, staff, [], clients, rules);
    const done = new Set([...routes.flatMap((r) => r.stops.map((s) => s.visit)), ...bookings.map((b) => b.visit)]);
    const unassigned = day.requests.map((_, i) => i).filter((i) => !done.has(i)).map((visit) => ({ visit, reason: 'no-room' as const }));
    const found = checkSolution(day.problem, { routes, bookings, unassigned });
    violations += found.length;
    if (!first && found[0]) first = `${date}: ${found[0].kind} — ${found[0].message}`;
  }
  return { violations, first };
}

function sum(plan: WeekPlan, key: 'travelMinutes' | 'lateness' | 'overtimeMinutes'): number {
  return Math.round(plan.days.reduce((n, d) => n + d.kpis[key], 0));
}

/** Runs the week; `ok` is false when the checker finds anything. */
export function measureWeek(options: { clients: number; staff: number; seconds: number; maxIterations?: number }): { ok: boolean; rows: [string, string][] } {
  const cat = catalogues();
  const rules = catalogueTaskRules();
  const gen = generateWeek({ clientCount: options.clients, staffCount: options.staff, seed: 2026, task: (code) => cat.tasks.get(code) });
  const dates = weekDates(WEEK);
  const loadAtStart = loadavg()[0] ?? 0;
  const t0 = performance.now();
  const { requests } = buildVisitRequests(gen.clients, gen.tasks, dates, rules);
  const perDay = dates.map((d) => requests.filter((r) => r.date === d).length);
  // Minutes of home visits asked per weekday, counted per person (a hoist transfer needs two).
  const minutesPerDay = dates.map((d) => requests.filter((r) => r.date === d && !rules.resourceOf(r.taskCodes)).reduce((n, r) => n + r.durationMin * rules.staffCount(r.taskCodes), 0));
  const weekdayMinutes = minutesPerDay.slice(0, 5);
  const weekdayMean = weekdayMinutes.reduce((a, b) => a + b, 0) / weekdayMinutes.length;
  const weekdaySpread = Math.max(...weekdayMinutes) - Math.min(...weekdayMinutes);
  let proposalMs = NaN;
  let proposal: WeekPlan | undefined;
  const plan = planWeek({ dates, requests, staff: gen.staff, absences: [], clients: gen.clients, existing: [], seconds: options.seconds, seed: 1, now: () => performance.now(), rules, ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}), onProposal: (p) => {
    proposalMs = performance.now() - t0;
    proposal = p;
  } });
  const totalMs = performance.now() - t0;
  const proposalCheck = proposal ? checkWeek(dates, proposal.visits, gen.staff, gen.clients, rules) : { violations: NaN, first: 'no proposal' };
  const finalCheck = checkWeek(dates, plan.visits, gen.staff, gen.clients, rules);
  const unassigned = (p: WeekPlan | undefined) => p?.days.reduce((n, d) => n + d.unassigned.length, 0) ?? NaN;
  const guard = (p: WeekPlan | undefined) => p?.days.reduce((n, d) => n + d.guardUnassigned, 0) ?? NaN;
  const reasons = new Map<string, number>();
  for (const d of plan.days) for (const u of d.unassigned) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
  const usual = plan.days.reduce((n, d) => n + d.kpis.continuityPct, 0) / Math.max(1, plan.days.length);
  const preferred = plan.days.reduce((n, d) => n + d.kpis.preferredPct, 0) / Math.max(1, plan.days.length);

  // One absence: the busiest caregiver of the busiest day, from 10:00, through `apsis schedule repair`'s path.
  const busiestDay = dates[perDay.indexOf(Math.max(...perDay))]!;
  const load = new Map<string, number>();
  for (const v of plan.visits) if (v.date === busiestDay) for (const s of v.staffIds) load.set(s, (load.get(s) ?? 0) + 1);
  const absent = [...load.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const loadBeforeRepair = loadavg()[0] ?? 0;
  const t1 = performance.now();
  const repaired = repairDay({ date: busiestDay, visits: plan.visits, staff: gen.staff, absences: [], clients: gen.clients, absentStaffId: absent, fromMinute: 10 * 60, seed: 1, now: () => performance.now(), rules });
  const repairMs = performance.now() - t1;
  let repairRow = repaired.ok ? '' : `failed: ${repaired.reason}`;
  let repairViolations = 0;
  if (repaired.ok) {
    const byId = new Map(repaired.changed.map((v) => [v.id, v]));
    const after = plan.visits.map((v) => byId.get(v.id) ?? v);
    const before = new Map(plan.visits.map((v) => [v.id, v]));
    const moved = repaired.changed.filter((v) => before.get(v.id)?.staffIds.includes(absent)).length;
    // Everyone else: a visit of theirs that changed time, and whose order of visits changed.
    const othersTimes = repaired.changed.filter((v) => !before.get(v.id)?.staffIds.includes(absent)).length;
    const order = (list: readonly ScheduledVisit[], who: string) => list.filter((v) => v.date === busiestDay && v.staffIds.includes(who)).sort((a, b) => a.start - b.start).map((v) => v.id);
    const reordered = [...load.keys()].filter((s) => s !== absent).filter((s) => {
      const was = order(plan.visits, s);
      return order(after, s).filter((id) => was.includes(id)).join() !== was.join();
    }).length;
    const repairCheck = checkWeek([busiestDay], after, gen.staff, gen.clients, rules);
    repairViolations = repairCheck.violations;
    repairRow = `${repairMs.toFixed(0)} ms (target ≤ 1 s; load ${loadBeforeRepair.toFixed(2)}), moved ${moved} of ${absent}'s visits (${repaired.unassigned.length} left unassigned), other people's visits retimed ${othersTimes}, other routes reordered ${reordered}, checker violations ${repairViolations}${repairCheck.first ? ` (${repairCheck.first})` : ''}`;
  }
  const rows: [string, string][] = [
    ['week: instance', `ISO week ${WEEK}: ${gen.clients.length} clients, ${gen.tasks.length} plan tasks from the task catalogue (household help on working days, daily personal care and meals, bedridden clients twice a day incl. two-person hoist transfers, a social carer's help), ${gen.staff.length} caregivers (early 7:00–17:00 / late 9:00–19:00 shifts with the 30-minute lunch break, 48-hour contracts: 8 h a day, later is overtime; Mon–Fri and one weekend day, half Saturday, half Sunday; a quarter social carers), preferred / recent carers and declined ones; visits per day ${perDay.map((n, i) => `${DAY_NAMES[i]} ${n}`).join(', ')} (weekends lighter: only the daily tasks)`],
    ['week: visit minutes asked per weekday (per person)', `${minutesPerDay.map((n, i) => `${DAY_NAMES[i]} ${n}`).join(', ')}; Monday–Friday max − min ${weekdaySpread} min (${((100 * weekdaySpread) / weekdayMean).toFixed(1)} % of their mean ${weekdayMean.toFixed(0)} min; bound: ≤ ${WEEKDAY_SPREAD_PCT} %)`],
    ['week: load average (1 min) at start', `${loadAtStart.toFixed(2)} (2 cores shared with other work; timings under load are pessimistic)`],
    ['week: first feasible proposal (requests + all 7 days constructed, one travel matrix)', `${Number.isNaN(proposalMs) ? 'n/a' : `${proposalMs.toFixed(0)} ms`} (target ≤ 5 s), ${unassigned(proposal)} unassigned (${guard(proposal)} by the solver's last guard, should be 0), checker violations ${proposalCheck.violations}${proposalCheck.first ? ` (${proposalCheck.first})` : ''}`],
    [`week: after the ${options.seconds} s budget${options.maxIterations !== undefined ? ` or ${options.maxIterations} iterations a day` : ''} (${totalMs.toFixed(0)} ms in all)`, `${unassigned(plan)} unassigned (per day ${plan.days.map((d) => d.unassigned.length).join(' / ')}; by the solver's last guard ${guard(plan)}, should be 0)${reasons.size > 0 ? ` (${[...reasons.entries()].map(([r, n]) => `${n}× ${r}`).join('; ')})` : ''}, travel ${sum(plan, 'travelMinutes')} min, lateness ${sum(plan, 'lateness')} min, overtime ${sum(plan, 'overtimeMinutes')} min, usual carer ${usual.toFixed(1)} %, preferred carer kept ${preferred.toFixed(1)} % (day means), checker violations ${finalCheck.violations}${finalCheck.first ? ` (${finalCheck.first})` : ''}`],
    [`week: repair after one absence (${busiestDay}, busiest caregiver, from 10:00)`, repairRow],
  ];
  const balanced = (100 * weekdaySpread) / weekdayMean <= WEEKDAY_SPREAD_PCT;
  return { ok: proposalCheck.violations === 0 && finalCheck.violations === 0 && repaired.ok && repairViolations === 0 && balanced && guard(plan) === 0, rows };
}
