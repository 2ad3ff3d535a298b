/**
 * Human-readable explanations: an answer as "item label = level label", a reason as
 * "rule (table): answers", a whole proposal as lines for the TUI, the CLI or the e-file.
 */
import type { Catalogues } from '../catalogue/parse.js';
import type { AnswerRef } from '../assessment/score.js';
import type { Because, Proposal } from './translate.js';

export type Lang = 'lv' | 'en';

/** "Bathing or showering = Fully dependent on help" (falls back to codes when unknown). */
export function describeAnswer(c: Catalogues, a: AnswerRef, lang: Lang): string {
  const item = c.instruments.get(a.instrument)?.items.find((i) => i.id === a.item);
  const level = item?.levels.find((l) => l.code === a.code);
  return `${item ? item.label[lang] : a.item} = ${level ? level.label[lang] : a.code}`;
}

/** "card-bathing (riga@2025-1, needs-translation@1): Bathing or showering = Fully dependent on help". */
export function explainBecause(c: Catalogues, b: Because, lang: Lang): string {
  return `${b.rule} (${b.ruleTable}, ${b.ruleSet}): ${b.answers.map((a) => describeAnswer(c, a, lang)).join('; ')}`;
}

/** One line per level, flag, task, referral and service, each with its reason. */
export function explainProposal(c: Catalogues, p: Proposal, lang: Lang): string[] {
  const lines: string[] = [];
  const freq = (code: string): string => c.frequencies.get(code)?.label[lang] ?? code;
  lines.push(
    p.careLevel
      ? `${p.careLevel.level.label[lang]} (${p.careLevel.level.hoursPerWeek.min}–${p.careLevel.level.hoursPerWeek.max} h/${lang === 'lv' ? 'ned.' : 'week'}): ${p.careLevel.instrument} ${p.careLevel.total} ∈ [${p.careLevel.range.min}, ${p.careLevel.range.max}] — ${p.careLevel.ruleTable}`
      : lang === 'lv' ? `Aprūpes līmenis nav noteikts — ${p.ruleTable}` : `No care level — ${p.ruleTable}`,
  );
  for (const f of p.flags) lines.push(`! ${f.flag}${f.answers.length ? `: ${f.answers.map((a) => describeAnswer(c, a, lang)).join('; ')}` : ` (${f.source})`}`);
  for (const t of p.tasks) lines.push(`- ${t.label[lang]} — ${freq(t.frequency)}, ${t.durationMin} min ← ${explainBecause(c, t.because, lang)}`);
  for (const r of p.referrals) lines.push(`→ ${r.to}: ${r.label[lang]} ← ${explainBecause(c, r.because, lang)}`);
  for (const s of p.services) {
    const state = s.status === 'blocked' ? ` [${lang === 'lv' ? 'bloķēts' : 'blocked'}: ${s.blockedReason?.[lang] ?? ''}]` : '';
    lines.push(`* ${s.label[lang]}${state} ← ${explainBecause(c, s.because, lang)}`);
  }
  return lines;
}
