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
  readonly booking?: { readonly resource: string; readonly capacity: number; readonly open: { readonly start: number; readonly end: number } };
}

/** A room or chair appointments are booked on. */
export interface ResourceDef {
  readonly id: string;
  readonly capacity: number;
  readonly open: { readonly start: number; readonly end: number };
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

/** Builds the lookups from the catalogue's task definitions and (for day-centre appointments) its services. */
export function taskRules(defs: Iterable<TaskRuleDef>, services: Iterable<BookableServiceDef> = []): TaskRules {
  const resources = new Map<string, ResourceDef>();
  for (const s of services) if (s.booking) resources.set(s.code, { id: s.booking.resource, capacity: s.booking.capacity, open: s.booking.open });
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
