/**
 * Which weekdays each plan task happens on in a week. A less-than-daily task takes the day
 * pattern (`balanced-days.ts`: weekdays, the minimum gap) that keeps its care group's week most
 * level, except when it goes `together` with a task of the same client that happens at
 * least as often: then its days are chosen among that partner's days, so that every time it
 * happens the partner happens too and the two can be done in one visit (or synchronised visits).
 * The partner's other days it is alone. Equal frequencies: the task whose code comes later
 * follows; tasks that do not happen this week (every other week, as needed) lead nobody. A
 * day-centre task goes on the days its centre is open.
 */
import type { Frequency } from './frequency.js';
import { parseFrequency, spreadDays, spreadWithin } from './frequency.js';
import type { TaskRules } from './task-rules.js';
import { DayLoad, dayPatterns } from './balanced-days.js';
import { openWeekdays } from './task-rules.js';

/** The part of a plan task this needs. */
export interface TaskOnDays {
  readonly clientId: string;
  readonly taskCode: string;
  readonly frequency: string;
  /** Minutes each time (for balancing the week; 30 when not given). */
  readonly durationMin?: number;
  /** A health professional's task: done by its `qualification`, not by the carers. */
  readonly healthCare?: boolean;
  readonly qualification?: string;
}

/**
 * Who does a task, which is also the kind of visit it makes: a day-centre appointment its room
 * (`dc_<resource>`), a nurse's task her qualification, the rest the carers (`care`).
 */
export function visitKind(task: TaskOnDays, rules: TaskRules): string {
  const room = rules.resourceOf([task.taskCode]);
  return room ? `dc_${room.id}` : task.healthCare && task.qualification ? task.qualification : 'care';
}

/** Whether a task of this frequency happens in ISO week `weekNumber` (on its own days, not alongside). */
export function happensInWeek(f: Frequency, weekNumber: number): boolean {
  return !f.eachVisit && f.daysPerWeek > 0 && !(f.everyNthWeek && weekNumber % f.everyNthWeek !== 0);
}

/** Key of a client's task in the returned map. */
export const taskKey = (clientId: string, taskCode: string): string => `${clientId}|${taskCode}`;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Weekdays (1 = Monday) of every task that happens this week, with `together` followers on their
 * leader's days. Less-than-daily tasks are balanced greedily over the days by the minutes already
 * planned in the client's care group (`groupOf`; one group when not given) for whoever does them
 * (`visitKind`: the carers, a nurse, a day-centre room): biggest first, ties by client and code,
 * so the same tasks always get the same days.
 */
export function taskDays(tasks: readonly TaskOnDays[], rules: TaskRules, weekNumber: number, groupOf: (clientId: string) => string = () => ''): Map<string, number[]> {
  const counted = tasks
    .map((t) => ({ t, f: parseFrequency(t.frequency).frequency }))
    .filter((x) => happensInWeek(x.f, weekNumber))
    .map((x) => ({ t: x.t, n: x.f.daysPerWeek, minutes: (x.t.durationMin ?? 30) * Math.max(1, x.f.timesPerDay) }));
  const present = new Map(counted.map((x) => [taskKey(x.t.clientId, x.t.taskCode), x.n]));
  // A follower goes with a partner of the client that happens more often, or as often with the earlier code.
  const follows = (x: (typeof counted)[number]) =>
    rules.partners(x.t.taskCode).some((p) => {
      const m = present.get(taskKey(x.t.clientId, p));
      return m !== undefined && (m > x.n || (m === x.n && p < x.t.taskCode));
    });
  // A client's leaders of one frequency (and opening days) share their days: one visit, one trip,
  // balanced as a bundle. Biggest bundles first, ties by client and code: order-independent.
  const openOf = (code: string) => {
    const room = rules.resourceOf([code]);
    return room ? openWeekdays(room) : ALL_DAYS;
  };
  // A task balances against the minutes of whoever does it (`visitKind`): a day-centre task its
  // room's, a nurse's task the nurses', not the carers' days.
  const loadOf = (t: TaskOnDays) => `${groupOf(t.clientId)}|${visitKind(t, rules)}`;
  const bundles = new Map<string, { clientId: string; n: number; open: number[]; minutes: number; codes: string[]; load: string }>();
  for (const x of counted.filter((c) => !follows(c))) {
    const open = openOf(x.t.taskCode);
    const key = `${x.t.clientId}|${x.n}|${open.join()}|${visitKind(x.t, rules)}`;
    const b = bundles.get(key);
    if (b) {
      b.minutes += x.minutes;
      b.codes.push(x.t.taskCode);
    } else bundles.set(key, { clientId: x.t.clientId, n: x.n, open, minutes: x.minutes, codes: [x.t.taskCode], load: loadOf(x.t) });
  }
  for (const b of bundles.values()) b.codes.sort(byText);
  const leaders = [...bundles.values()].sort((a, b) => b.n - a.n || b.minutes - a.minutes || byText(a.clientId, b.clientId) || byText(a.codes[0]!, b.codes[0]!));
  // Followers: leaders of theirs first (more days, then the earlier code).
  const followers = counted.filter(follows).sort((a, b) => b.n - a.n || byText(a.t.taskCode, b.t.taskCode) || byText(a.t.clientId, b.t.clientId));
  const days = new Map<string, number[]>();
  const count = new Map<string, number>();
  const load = new DayLoad();
  for (const b of leaders) {
    const group = b.load;
    const chosen = load.choose(group, dayPatterns(b.n, b.open));
    const placed = chosen ?? onOpenDays(spreadDays(b.n), b.n, b.open);
    for (const code of b.codes) {
      days.set(taskKey(b.clientId, code), placed);
      count.set(taskKey(b.clientId, code), b.n);
    }
    load.add(group, placed, b.minutes);
  }
  for (const { t, n, minutes } of followers) {
    const key = taskKey(t.clientId, t.taskCode);
    if (days.has(key)) continue;
    const group = loadOf(t);
    const open = openOf(t.taskCode);
    const leader = rules.partners(t.taskCode).map((p) => taskKey(t.clientId, p)).find((k) => days.has(k) && (count.get(k) ?? 0) >= n);
    const theirs = leader ? days.get(leader)! : null;
    const patterns = dayPatterns(n, open).filter((p) => !theirs || p.every((d) => theirs.includes(d)));
    const chosen = load.choose(group, patterns);
    const aligned = chosen ?? (theirs ? (spreadDays(n).every((d) => theirs.includes(d)) ? spreadDays(n) : spreadWithin(n, theirs)) : spreadDays(n));
    const placed = open !== ALL_DAYS && !chosen ? onOpenDays(aligned, n, open) : aligned;
    days.set(key, placed);
    count.set(key, n);
    load.add(group, placed, minutes);
  }
  return days;
}

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * A day-centre task goes on days its centre is open: its own days when they all are, else spread
 * over the open days; more times a week than the centre is open, and the rest stay on closed days
 * (to be reported as such, not silently dropped).
 */
function onOpenDays(own: readonly number[], n: number, open: readonly number[]): number[] {
  if (own.every((d) => open.includes(d))) return [...own];
  if (open.length >= n) return spreadWithin(n, open);
  return [...open, ...own.filter((d) => !open.includes(d)).slice(0, n - open.length)].sort((a, b) => a - b);
}
