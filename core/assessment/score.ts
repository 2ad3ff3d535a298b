/**
 * Scoring an assessment: answers → item scores, section sub-scores, total, risk band, flags and
 * self-care deficits; and the care level from a municipality's rule table. Unknown items or answer
 * codes come back as issues naming the item and the code; nothing here throws.
 */
import type { Band, CareLevel, Instrument, Item, RuleTable } from '../catalogue/schema.js';
import { ruleTableRef } from '../catalogue/parse.js';

/** One answer, as cited by a reason: which instrument, which item, which answer code. */
export interface AnswerRef {
  readonly instrument: string;
  readonly item: string;
  readonly code: string;
}

export interface ItemScore {
  readonly item: string;
  readonly section: string;
  readonly code: string;
  readonly score: number;
  /** 0 = the least need; counts up along the instrument's ordered levels. */
  readonly severity: number;
  /** The answer scores worse than the item's best level: a self-care deficit. */
  readonly deficit: boolean;
}

export interface SectionScore {
  readonly section: string;
  readonly score: number;
  readonly min: number;
  readonly max: number;
  readonly answered: number;
  readonly items: number;
}

export interface FlagHit {
  readonly flag: string;
  readonly source: 'item' | 'band' | 'profile';
  /** The answers that raised the flag (empty for a profile flag). */
  readonly answers: readonly AnswerRef[];
}

export interface ScoreIssue {
  readonly item: string;
  readonly code: string | null;
  readonly message: string;
}

export interface Scored {
  readonly instrumentId: string;
  readonly instrumentVersion: string;
  readonly direction: 'need' | 'ability';
  /** Valid answers only, in instrument order. */
  readonly answers: readonly AnswerRef[];
  readonly items: readonly ItemScore[];
  readonly sections: readonly SectionScore[];
  readonly total: number;
  readonly min: number;
  readonly max: number;
  readonly band: { readonly id: string; readonly label: Band['label'] } | null;
  readonly flags: readonly FlagHit[];
  readonly deficits: readonly AnswerRef[];
  /** Items without an answer. */
  readonly missing: readonly string[];
  readonly issues: readonly ScoreIssue[];
  /** Every item answered and no issues. */
  readonly complete: boolean;
}

interface IndexedItem {
  readonly item: Item;
  readonly levels: ReadonlyMap<string, number>;
  readonly best: number;
  readonly min: number;
  readonly max: number;
}

const indexCache = new WeakMap<Instrument, ReadonlyMap<string, IndexedItem>>();

/** Item lookup for an instrument (cached per instrument object). */
export function indexInstrument(ins: Instrument): ReadonlyMap<string, IndexedItem> {
  let idx = indexCache.get(ins);
  if (!idx) {
    const m = new Map<string, IndexedItem>();
    for (const item of ins.items) {
      const scores = item.levels.map((l) => l.score);
      m.set(item.id, {
        item,
        levels: new Map(item.levels.map((l, i) => [l.code, i])),
        best: item.levels[0]!.score,
        min: Math.min(...scores),
        max: Math.max(...scores),
      });
    }
    idx = m;
    indexCache.set(ins, idx);
  }
  return idx;
}

/** Severity of an answer code for an item, or -1 when unknown. */
export function severityOf(ins: Instrument, item: string, code: string): number {
  return indexInstrument(ins).get(item)?.levels.get(code) ?? -1;
}

/** The bands that apply: the rule table's override for this instrument, else the instrument's own. */
export function bandsFor(ins: Instrument, ruleTable?: RuleTable | null): readonly Band[] {
  return ruleTable?.bands.find((b) => b.instrument === ins.id)?.bands ?? ins.bands;
}

