/**
 * Needs → services → tasks. Translation rules (data/rules) fire on item answers, flags or the care
 * level; each proposed task and service carries `because`: the answers, the rule and the rule table
 * (id@version) that produced it. Health-care tasks become referrals, never carer tasks. Home care
 * passes the GP gate or is blocked with a reason. Pure and deterministic.
 */
import type { Catalogues } from '../catalogue/parse.js';
import { ruleTableRef } from '../catalogue/parse.js';
import type { Condition, Label, RuleTable, TaskDef, TranslationRule } from '../catalogue/schema.js';
import type { GpStatement } from '../doc/schema.js';
import type { AnswerRef, CareLevelResult, FlagHit, ItemScore, Scored } from '../assessment/score.js';
import { careLevelFor, indexInstrument } from '../assessment/score.js';
import { gpGate } from './gp-gate.js';
import type { GpGate } from './gp-gate.js';

export interface Because {
  readonly answers: readonly AnswerRef[];
  readonly rule: string;
  /** `id@version` of the municipality rule table. */
  readonly ruleTable: string;
  /** `id@version` of the translation rule set. */
  readonly ruleSet: string;
}

export interface ProposedTask {
  readonly code: string;
  readonly label: Label;
  readonly frequency: string;
  readonly perWeek: number;
  readonly timeOfDay: string;
  readonly durationMin: number;
  readonly qualification: string;
  readonly seasonal: TaskDef['seasonal'] | null;
  /** False for a seasonal task (e.g. stove heating) outside its months on `today`. */
  readonly inSeason: boolean;
  readonly plan: TranslationRule['plan'];
  readonly problem: Label;
  readonly goal: Label;
  readonly expectedResult: Label;
  /** The rule that set the frequency. */
  readonly because: Because;
  /** Other rules that asked for the same task. */
  readonly alsoBecause: readonly Because[];
}

export interface ProposedService {
  readonly code: string;
  readonly label: Label;
  readonly status: 'proposed' | 'blocked';
  readonly blockedCode: string | null;
  readonly blockedReason: Label | null;
  readonly hoursPerWeek: { readonly min: number; readonly max: number } | null;
  readonly because: Because;
  readonly alsoBecause: readonly Because[];
}

export interface Referral {
  readonly taskCode: string;
  readonly label: Label;
  readonly to: 'gp' | 'home_nursing';
  readonly problem: Label;
  readonly because: Because;
  readonly alsoBecause: readonly Because[];
}

export interface Proposal {
  readonly ruleTable: string;
  readonly ruleSet: string;
  readonly instruments: readonly string[];
  readonly careLevel: CareLevelResult | null;
  readonly flags: readonly FlagHit[];
  readonly tasks: readonly ProposedTask[];
  readonly services: readonly ProposedService[];
  readonly referrals: readonly Referral[];
  readonly gp: GpGate;
  /** Estimated carer minutes per week for the proposed tasks ('each visit' counted daily). */
  readonly weeklyMinutes: number;
  readonly issues: readonly string[];
}

export interface TranslateContext {
  readonly profile?: { readonly livesAlone: boolean } | null;
  readonly gpStatements: readonly GpStatement[];
  /** YYYY-MM-DD */
  readonly today: string;
}

interface Hit {
  readonly answers: AnswerRef[];
}

/** What conditions are evaluated against: scored instruments indexed by item, flags, care level. */
export interface EvalContext {
  readonly scored: ReadonlyMap<string, { readonly s: Scored; readonly items: ReadonlyMap<string, ItemScore>; readonly levels: ReturnType<typeof indexInstrument> | null }>;
  readonly flags: ReadonlyMap<string, FlagHit>;
  readonly level: CareLevelResult | null;
}

