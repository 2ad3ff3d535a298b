/**
 * Parsing and cross-checking the data files. `parseCatalogue` checks one file against its schema and
 * its own internal references; `assembleCatalogues` checks references between files. Both return
 * every problem found with the file and path; nothing is half-loaded.
 */
import { parseWith } from '../validate/issues.js';
import type {
  CatalogueFile,
  CentreDef,
  Condition,
  Instrument,
  ObservationsFile,
  RuleTable,
  ServiceDef,
  TaskDef,
  TasksFile,
  Translation,
} from './schema.js';
import { CatalogueFileSchema } from './schema.js';

export interface FileIssue {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export type FileParsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly FileIssue[] };

/** All data files, validated and cross-checked, indexed for lookup. */
export interface Catalogues {
  /** Latest loaded version of each instrument, by id. */
  readonly instruments: ReadonlyMap<string, Instrument>;
  /** Every instrument version, by `id@version`. */
  readonly instrumentVersions: ReadonlyMap<string, Instrument>;
  readonly ruleTables: ReadonlyMap<string, RuleTable>;
  readonly translations: ReadonlyMap<string, Translation>;
  readonly tasks: ReadonlyMap<string, TaskDef>;
  readonly frequencies: ReadonlyMap<string, TasksFile['frequencies'][number]>;
  readonly tasksFile: TasksFile;
  readonly services: ReadonlyMap<string, ServiceDef>;
  /** Day centres (opening days and hours, the client's transport), by code. */
  readonly centres: ReadonlyMap<string, CentreDef>;
  readonly observations: ObservationsFile;
  readonly files: readonly string[];
}

function dupes(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out = new Set<string>();
  for (const v of values) (seen.has(v) ? out : seen).add(v);
  return [...out];
}

function checkInstrument(ins: Instrument, push: (path: string, message: string) => void): void {
  const sections = new Set(ins.sections.map((s) => s.id));
  for (const d of dupes(ins.sections.map((s) => s.id))) push('sections', `duplicate section "${d}"`);
  for (const d of dupes(ins.items.map((i) => i.id))) push('items', `duplicate item "${d}"`);
  ins.items.forEach((item, i) => {
    if (!sections.has(item.section)) push(`items[${i}].section`, `unknown section "${item.section}"`);
    for (const d of dupes(item.levels.map((l) => l.code))) push(`items[${i}].levels`, `duplicate level "${d}" in item "${item.id}"`);
  });
  const items = new Map(ins.items.map((i) => [i.id, i]));
  ins.flags.forEach((f, i) => {
    if (!f.any && !f.all) push(`flags[${i}]`, 'needs `any` or `all`');
    for (const [k, list] of [['any', f.any], ['all', f.all]] as const) {
      (list ?? []).forEach((c, j) => {
        const item = items.get(c.item);
        if (!item) push(`flags[${i}].${k}[${j}].item`, `unknown item "${c.item}"`);
        else if (!item.levels.some((l) => l.code === c.atLeast)) push(`flags[${i}].${k}[${j}].atLeast`, `item "${c.item}" has no level "${c.atLeast}"`);
      });
    }
  });
  ins.bands.forEach((b, i) => {
    if (b.min > b.max) push(`bands[${i}]`, `band "${b.id}" has min > max`);
  });
}

function checkRuleTable(t: RuleTable, push: (path: string, message: string) => void): void {
  for (const d of dupes(t.levels.map((l) => l.code))) push('levels', `duplicate level "${d}"`);
  for (const d of dupes(t.levels.map((l) => String(l.rank)))) push('levels', `duplicate rank ${d}`);
  const levels = new Set(t.levels.map((l) => l.code));
  t.levels.forEach((l, i) => {
    if (l.hoursPerWeek.min > l.hoursPerWeek.max) push(`levels[${i}].hoursPerWeek`, 'min > max');
  });
  t.basis.forEach((b, i) =>
    b.ranges.forEach((r, j) => {
      if (!levels.has(r.level)) push(`basis[${i}].ranges[${j}].level`, `unknown level "${r.level}"`);
      if (r.min > r.max) push(`basis[${i}].ranges[${j}]`, 'min > max');
    }),
  );
}

