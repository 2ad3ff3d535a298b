/**
 * Plan tasks → the week's visits: the tasks of one client in one time slot of one day become one
 * visit (duration = sum, qualifications = all the tasks need). Health-care tasks (a nurse's) make a
 * visit of their own beside the carer's; a task that goes `together` with another of the client's
 * takes that task's slot on the days both happen.
 */
import type { GeoPoint } from '../travel.js';
import { parseFrequency } from './frequency.js';
import { happensInWeek, taskDays, taskKey, visitKind } from './task-days.js';
import { DAY_SLOTS, slotOf } from './time-of-day.js';
import { isoWeekday, isoWeekOf } from './calendar.js';
import type { TaskRules } from './task-rules.js';
import { NO_TASK_RULES } from './task-rules.js';

export interface ClientForWeek {
  readonly id: string;
  readonly location: GeoPoint | null;
  readonly careGroupId: string | null;
  readonly declinedStaffIds: readonly string[];
  readonly preferredStaffIds: readonly string[];
  /** Who visited the client in the last weeks' schedules, most visits first (continuity of carer). */
  readonly recentStaffIds?: readonly string[];
}

export interface TaskForWeek {
  readonly clientId: string;
  readonly taskCode: string;
  readonly frequency: string;
  readonly timeOfDay: string;
  readonly durationMin: number;
  /** Qualification the task needs (`caregiver`, `social_carer`, `rehabilitator` …). */
  readonly qualification: string;
  /** A health professional's task (the organisation's own nurse): a separate visit, never merged into a carer's. */
  readonly healthCare?: boolean;
}

export interface VisitRequest {
  /** Stable across rebuilds of the same week, so pins and records keep pointing at it. */
  readonly id: string;
  readonly clientId: string;
  readonly date: string;
  readonly slot: string;
  readonly durationMin: number;
  readonly taskCodes: readonly string[];
  readonly qualifications: readonly string[];
}

export interface RequestsResult {
  readonly requests: VisitRequest[];
  /** Tasks whose frequency text was not understood (scheduled once a week), for the coordinator. */
  readonly unclearFrequency: readonly TaskForWeek[];
  /** Clients with tasks but no home location: they cannot be routed. */
  readonly withoutLocation: readonly string[];
}

/** The tasks of one client, day, slot and kind of visit: one visit request. */
interface Group {
  readonly clientId: string;
  readonly date: string;
  readonly slot: string;
  readonly kind: string;
  readonly tasks: TaskForWeek[];
}