interface Compiled {
  readonly items: ReadonlyArray<{ readonly id: string; readonly section: string; readonly sectionIdx: number; readonly levels: ReadonlyMap<string, number>; readonly scores: readonly number[]; readonly best: number }>;
  readonly sectionMin: readonly number[];
  readonly sectionMax: readonly number[];
  readonly min: number;
  readonly max: number;
  readonly flags: ReadonlyArray<{ readonly flag: string; readonly any: ReadonlyArray<readonly [number, number]> | null; readonly all: ReadonlyArray<readonly [number, number]> | null }>;
}

const compiledCache = new WeakMap<Instrument, Compiled>();

function compile(ins: Instrument): Compiled {
  let c = compiledCache.get(ins);
  if (c) return c;
  const idx = indexInstrument(ins);
  const sectionPos = new Map(ins.sections.map((s, i) => [s.id, i]));
  const sectionMin = ins.sections.map(() => 0);
  const sectionMax = ins.sections.map(() => 0);
  const itemPos = new Map(ins.items.map((it, i) => [it.id, i]));
  const items = ins.items.map((item) => {
    const it = idx.get(item.id)!;
    const sectionIdx = sectionPos.get(item.section) ?? 0;
    sectionMin[sectionIdx]! += it.min;
    sectionMax[sectionIdx]! += it.max;
    return { id: item.id, section: item.section, sectionIdx, levels: it.levels, scores: item.levels.map((l) => l.score), best: it.best };
  });
  const conds = (list: ReadonlyArray<{ item: string; atLeast: string }> | undefined): Array<readonly [number, number]> | null =>
    list ? list.map((x) => [itemPos.get(x.item) ?? -1, idx.get(x.item)?.levels.get(x.atLeast) ?? Infinity] as const) : null;
  c = {
    items,
    sectionMin,
    sectionMax,
    min: sectionMin.reduce((a, b) => a + b, 0),
    max: sectionMax.reduce((a, b) => a + b, 0),
    flags: ins.flags.map((f) => ({ flag: f.flag, any: conds(f.any), all: conds(f.all) })),
  };
  compiledCache.set(ins, c);
  return c;
}

/** Scores answers (item id → answer code) with an instrument; the rule table may override bands. */
export function scoreAssessment(ins: Instrument, answers: Readonly<Record<string, string>>, ruleTable?: RuleTable | null): Scored {
  const c = compile(ins);
  const issues: ScoreIssue[] = [];
  const items: ItemScore[] = [];
  const refs: AnswerRef[] = [];
  const deficits: AnswerRef[] = [];
  const missing: string[] = [];
  const sectionScore = c.sectionMin.map(() => 0);
  const sectionAnswered = c.sectionMin.map(() => 0);
  const sectionItems = c.sectionMin.map(() => 0);
  const sev: number[] = new Array<number>(c.items.length).fill(-1);
  const pos: number[] = new Array<number>(c.items.length).fill(-1);
  let total = 0;
  let known = 0;
  for (let i = 0; i < c.items.length; i++) {
    const it = c.items[i]!;
    sectionItems[it.sectionIdx]!++;
    const code = answers[it.id];
    if (code === undefined) {
      missing.push(it.id);
      continue;
    }
    known++;
    const severity = it.levels.get(code);
    if (severity === undefined) {
      issues.push({ item: it.id, code, message: `unknown answer "${code}" for item "${it.id}" (expected one of ${[...it.levels.keys()].join(', ')})` });
      continue;
    }
    const score = it.scores[severity]!;
    const deficit = score !== it.best;
    const ref: AnswerRef = { instrument: ins.id, item: it.id, code };
    pos[i] = items.length;
    sev[i] = severity;
    items.push({ item: it.id, section: it.section, code, score, severity, deficit });
    refs.push(ref);
    if (deficit) deficits.push(ref);
    sectionScore[it.sectionIdx]! += score;
    sectionAnswered[it.sectionIdx]!++;
    total += score;
  }
  if (known !== Object.keys(answers).length) {
    const idx = indexInstrument(ins);
    for (const item of Object.keys(answers)) {
      if (!idx.has(item)) issues.push({ item, code: answers[item] ?? null, message: `unknown item "${item}" in ${ins.id}@${ins.version}` });
    }
  }
  const flags: FlagHit[] = [];
  const seen = new Set<string>();
  const hits = (list: ReadonlyArray<readonly [number, number]>): AnswerRef[] => {
    const out: AnswerRef[] = [];
    for (const [i, threshold] of list) if (i >= 0 && sev[i]! >= threshold) out.push(refs[pos[i]!]!);
    return out;
  };
  for (const f of c.flags) {
    if (seen.has(f.flag)) continue;
    const any = f.any ? hits(f.any) : null;
    if (any && any.length === 0) continue;
    const all = f.all ? hits(f.all) : null;
    if (all && all.length !== f.all!.length) continue;
    seen.add(f.flag);
    flags.push({ flag: f.flag, source: 'item', answers: any && all ? [...any, ...all] : (any ?? all ?? []) });
  }
  let band: Scored['band'] = null;
  if (missing.length === 0 && issues.length === 0) {
    const b = bandsFor(ins, ruleTable).find((x) => total >= x.min && total <= x.max);
    if (b) {
      band = { id: b.id, label: b.label };
      for (const flag of b.flags) {
        if (seen.has(flag)) continue;
        seen.add(flag);
        flags.push({ flag, source: 'band', answers: deficits });
      }
    }
  }
  return {
    instrumentId: ins.id,
    instrumentVersion: ins.version,
    direction: ins.direction,
    answers: refs,
    items,
    sections: ins.sections.map((s, i) => ({ section: s.id, score: sectionScore[i]!, min: c.sectionMin[i]!, max: c.sectionMax[i]!, answered: sectionAnswered[i]!, items: sectionItems[i]! })),
    total,
    min: c.min,
    max: c.max,
    band,
    flags,
    deficits,
    missing,
    issues,
    complete: missing.length === 0 && issues.length === 0,
  };
}