function conditions(when: { any?: Condition[] | undefined; all?: Condition[] | undefined }): Array<[string, number, Condition]> {
  const out: Array<[string, number, Condition]> = [];
  (when.any ?? []).forEach((c, j) => out.push(['any', j, c]));
  (when.all ?? []).forEach((c, j) => out.push(['all', j, c]));
  return out;
}

function checkTranslation(t: Translation, push: (path: string, message: string) => void): void {
  for (const d of dupes(t.rules.map((r) => r.id))) push('rules', `duplicate rule "${d}"`);
  t.rules.forEach((r, i) => {
    for (const [k, j, c] of conditions(r.when)) {
      if (('atLeast' in c || 'below' in c) && !r.instrument) push(`rules[${i}].when.${k}[${j}]`, `rule "${r.id}" names an item but no instrument`);
      if ('below' in c && k === 'any') push(`rules[${i}].when.any[${j}]`, '`below` may only be used in `all`');
      if ('below' in c && r.tasks.length > 0) push(`rules[${i}].tasks`, `rule "${r.id}" uses \`below\` and so may propose services only (a worse answer must never remove a task)`);
    }
  });
}

function checkTasks(t: TasksFile, push: (path: string, message: string) => void): void {
  const freq = new Set(t.frequencies.map((f) => f.code));
  const tod = new Set(t.timesOfDay.map((f) => f.code));
  const qual = new Set(t.qualifications.map((f) => f.code));
  for (const d of dupes(t.tasks.map((x) => x.code))) push('tasks', `duplicate task "${d}"`);
  t.tasks.forEach((x, i) => {
    if (!freq.has(x.frequency)) push(`tasks[${i}].frequency`, `unknown frequency "${x.frequency}"`);
    if (!tod.has(x.timeOfDay)) push(`tasks[${i}].timeOfDay`, `unknown time of day "${x.timeOfDay}"`);
    if (!qual.has(x.qualification)) push(`tasks[${i}].qualification`, `unknown qualification "${x.qualification}"`);
    if (x.healthCare && !x.referTo) push(`tasks[${i}].referTo`, `health-care task "${x.code}" needs referTo (gp or home_nursing)`);
    for (const rule of ['apart', 'together'] as const) {
      for (const other of x[rule]) {
        if (other === x.code) push(`tasks[${i}].${rule}`, `task "${x.code}" cannot be ${rule} from itself`);
        else if (!t.tasks.some((y) => y.code === other)) push(`tasks[${i}].${rule}`, `unknown task "${other}"`);
      }
    }
    const both = x.apart.filter((c) => x.together.includes(c));
    if (both.length > 0) push(`tasks[${i}].together`, `task "${x.code}" cannot be both apart from and together with "${both.join('", "')}"`);
  });
}

/** Day centres: unique codes, hours that close after they open, no weekday given twice. */
function checkCentres(centres: readonly CentreDef[], push: (path: string, message: string) => void): void {
  for (const d of dupes(centres.map((c) => c.code))) push('centres', `duplicate centre "${d}"`);
  centres.forEach((c, i) => {
    const seen = new Set<number>();
    c.hours.forEach((h, j) => {
      if (h.end <= h.start) push(`centres[${i}].hours[${j}]`, `centre "${c.code}" closes (${h.end}) before it opens (${h.start})`);
      for (const d of h.days) {
        if (seen.has(d)) push(`centres[${i}].hours[${j}].days`, `centre "${c.code}" gives weekday ${d} twice`);
        seen.add(d);
      }
    });
  });
}

