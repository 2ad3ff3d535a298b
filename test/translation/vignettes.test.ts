/** Runs every vignette in test/fixtures/vignettes: answers in, level, flags, services, tasks and reasons out. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scoreAssessment } from '../../core/assessment/score.js';
import type { GpStatement } from '../../core/doc/schema.js';
import { translateNeeds } from '../../core/translation/translate.js';
import type { Proposal } from '../../core/translation/translate.js';
import { cats, instrument, table } from './helpers.js';

interface Vignette {
  name: string;
  description: string;
  ruleTable: string;
  today: string;
  profile: { livesAlone: boolean };
  gpStatements: GpStatement[];
  assessments: Array<{ instrument: string; answers: Record<string, string> | 'worst' }>;
  expect: {
    level: string | null;
    hoursPerWeek?: { min: number; max: number };
    ruleTable?: string;
    band?: Record<string, string>;
    total?: Record<string, number>;
    flags?: string[];
    services?: Record<string, 'proposed' | 'blocked'>;
    blocked?: Record<string, { code: string; reasonIncludes: string }>;
    tasks?: string[];
    exactTasks?: boolean;
    notTasks?: string[];
    frequencies?: Record<string, string>;
    plans?: Record<string, string>;
    referrals?: Record<string, string>;
    reasons?: Array<{ task?: string; service?: string; referral?: string; rule: string; answer?: string }>;
  };
}

const dir = fileURLToPath(new URL('../fixtures/vignettes/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

function fill(id: string, answers: Record<string, string> | 'worst'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of instrument(id).items) out[item.id] = (answers === 'worst' ? item.levels[item.levels.length - 1] : item.levels[0])!.code;
  return answers === 'worst' ? out : { ...out, ...answers };
}

export function runVignette(v: Vignette): { proposal: Proposal; totals: Record<string, number>; bands: Record<string, string | null> } {
  const t = table(v.ruleTable);
  const scored = v.assessments.map((a) => scoreAssessment(instrument(a.instrument), fill(a.instrument, a.answers), t));
  for (const s of scored) expect(s.issues, `${v.name}: ${s.instrumentId} issues`).toEqual([]);
  const proposal = translateNeeds(scored, cats(), t, { profile: v.profile, gpStatements: v.gpStatements, today: v.today });
  return {
    proposal,
    totals: Object.fromEntries(scored.map((s) => [s.instrumentId, s.total])),
    bands: Object.fromEntries(scored.map((s) => [s.instrumentId, s.band?.id ?? null])),
  };
}

describe('vignettes', () => {
  it('there are at least 15', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of files) {
    const v = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Vignette;
    it(`${v.name}: ${v.description}`, () => {
      const { proposal: p, totals, bands } = runVignette(v);
      const e = v.expect;
      expect(p.careLevel?.level.code ?? null, 'care level').toBe(e.level);
      if (e.hoursPerWeek) expect(p.careLevel?.level.hoursPerWeek).toEqual(e.hoursPerWeek);
      if (e.ruleTable) expect(p.ruleTable).toBe(e.ruleTable);
      if (e.total) for (const [k, n] of Object.entries(e.total)) expect(totals[k], `total ${k}`).toBe(n);
      if (e.band) for (const [k, b] of Object.entries(e.band)) expect(bands[k], `band ${k}`).toBe(b);
      const flags = p.flags.map((f) => f.flag);
      if (e.flags) {
        for (const f of e.flags) expect(flags, 'flags').toContain(f);
        if (e.flags.length === 0) expect(flags).toEqual([]);
      }
      if (e.services) expect(Object.fromEntries(p.services.map((s) => [s.code, s.status])), 'services').toEqual(e.services);
      for (const [code, b] of Object.entries(e.blocked ?? {})) {
        const s = p.services.find((x) => x.code === code);
        expect(s?.blockedCode).toBe(b.code);
        expect(s?.blockedReason?.en).toContain(b.reasonIncludes);
        expect(s?.blockedReason?.lv.length).toBeGreaterThan(0);
      }
      const tasks = p.tasks.map((t) => t.code);
      if (e.exactTasks) expect([...tasks].sort(), 'tasks').toEqual([...(e.tasks ?? [])].sort());
      else for (const t of e.tasks ?? []) expect(tasks, 'tasks').toContain(t);
      for (const t of e.notTasks ?? []) expect(tasks, 'not tasks').not.toContain(t);
      for (const [code, f] of Object.entries(e.frequencies ?? {})) expect(p.tasks.find((t) => t.code === code)?.frequency, `frequency of ${code}`).toBe(f);
      for (const [code, plan] of Object.entries(e.plans ?? {})) expect(p.tasks.find((t) => t.code === code)?.plan).toBe(plan);
      if (e.referrals) expect(Object.fromEntries(p.referrals.map((r) => [r.taskCode, r.to])), 'referrals').toMatchObject(e.referrals);
      // No health-care task is ever given to a carer.
      for (const t of p.tasks) expect(cats().tasks.get(t.code)?.healthCare).toBe(false);
      for (const r of e.reasons ?? []) {
        const x = r.task ? p.tasks.find((t) => t.code === r.task) : r.service ? p.services.find((s) => s.code === r.service) : p.referrals.find((f) => f.taskCode === r.referral);
        expect(x, `reason target ${JSON.stringify(r)}`).toBeDefined();
        const all = [x!.because, ...x!.alsoBecause];
        const b = all.find((y) => y.rule === r.rule);
        expect(b, `rule ${r.rule} among ${all.map((y) => y.rule).join(', ')}`).toBeDefined();
        expect(b!.ruleTable).toBe(p.ruleTable);
        if (r.answer) expect(b!.answers.map((a) => a.item)).toContain(r.answer);
      }
    });
  }
});
