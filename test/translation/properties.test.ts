/** Property tests for scoring + translation (fast-check; the seed is printed so a failure can be replayed with FC_SEED). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scored } from '../../core/assessment/score.js';
import { scoreAssessment } from '../../core/assessment/score.js';
import type { Instrument } from '../../core/catalogue/schema.js';
import { translateNeeds } from '../../core/translation/translate.js';
import type { Proposal } from '../../core/translation/translate.js';
import { cats, instrument, table } from './helpers.js';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
console.log(`fast-check seed ${seed} (replay with FC_SEED=${seed})`);
const params = { seed, numRuns: 200 };

const INSTRUMENTS = ['home-care-card', 'braden', 'barthel', 'lawton-iadl', 'orphan-social-functioning'] as const;
const TABLES = ['riga', 'liepaja'] as const;
const GP = [{ id: 'gp-1', issuedOn: '2026-01-01', validUntil: '2026-12-31', severity: 'severe' as const, contraindications: [], gpName: '', note: '' }];

/** Severity index per item, for each instrument. */
function severities(ins: Instrument): fc.Arbitrary<number[]> {
  return fc.tuple(...ins.items.map((i) => fc.integer({ min: 0, max: i.levels.length - 1 })));
}
const allSeverities = fc.tuple(...INSTRUMENTS.map((id) => severities(instrument(id))));
const caseArb = fc.record({
  sev: allSeverities,
  use: fc.subarray([...INSTRUMENTS], { minLength: 1 }),
  table: fc.constantFrom(...TABLES),
});

function answersOf(id: string, sev: readonly number[]): Record<string, string> {
  const out: Record<string, string> = {};
  instrument(id).items.forEach((item, i) => {
    out[item.id] = item.levels[sev[i]!]!.code;
  });
  return out;
}

function run(sev: readonly (readonly number[])[], use: readonly string[], tableId: string): { proposal: Proposal; scored: Scored[] } {
  const t = table(tableId);
  const scored = use.map((id) => scoreAssessment(instrument(id), answersOf(id, sev[INSTRUMENTS.indexOf(id as (typeof INSTRUMENTS)[number])]!), t));
  return { scored, proposal: translateNeeds(scored, cats(), t, { profile: { livesAlone: false }, gpStatements: GP, today: '2026-06-01' }) };
}

/** b is at least as much care as a: level rank, every task (at ≥ frequency), every referral, home care. */
function atLeastAsMuchCare(a: Proposal, b: Proposal): void {
  expect(b.careLevel?.level.rank ?? 0).toBeGreaterThanOrEqual(a.careLevel?.level.rank ?? 0);
  const bt = new Map(b.tasks.map((t) => [t.code, t]));
  for (const t of a.tasks) {
    expect(bt.has(t.code), `task ${t.code} lost`).toBe(true);
    expect(bt.get(t.code)!.perWeek).toBeGreaterThanOrEqual(t.perWeek);
  }
  const br = new Set(b.referrals.map((r) => r.taskCode));
  for (const r of a.referrals) expect(br.has(r.taskCode), `referral ${r.taskCode} lost`).toBe(true);
  if (a.services.some((s) => s.code === 'home_care')) expect(b.services.some((s) => s.code === 'home_care')).toBe(true);
}

const worsen = fc.record({ inst: fc.integer({ min: 0, max: INSTRUMENTS.length - 1 }), item: fc.nat(), steps: fc.integer({ min: 1, max: 3 }) });

describe('translation properties', () => {
  it('a worse answer never yields less care (monotone)', () => {
    fc.assert(
      fc.property(caseArb, worsen, ({ sev, use, table: t }, w) => {
        const id = INSTRUMENTS[w.inst]!;
        const ins = instrument(id);
        const i = w.item % ins.items.length;
        const worse = sev.map((s) => [...s]);
        worse[w.inst]![i] = Math.min(ins.items[i]!.levels.length - 1, sev[w.inst]![i]! + w.steps);
        atLeastAsMuchCare(run(sev, use, t).proposal, run(worse, use, t).proposal);
      }),
      params,
    );
  });

  it('removing a deficit never adds a task', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), ({ sev, use, table: t }, pick) => {
        const before = run(sev, use, t);
        const deficits = before.scored.flatMap((s) => s.items.filter((x) => x.deficit).map((x) => ({ id: s.instrumentId, item: x.item })));
        if (deficits.length === 0) return;
        const d = deficits[pick % deficits.length]!;
        const k = INSTRUMENTS.indexOf(d.id as (typeof INSTRUMENTS)[number]);
        const better = sev.map((s) => [...s]);
        better[k]![instrument(d.id).items.findIndex((x) => x.id === d.item)] = 0;
        const after = run(better, use, t).proposal;
        const had = new Set(before.proposal.tasks.map((x) => x.code));
        for (const task of after.tasks) expect(had.has(task.code), `task ${task.code} appeared`).toBe(true);
      }),
      params,
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(caseArb, ({ sev, use, table: t }) => {
        expect(JSON.stringify(run(sev, use, t).proposal)).toBe(JSON.stringify(run(sev, use, t).proposal));
      }),
      { ...params, numRuns: 100 },
    );
  });

  it("every task's, referral's and service's reason points to a real answer", () => {
    fc.assert(
      fc.property(caseArb, ({ sev, use, table: t }) => {
        const { proposal, scored } = run(sev, use, t);
        const real = new Set(scored.flatMap((s) => s.answers.map((a) => `${a.instrument}/${a.item}/${a.code}`)));
        const ruleIds = new Set(cats().translations.get('needs-translation')!.rules.map((r) => r.id));
        for (const x of [...proposal.tasks, ...proposal.referrals, ...proposal.services]) {
          for (const b of [x.because, ...x.alsoBecause]) {
            expect(ruleIds.has(b.rule)).toBe(true);
            expect(b.ruleTable).toBe(proposal.ruleTable);
            expect(b.answers.length, `${b.rule} cites no answer`).toBeGreaterThan(0);
            for (const a of b.answers) expect(real.has(`${a.instrument}/${a.item}/${a.code}`), `${b.rule} cites ${a.item}=${a.code}`).toBe(true);
          }
        }
      }),
      params,
    );
  });

  it('never assigns a health-care task to carers', () => {
    fc.assert(
      fc.property(caseArb, ({ sev, use, table: t }) => {
        for (const task of run(sev, use, t).proposal.tasks) expect(cats().tasks.get(task.code)!.healthCare).toBe(false);
      }),
      { ...params, numRuns: 100 },
    );
  });
});
