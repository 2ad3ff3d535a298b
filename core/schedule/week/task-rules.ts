/**
 * The catalogue's scheduling rules between tasks, as the week builder needs them: how many people
 * a task needs at once, and which tasks of one client must not overlap (`apart`) or are done at the
 * same time (`together`). Rules are symmetric whichever task states them.
 */

/** What the catalogue says about one task for scheduling (fields of a task definition). */
export interface TaskRuleDef {
  readonly code: string;
  readonly staffCount?: number;
  readonly apart?: readonly string[];
  readonly together?: readonly string[];
}

/** A day-centre service of the catalogue booked on a room or chair (`services[].booking`). */
export interface BookableServiceDef {
  readonly code: string;
  readonly booking?: { readonly resource: string; readonly centre?: string; readonly capacity: number; readonly open: { readonly start: number; readonly end: number } };
}

/** A day centre of the catalogue (`centres[]`): opening hours by weekday, the client's transport each way. */
export interface CentreRuleDef {
  readonly code: string;
  readonly transferMin: number;
  readonly hours: readonly { readonly days: readonly number[]; readonly start: number; readonly end: number }[];
}

/** A room or chair appointments are booked on, and the centre it is in (none: open every day, no transport). */
export interface ResourceDef {
  readonly id: string;
  readonly capacity: number;
  readonly open: { readonly start: number; readonly end: number };
  readonly centre?: CentreRuleDef;
}

/** The room's hours on ISO weekday `weekday` (1 = Monday), cut to its centre's; null on a closed day. */
export function hoursOn(room: ResourceDef, weekday: number): { start: number; end: number } | null {
  if (!room.centre) return room.open;
  const day = room.centre.hours.find((h) => h.days.includes(weekday));
  if (!day) return null;
  const start = Math.max(day.start, room.open.start);
  const end = Math.min(day.end, room.open.end);
  return end > start ? { start, end } : null;
}

/** Weekdays (1 = Monday) the room is open on, in order. */
export function openWeekdays(room: ResourceDef): number[] {
  return [1, 2, 3, 4, 5, 6, 7].filter((d) => hoursOn(room, d) !== null);
}

/** How two visits of one client relate. */
export type VisitLink = 'apart' | 'together';

/** Lookups over the task rules. */
export interface TaskRules {
  /** People a visit made of these tasks needs at once (the most any of them needs). */
  staffCount(taskCodes: readonly string[]): number;
  /** How a visit of tasks `a` relates to a visit of tasks `b` of the same client; together wins over apart. */
  link(a: readonly string[], b: readonly string[]): VisitLink | null;
  /** The tasks `code` goes together with. */
  partners(code: string): readonly string[];
  /** The room or chair a day-centre task (a bookable service code) is booked on; none for a home visit. */
  resourceOf(taskCodes: readonly string[]): ResourceDef | undefined;
}

/** Builds the lookups from the catalogue's task definitions and (for day-centre appointments) its services and centres. */
export function taskRules(defs: Iterable<TaskRuleDef>, services: Iterable<BookableServiceDef> = [], centres: Iterable<CentreRuleDef> = []): TaskRules {
  const centreOf = new Map([...centres].map((c) => [c.code, c]));
  const resources = new Map<string, ResourceDef>();
  for (const s of services) {
    if (!s.booking) continue;
    const centre = s.booking.centre !== undefined ? centreOf.get(s.booking.centre) : undefined;
    resources.set(s.code, { id: s.booking.resource, capacity: s.booking.capacity, open: s.booking.open, ...(centre ? { centre } : {}) });
  }
  const staff = new Map<string, number>();
  const pairs = new Map<string, VisitLink>();
  const partners = new Map<string, string[]>();
  const key = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);
  for (const d of defs) {
    if ((d.staffCount ?? 1) > 1) staff.set(d.code, d.staffCount ?? 1);
    for (const o of d.apart ?? []) if (!pairs.has(key(d.code, o))) pairs.set(key(d.code, o), 'apart');
    for (const o of d.together ?? []) {
      pairs.set(key(d.code, o), 'together');
      partners.set(d.code, [...(partners.get(d.code) ?? []), o]);
      partners.set(o, [...(partners.get(o) ?? []), d.code]);
    }
  }
  return {
    staffCount: (codes) => Math.max(1, ...codes.map((c) => staff.get(c) ?? 1)),
    link(a, b) {
      let found: VisitLink | null = null;
      for (const x of a) {
        for (const y of b) {
          const l = pairs.get(key(x, y));
          if (l === 'together') return l;
          if (l) found = l;
        }
      }
      return found;
    },
    partners: (code) => partners.get(code) ?? [],
    resourceOf(codes) {
      for (const c of codes) {
        const r = resources.get(c);
        if (r) return r;
      }
      return undefined;
    },
  };
}

/** No rules: every visit needs one person and visits are independent. */
export const NO_TASK_RULES: TaskRules = taskRules([]);
