/**
 * One call for the CLI/TUI: stored assessments (instrument id@version + answers) → scored →
 * proposal under a rule table. Unknown instruments or rule tables come back as issues.
 */
import type { Catalogues } from '../catalogue/parse.js';
import type { Assessment } from '../doc/schema.js';
import type { Scored } from '../assessment/score.js';
import { scoreAssessment } from '../assessment/score.js';
import type { Proposal, TranslateContext } from './translate.js';
import { translateNeeds } from './translate.js';

export type PipelineResult =
  | { readonly ok: true; readonly scored: readonly Scored[]; readonly proposal: Proposal }
  | { readonly ok: false; readonly issues: readonly string[] };

/** Scores each assessment with the instrument version it was made with, then translates them together. */
export function assessAndTranslate(
  catalogues: Catalogues,
  assessments: ReadonlyArray<Pick<Assessment, 'instrumentId' | 'instrumentVersion' | 'answers'>>,
  ruleTableId: string,
  context: TranslateContext,
): PipelineResult {
  const issues: string[] = [];
  const table = catalogues.ruleTables.get(ruleTableId);
  if (!table) issues.push(`unknown rule table "${ruleTableId}" (known: ${[...catalogues.ruleTables.keys()].join(', ')})`);
  const scored: Scored[] = [];
  for (const a of assessments) {
    const ins = catalogues.instrumentVersions.get(`${a.instrumentId}@${a.instrumentVersion}`);
    if (!ins) issues.push(`unknown instrument ${a.instrumentId}@${a.instrumentVersion}`);
    else scored.push(scoreAssessment(ins, a.answers, table));
  }
  if (!table || issues.length) return { ok: false, issues };
  return { ok: true, scored, proposal: translateNeeds(scored, catalogues, table, context) };
}