export interface CareLevelResult {
  readonly level: CareLevel;
  /** `id@version` of the rule table. */
  readonly ruleTable: string;
  readonly instrument: string;
  readonly total: number;
  readonly range: { readonly min: number; readonly max: number };
  /** The deficits that made up the score. */
  readonly answers: readonly AnswerRef[];
}

/**
 * The care level under a municipality's rule table: each complete scored instrument that the table
 * uses gives a level; the highest wins. Null when no instrument reaches a level (or none is covered).
 * Incomplete assessments give no level: a missing Barthel item would otherwise read as dependence.
 */
export function careLevelFor(scored: readonly Scored[], ruleTable: RuleTable): CareLevelResult | null {
  let best: CareLevelResult | null = null;
  for (const s of scored) {
    if (!s.complete) continue;
    const basis = ruleTable.basis.find((b) => b.instrument === s.instrumentId);
    if (!basis) continue;
    const range = basis.ranges.find((r) => s.total >= r.min && s.total <= r.max);
    if (!range) continue;
    const level = ruleTable.levels.find((l) => l.code === range.level);
    if (!level) continue;
    if (!best || level.rank > best.level.rank) {
      best = { level, ruleTable: ruleTableRef(ruleTable), instrument: s.instrumentId, total: s.total, range: { min: range.min, max: range.max }, answers: s.deficits };
    }
  }
  return best;
}

/** Adds whole months to an ISO date, clamping to the month's last day (2025-01-31 + 1 → 2025-02-28). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Adds days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const t = Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (ISO dates). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string): number => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** When the next assessment is due under a rule table for a level (null = the table's no-level interval). */
export function reassessDue(decidedOn: string, ruleTable: RuleTable, levelCode: string | null): string {
  const level = levelCode === null ? undefined : ruleTable.levels.find((l) => l.code === levelCode);
  return addMonths(decidedOn, level?.reassessMonths ?? ruleTable.noLevelReassessMonths);
}
