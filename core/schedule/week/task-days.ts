/**
 * Which weekdays each plan task happens on in a week. A task spreads its days over the week
 * (`spreadDays`), except when it goes `together` with a task of the same client that happens at
 * least as often: then its days are chosen among that partner's days, so that every time it
 * happens the partner happens too and the two can be done in one visit (or synchronised visits).
 * The partner's other days it is alone. Equal frequencies: the task whose code comes later
 * follows; tasks that do not happen this week (every other week, as needed) lead nobody. A
 * day-centre task goes on the days its centre is open.
 */
import type { Frequency } from './frequency.js';
import { parseFrequency, spreadDays, spreadWithin } from './frequency.js';
import type { TaskRules } from './task-rules.js';
import { openWeekdays } from './task-rules.js';

/** The part of a plan task this needs. */
export interface TaskOnDays {
  readonly clientId: string;
  readonly taskCode: string;
  readonly frequency: string;
}

/** Whether a task of this frequency happens in ISO week `weekNumber` (on its own days, not alongside). */
export function happensInWeek(f: Frequency, weekNumber: number): boolean {
  return !f.eachVisit && f.daysPerWeek > 0 && !(f.everyNthWeek && weekNumber % f.everyNthWeek !== 0);
}

/** Key of a client's task in the returned map. */
export const taskKey = (clientId: string, taskCode: string): string => `${clientId}|${taskCode}`;

/** Weekdays (1 = Monday) of every task that happens this week, with `together` followers on their leader's days. */
export function taskDays(tasks: readonly TaskOnDays[], rules: TaskRules, weekNumber: number): Map<string, number[]> {
  const counted = tasks
    .map((t) => ({ t, n: parseFrequency(t.frequency).frequency }))
    .filter((x) => happensInWeek(x.n, weekNumber))
    .map((x) => ({ t: x.t, n: x.n.daysPerWeek }));
  // Leaders first: more days, then the earlier code (a follower never leads its own leader).
  counted.sort((a, b) => b.n - a.n || (a.t.taskCode < b.t.taskCode ? -1 : a.t.taskCode > b.t.taskCode ? 1 : 0));
  const days = new Map<string, number[]>();
  const count = new Map<string, number>();
  for (const { t, n } of counted) {
    const key = taskKey(t.clientId, t.taskCode);
    if (days.has(key)) continue;
    const own = spreadDays(n);
    const leader = rules.partners(t.taskCode).map((p) => taskKey(t.clientId, p)).find((k) => days.has(k) && (count.get(k) ?? 0) >= n);
    const theirs = leader ? days.get(leader)! : null;
    const aligned = !theirs || own.every((d) => theirs.includes(d)) ? own : spreadWithin(n, theirs);
    const room = rules.resourceOf([t.taskCode]);
    days.set(key, room ? onOpenDays(aligned, n, openWeekdays(room)) : aligned);
    count.set(key, n);
  }
  return days;
}

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