/** Validates one data file (already parsed from JSON) against its schema and its own references. */
export function parseCatalogue(json: unknown, fileName: string): FileParsed<CatalogueFile> {
  const parsed = parseWith(CatalogueFileSchema, json);
  if (!parsed.ok) return { ok: false, issues: parsed.issues.map((i) => ({ file: fileName, ...i })) };
  const issues: FileIssue[] = [];
  const push = (path: string, message: string): void => {
    issues.push({ file: fileName, path, message });
  };
  const v = parsed.value;
  if (v.kind === 'instrument') checkInstrument(v, push);
  else if (v.kind === 'rule-table') checkRuleTable(v, push);
  else if (v.kind === 'translation') checkTranslation(v, push);
  else if (v.kind === 'tasks') checkTasks(v, push);
  else if (v.kind === 'services') {
    for (const d of dupes(v.services.map((s) => s.code))) push('services', `duplicate service "${d}"`);
    v.services.forEach((s, i) => {
      if (s.booking && s.setting !== 'day_centre') push(`services[${i}].booking`, `only a day-centre service is booked on a room or chair, not "${s.code}" (${s.setting})`);
      if (s.booking && s.booking.open.end <= s.booking.open.start) push(`services[${i}].booking.open`, `"${s.code}" closes (${s.booking.open.end}) before it opens (${s.booking.open.start})`);
      const centre = s.booking ? v.centres.find((c) => c.code === s.booking?.centre) : undefined;
      if (s.booking && !centre) push(`services[${i}].booking.centre`, `"${s.code}" is booked at unknown centre "${s.booking.centre}"`);
      // A room whose hours never meet its centre's could never be booked.
      if (s.booking && centre && !centre.hours.some((h) => Math.min(h.end, s.booking!.open.end) > Math.max(h.start, s.booking!.open.start))) push(`services[${i}].booking.open`, `"${s.code}" is open only while centre "${centre.code}" is closed`);
    });
    checkCentres(v.centres, push);
  }
  else for (const d of dupes(v.items.map((s) => s.code))) push('items', `duplicate observation "${d}"`);
  return issues.length ? { ok: false, issues } : { ok: true, value: v };
}

function severityOf(ins: Instrument, item: string, level: string): number {
  return ins.items.find((i) => i.id === item)?.levels.findIndex((l) => l.code === level) ?? -1;
}