/** Builds the week's visit requests from plan tasks. `dates` are the week's seven dates, Monday first. */
export function buildVisitRequests(clients: readonly ClientForWeek[], tasks: readonly TaskForWeek[], dates: readonly string[], rules: TaskRules = NO_TASK_RULES): RequestsResult {
  const byClient = new Map(clients.map((c) => [c.id, c]));
  const groups = new Map<string, Group>();
  const weekNumber = dates[0] ? Number(isoWeekOf(dates[0]).slice(6)) : 1;
  // Which slots each of a client's tasks takes per weekday, for `together` tasks to join them.
  // A day-centre appointment is booked on its room (`dc_<resource>`), a nurse's task is hers, the rest is the carer's.
  const kindOf = (task: TaskForWeek) => visitKind(task, rules);
  const days = taskDays(tasks, rules, weekNumber, (id) => byClient.get(id)?.careGroupId ?? '');
  const slotsOn = new Map<string, { slot: string; kind: string; days: number }>();
  for (const task of tasks) {
    const { frequency } = parseFrequency(task.frequency);
    if (!happensInWeek(frequency, weekNumber)) continue;
    const first = slotOf(task.timeOfDay);
    for (const day of days.get(taskKey(task.clientId, task.taskCode)) ?? []) slotsOn.set(`${task.clientId}|${task.taskCode}|${day}`, { slot: first, kind: kindOf(task), days: frequency.daysPerWeek });
  }
  // The rarer of two `together` tasks takes the other's slot (ties: the later code moves); beside
  // another profession's task it is a visit of its own (`<kind>-joint`).
  const partnerSlot = (task: TaskForWeek, days: number, weekday: number): { slot: string; kind: string } | undefined => {
    for (const p of rules.partners(task.taskCode)) {
      const s = slotsOn.get(`${task.clientId}|${p}|${weekday}`);
      if (!s || s.days < days || (s.days === days && p > task.taskCode)) continue;
      return { slot: s.slot, kind: s.kind === kindOf(task) ? s.kind : `${kindOf(task)}-joint` };
    }
    return undefined;
  };
  const unclear: TaskForWeek[] = [];
  const withoutLocation = new Set<string>();
  const alongside: TaskForWeek[] = [];
  for (const task of tasks) {
    const client = byClient.get(task.clientId);
    if (!client) continue;
    if (!client.location) {
      withoutLocation.add(client.id);
      continue;
    }
    const { frequency, understood } = parseFrequency(task.frequency);
    if (!understood) unclear.push(task);
    if (frequency.eachVisit) {
      alongside.push(task);
      continue;
    }
    if (!happensInWeek(frequency, weekNumber)) continue;
    const on = new Set(days.get(taskKey(task.clientId, task.taskCode)) ?? []);
    const first = slotOf(task.timeOfDay);
    const slots = frequency.timesPerDay <= 1 ? [first] : pickSlots(first, frequency.timesPerDay);
    for (const date of dates) {
      if (!on.has(isoWeekday(date))) continue;
      const joined = frequency.timesPerDay <= 1 ? partnerSlot(task, frequency.daysPerWeek, isoWeekday(date)) : undefined;
      const kind = joined?.kind ?? kindOf(task);
      for (const slot of joined ? [joined.slot] : slots) {
        const key = `${client.id}|${date}|${slot}|${kind}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { clientId: client.id, date, slot, kind, tasks: [] }));
        g.tasks.push(task);
      }
    }
  }
  // `each_visit` tasks join every visit the client has that day, or get a visit of their own.
  // (The client's visits of a day looked up by client and date: a scan of all groups per task was quadratic.)
  const ofClientDay = new Map<string, Group[]>();
  const index = (g: Group) => {
    const key = `${g.clientId}|${g.date}`;
    const list = ofClientDay.get(key);
    if (list) list.push(g);
    else ofClientDay.set(key, [g]);
  };
  for (const g of groups.values()) index(g);
  for (const task of alongside) {
    for (const date of dates) {
      const kind = kindOf(task);
      const mine = (ofClientDay.get(`${task.clientId}|${date}`) ?? []).filter((g) => g.kind === kind);
      if (mine.length > 0) for (const g of mine) g.tasks.push(task);
      else {
        const g: Group = { clientId: task.clientId, date, slot: slotOf(task.timeOfDay), kind, tasks: [task] };
        groups.set(`${task.clientId}|${date}|${g.slot}|${kind}`, g);
        index(g);
      }
    }
  }
  const requests = [...groups.values()]
    .map((g) => ({
      // The carer's visit keeps the id it always had; a health professional's gets a suffix.
      id: `v-${g.date.replaceAll('-', '')}-${g.slot}-${g.clientId}${g.kind === 'care' ? '' : `-${g.kind.replaceAll(/[^a-z0-9_]/g, '')}`}`,
      clientId: g.clientId,
      date: g.date,
      slot: g.slot,
      durationMin: g.tasks.reduce((s, t) => s + t.durationMin, 0),
      taskCodes: [...new Set(g.tasks.map((t) => t.taskCode))].sort(),
      qualifications: [...new Set(g.tasks.map((t) => t.qualification))].sort(),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { requests, unclearFrequency: unclear, withoutLocation: [...withoutLocation].sort() };
}

function pickSlots(first: string, n: number): string[] {
  const start = Math.max(0, DAY_SLOTS.indexOf(first as (typeof DAY_SLOTS)[number]));
  const out: string[] = [];
  for (let i = 0; i < DAY_SLOTS.length && out.length < n; i++) out.push(DAY_SLOTS[(start + i) % DAY_SLOTS.length]!);
  return out;
}