function evalCondition(c: Condition, rule: TranslationRule, ctx: EvalContext): Hit | null {
  if ('flag' in c) {
    const f = ctx.flags.get(c.flag);
    return f ? { answers: [...f.answers] } : null;
  }
  if ('minLevelRank' in c) return ctx.level && ctx.level.level.rank >= c.minLevelRank ? { answers: [...ctx.level.answers] } : null;
  const e = rule.instrument ? ctx.scored.get(rule.instrument) : undefined;
  if (!e || !e.levels) return null;
  const it = e.levels.get(c.item);
  const answer = e.items.get(c.item);
  if (!it || !answer) return null;
  const ref = { instrument: e.s.instrumentId, item: c.item, code: answer.code };
  if ('atLeast' in c) return answer.severity >= (it.levels.get(c.atLeast) ?? Infinity) ? { answers: [ref] } : null;
  return answer.severity < (it.levels.get(c.below) ?? -Infinity) ? { answers: [ref] } : null;
}

function dedupe(refs: readonly AnswerRef[]): AnswerRef[] {
  const seen = new Set<string>();
  const out: AnswerRef[] = [];
  for (const r of refs) {
    const k = `${r.instrument}\u0000${r.item}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(r);
    }
  }
  return out;
}

/** Whether a rule fires, and the answers that made it fire. */
export function ruleFires(rule: TranslationRule, ctx: EvalContext): AnswerRef[] | null {
  if (rule.instrument && !ctx.scored.has(rule.instrument)) return null;
  const answers: AnswerRef[] = [];
  if (rule.when.all) {
    for (const c of rule.when.all) {
      const h = evalCondition(c, rule, ctx);
      if (!h) return null;
      answers.push(...h.answers);
    }
  }
  if (rule.when.any) {
    let anyHit = false;
    for (const c of rule.when.any) {
      const h = evalCondition(c, rule, ctx);
      if (h) {
        anyHit = true;
        answers.push(...h.answers);
      }
    }
    if (!anyHit) return null;
  }
  return dedupe(answers);
}

/** Whether `today` falls in a seasonal window (months inclusive, may wrap the new year). */
export function inSeason(seasonal: TaskDef['seasonal'] | undefined, today: string): boolean {
  if (!seasonal) return true;
  const m = Number(today.slice(5, 7));
  return seasonal.fromMonth <= seasonal.toMonth ? m >= seasonal.fromMonth && m <= seasonal.toMonth : m >= seasonal.fromMonth || m <= seasonal.toMonth;
}

/** Translates scored assessments into a proposal under a municipality's rule table. */
export function translateNeeds(scored: Scored | readonly Scored[], catalogues: Catalogues, ruleTable: RuleTable, context: TranslateContext): Proposal {
  const list: readonly Scored[] = Array.isArray(scored) ? (scored as readonly Scored[]) : [scored as Scored];
  const issues: string[] = [];
  const byInstrument = new Map<string, Scored>();
  for (const s of list) {
    if (byInstrument.has(s.instrumentId)) issues.push(`more than one assessment with ${s.instrumentId}; the first is used`);
    else byInstrument.set(s.instrumentId, s);
    for (const i of s.issues) issues.push(`${s.instrumentId}: ${i.message}`);
    if (s.missing.length) issues.push(`${s.instrumentId}: not all items answered (${s.missing.join(', ')}); it sets no care level`);
  }
  const flags = new Map<string, FlagHit>();
  for (const s of byInstrument.values()) for (const f of s.flags) if (!flags.has(f.flag)) flags.set(f.flag, f);
  if (context.profile?.livesAlone && !flags.has('lives_alone')) flags.set('lives_alone', { flag: 'lives_alone', source: 'profile', answers: [] });

  const level = careLevelFor([...byInstrument.values()], ruleTable);
  const tableRef = ruleTableRef(ruleTable);
  const ruleSetDef = catalogues.translations.get(ruleTable.translation);
  if (!ruleSetDef) issues.push(`unknown translation rule set "${ruleTable.translation}"`);
  const ruleSet = ruleSetDef ? `${ruleSetDef.id}@${ruleSetDef.version}` : ruleTable.translation;
  const disabled = new Set(ruleTable.disabledRules);
  const ctx: EvalContext = {
    scored: new Map(
      [...byInstrument].map(([id, s]) => {
        const ins = catalogues.instrumentVersions.get(`${s.instrumentId}@${s.instrumentVersion}`);
        return [id, { s, items: new Map(s.items.map((x) => [x.item, x])), levels: ins ? indexInstrument(ins) : null }];
      }),
    ),
    flags,
    level,
  };

  const taskHits = new Map<string, Array<{ because: Because; frequency: string; perWeek: number; rule: TranslationRule }>>();
  const serviceHits = new Map<string, Because[]>();
  for (const rule of ruleSetDef?.rules ?? []) {
    if (disabled.has(rule.id)) continue;
    const answers = ruleFires(rule, ctx);
    if (!answers) continue;
    const because: Because = { answers, rule: rule.id, ruleTable: tableRef, ruleSet };
    for (const t of rule.tasks) {
      const def = catalogues.tasks.get(t.code);
      if (!def) continue;
      const frequency = t.frequency ?? def.frequency;
      const perWeek = catalogues.frequencies.get(frequency)?.perWeek ?? 0;
      const arr = taskHits.get(t.code) ?? [];
      arr.push({ because, frequency, perWeek, rule });
      taskHits.set(t.code, arr);
    }
    for (const code of rule.services) {
      const arr = serviceHits.get(code) ?? [];
      arr.push(because);
      serviceHits.set(code, arr);
    }
  }

  const tasks: ProposedTask[] = [];
  const referrals: Referral[] = [];
  let weeklyMinutes = 0;
  for (const def of catalogues.tasksFile.tasks) {
    const hits = taskHits.get(def.code);
    if (!hits) continue;
    let main = hits[0]!;
    for (const h of hits) if (h.perWeek > main.perWeek) main = h;
    const also = hits.filter((h) => h !== main).map((h) => h.because);
    if (def.healthCare) {
      referrals.push({ taskCode: def.code, label: def.label, to: def.referTo ?? 'gp', problem: main.rule.problem, because: main.because, alsoBecause: also });
      continue;
    }
    weeklyMinutes += main.perWeek * def.durationMin;
    tasks.push({
      code: def.code,
      label: def.label,
      frequency: main.frequency,
      perWeek: main.perWeek,
      timeOfDay: def.timeOfDay,
      durationMin: def.durationMin,
      qualification: def.qualification,
      seasonal: def.seasonal ?? null,
      inSeason: inSeason(def.seasonal, context.today),
      plan: main.rule.plan,
      problem: main.rule.problem,
      goal: main.rule.goal,
      expectedResult: main.rule.expectedResult,
      because: main.because,
      alsoBecause: also,
    });
  }

  const gp = gpGate(context.gpStatements, context.today);
  const services: ProposedService[] = [];
  for (const def of catalogues.services.values()) {
    const hits = serviceHits.get(def.code);
    if (!hits) continue;
    let status: ProposedService['status'] = 'proposed';
    let blockedCode: string | null = null;
    let blockedReason: Label | null = null;
    if (def.eligibility.requiresCareLevel && !level) {
      status = 'blocked';
      blockedCode = 'no_care_level';
      blockedReason = { lv: 'Aprūpes līmenis nav noteikts', en: 'No care level was reached' };
    } else if (def.eligibility.requiresGpStatement && !gp.ok) {
      status = 'blocked';
      blockedCode = gp.code;
      blockedReason = gp.reason;
    }
    services.push({
      code: def.code,
      label: def.label,
      status,
      blockedCode,
      blockedReason,
      hoursPerWeek: def.eligibility.requiresCareLevel && level ? level.level.hoursPerWeek : null,
      because: hits[0]!,
      alsoBecause: hits.slice(1),
    });
  }
  return {
    ruleTable: tableRef,
    ruleSet,
    instruments: [...byInstrument.keys()],
    careLevel: level,
    flags: [...flags.values()],
    tasks,
    services,
    referrals,
    gp,
    weeklyMinutes: Math.round(weeklyMinutes),
    issues,
  };
}