/** Parses every file and checks references between them; returns all issues or the whole set. */
export function assembleCatalogues(files: ReadonlyArray<{ readonly file: string; readonly json: unknown }>): FileParsed<Catalogues> {
  const issues: FileIssue[] = [];
  const parsed: Array<{ file: string; value: CatalogueFile }> = [];
  for (const f of files) {
    const r = parseCatalogue(f.json, f.file);
    if (r.ok) parsed.push({ file: f.file, value: r.value });
    else issues.push(...r.issues);
  }
  const instruments = new Map<string, Instrument>();
  const instrumentVersions = new Map<string, Instrument>();
  const ruleTables = new Map<string, RuleTable>();
  const translations = new Map<string, Translation>();
  const fileOf = new Map<object, string>();
  let tasksFile: TasksFile | null = null;
  let services: ServiceDef[] | null = null;
  let centres: CentreDef[] = [];
  let observations: ObservationsFile | null = null;
  const twice = (file: string, what: string): void => {
    issues.push({ file, path: 'id', message: `${what} is defined in more than one file` });
  };
  for (const { file, value: v } of parsed) {
    fileOf.set(v, file);
    if (v.kind === 'instrument') {
      const key = `${v.id}@${v.version}`;
      if (instrumentVersions.has(key)) twice(file, `instrument ${key}`);
      instrumentVersions.set(key, v);
      const prev = instruments.get(v.id);
      if (!prev || prev.version.localeCompare(v.version, 'en', { numeric: true }) < 0) instruments.set(v.id, v);
    } else if (v.kind === 'rule-table') {
      if (ruleTables.has(v.id)) twice(file, `rule table ${v.id}`);
      ruleTables.set(v.id, v);
    } else if (v.kind === 'translation') {
      if (translations.has(v.id)) twice(file, `translation ${v.id}`);
      translations.set(v.id, v);
    } else if (v.kind === 'tasks') {
      if (tasksFile) twice(file, 'the task catalogue');
      tasksFile = v;
    } else if (v.kind === 'services') {
      if (services) twice(file, 'the service catalogue');
      services = v.services;
      centres = v.centres;
    } else {
      if (observations) twice(file, 'the observation catalogue');
      observations = v;
    }
  }
  if (!tasksFile) issues.push({ file: '(data)', path: '', message: 'no task catalogue (kind "tasks") found' });
  if (!services) issues.push({ file: '(data)', path: '', message: 'no service catalogue (kind "services") found' });
  if (!observations) issues.push({ file: '(data)', path: '', message: 'no observation catalogue (kind "observations") found' });
  const taskMap = new Map((tasksFile?.tasks ?? []).map((t) => [t.code, t]));
  const freqMap = new Map((tasksFile?.frequencies ?? []).map((f) => [f.code, f]));
  const serviceMap = new Map((services ?? []).map((s) => [s.code, s]));

  for (const t of translations.values()) {
    const file = fileOf.get(t) ?? '';
    t.rules.forEach((r, i) => {
      const ins = r.instrument ? instruments.get(r.instrument) : undefined;
      if (r.instrument && !ins) issues.push({ file, path: `rules[${i}].instrument`, message: `unknown instrument "${r.instrument}"` });
      for (const [k, j, c] of conditions(r.when)) {
        if (!ins) continue;
        if ('atLeast' in c || 'below' in c) {
          const lvl = 'atLeast' in c ? c.atLeast : c.below;
          if (!ins.items.some((it) => it.id === c.item)) issues.push({ file, path: `rules[${i}].when.${k}[${j}].item`, message: `instrument "${ins.id}" has no item "${c.item}"` });
          else if (severityOf(ins, c.item, lvl) < 0) issues.push({ file, path: `rules[${i}].when.${k}[${j}]`, message: `item "${c.item}" of "${ins.id}" has no level "${lvl}"` });
        }
      }
      r.tasks.forEach((tr, j) => {
        if (tasksFile && !taskMap.has(tr.code)) issues.push({ file, path: `rules[${i}].tasks[${j}].code`, message: `unknown task "${tr.code}"` });
        if (tasksFile && tr.frequency && !freqMap.has(tr.frequency)) issues.push({ file, path: `rules[${i}].tasks[${j}].frequency`, message: `unknown frequency "${tr.frequency}"` });
      });
      r.services.forEach((s, j) => {
        if (services && !serviceMap.has(s)) issues.push({ file, path: `rules[${i}].services[${j}]`, message: `unknown service "${s}"` });
      });
    });
  }
  for (const t of ruleTables.values()) {
    const file = fileOf.get(t) ?? '';
    const tr = translations.get(t.translation);
    if (!tr) issues.push({ file, path: 'translation', message: `unknown translation rule set "${t.translation}"` });
    t.disabledRules.forEach((id, i) => {
      if (tr && !tr.rules.some((r) => r.id === id)) issues.push({ file, path: `disabledRules[${i}]`, message: `unknown rule "${id}"` });
    });
    const rank = new Map(t.levels.map((l) => [l.code, l.rank]));
    t.basis.forEach((b, i) => {
      const ins = instruments.get(b.instrument);
      if (!ins) {
        issues.push({ file, path: `basis[${i}].instrument`, message: `unknown instrument "${b.instrument}"` });
        return;
      }
      // More need must never give a lower level: order ranges by rank and check they move the right way.
      const sorted = [...b.ranges].sort((x, y) => (rank.get(x.level) ?? 0) - (rank.get(y.level) ?? 0));
      for (let k = 1; k < sorted.length; k++) {
        const a = sorted[k - 1]!;
        const c = sorted[k]!;
        const ok = ins.direction === 'need' ? c.min > a.max : c.max < a.min;
        if (!ok) issues.push({ file, path: `basis[${i}].ranges`, message: `ranges of level ${a.level} and ${c.level} overlap or run the wrong way for a "${ins.direction}" instrument` });
      }
    });
    t.bands.forEach((b, i) => {
      if (!instruments.has(b.instrument)) issues.push({ file, path: `bands[${i}].instrument`, message: `unknown instrument "${b.instrument}"` });
    });
  }
  if (issues.length || !tasksFile || !services || !observations) return { ok: false, issues };
  return {
    ok: true,
    value: {
      instruments,
      instrumentVersions,
      ruleTables,
      translations,
      tasks: taskMap,
      frequencies: freqMap,
      tasksFile,
      services: serviceMap,
      centres: new Map(centres.map((c) => [c.code, c])),
      observations,
      files: files.map((f) => f.file),
    },
  };
}

/** `id@version`, the way decisions cite a rule table. */
export function ruleTableRef(t: RuleTable): string {
  return `${t.id}@${t.version}`;
}
