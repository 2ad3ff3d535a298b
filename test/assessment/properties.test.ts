/** Property tests for the GP gate, the workflow and the reassessment diff (seed printed; replay with FC_SEED). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreAssessment } from '../../core/assessment/score.js';
import { approve, editAnswers, returnAssessment, submit } from '../../core/assessment/workflow.js';
import type { Assessment, GpStatement } from '../../core/doc/schema.js';
import { acceptItems, diffProposal } from '../../core/plan/diff.js';
import { generatePlans } from '../../core/plan/generate.js';
import { gpGate } from '../../core/translation/gp-gate.js';
import { translateNeeds } from '../../core/translation/translate.js';
import { cats, instrument, table } from '../translation/helpers.js';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
console.log(`fast-check seed ${seed} (replay with FC_SEED=${seed})`);
const params = { seed, numRuns: 200 };

const day = fc.integer({ min: 0, max: 730 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const statement = fc
  .record({
    issuedOn: day,
    length: fc.integer({ min: 0, max: 365 }),
    contraindications: fc.subarray(['active_tuberculosis', 'acute_infectious_disease', 'sexually_transmitted_disease'] as const),
  })
  .map((s) => ({
    id: `gp-${s.issuedOn}-${s.length}-${s.contraindications.length}`,
    issuedOn: s.issuedOn,
    validUntil: new Date(Date.parse(s.issuedOn) + s.length * 86_400_000).toISOString().slice(0, 10),
    severity: 'moderate' as const,
    contraindications: [...s.contraindications],
    gpName: '',
    note: '',
  })) as fc.Arbitrary<GpStatement>;

describe('GP gate', () => {
  it('passes exactly when a statement is valid today and lists no contraindication', () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 4 }), day, (list, today) => {
        const g = gpGate(list, today);
        const expected = list.some((s) => s.issuedOn <= today && today <= s.validUntil && s.contraindications.length === 0);
        expect(g.ok).toBe(expected);
        if (!g.ok) {
          expect(g.reason.lv.length).toBeGreaterThan(0);
          expect(g.reason.en.length).toBeGreaterThan(0);
          if (g.code === 'gp_missing') expect(list).toHaveLength(0);
        }
      }),
      params,
    );
  });
});

const base: Assessment = {
  id: 'as-1', instrumentId: 'braden', instrumentVersion: '1', answers: {}, status: 'draft', assessorId: 'a', createdAt: '2026-01-01T10:00',
  submittedAt: null, approverId: null, decidedAt: null, returnReason: '', ruleTable: '', reassessDue: null, note: '',
};
const full: Record<string, string> = Object.fromEntries(instrument('braden').items.map((i) => [i.id, i.levels[1]!.code]));
const action = fc.oneof(
  fc.record({ k: fc.constant('edit' as const), complete: fc.boolean() }),
  fc.record({ k: fc.constant('submit' as const) }),
  fc.record({ k: fc.constant('approve' as const), by: fc.constantFrom('a', 'b') }),
  fc.record({ k: fc.constant('return' as const), by: fc.constantFrom('a', 'b'), reason: fc.constantFrom('', 'check') }),
);

describe('workflow', () => {
  it('four eyes always hold and an approved assessment never changes', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 12 }), (actions) => {
        let a = base;
        let approved: string | null = null;
        for (const x of actions) {
          const r =
            x.k === 'edit' ? editAnswers(a, x.complete ? full : { moisture: 'rarely_moist' })
            : x.k === 'submit' ? submit(a, '2026-01-02T10:00', scoreAssessment(instrument('braden'), a.answers))
            : x.k === 'approve' ? approve(a, { approverId: x.by, at: '2026-01-03T10:00', ruleTable: table('riga'), levelCode: null })
            : returnAssessment(a, { approverId: x.by, at: '2026-01-03T10:00', reason: x.reason });
          if (r.ok) a = r.value;
          if (approved !== null) expect(JSON.stringify(a)).toBe(approved);
          if (a.status === 'approved') {
            expect(a.approverId).not.toBe(a.assessorId);
            expect(a.reassessDue).not.toBeNull();
            approved = JSON.stringify(a);
          }
          if (a.status === 'submitted') expect(scoreAssessment(instrument('braden'), a.answers).complete).toBe(true);
        }
      }),
      params,
    );
  });
});

describe('reassessment diff', () => {
  const card = instrument('home-care-card');
  const sev = fc.tuple(...card.items.map((i) => fc.integer({ min: 0, max: i.levels.length - 1 })));
  const propose = (s: readonly number[]) => {
    const answers = Object.fromEntries(card.items.map((it, i) => [it.id, it.levels[s[i]!]!.code]));
    return translateNeeds(scoreAssessment(card, answers), cats(), table('riga'), { gpStatements: [], today: '2026-06-01' });
  };
  it('accepting every change makes the plan match the new proposal; accepting none changes nothing', () => {
    fc.assert(
      fc.property(sev, sev, (s1, s2) => {
        let n = 0;
        const ctx = { today: '2026-06-01', createdAt: '2026-06-01T10:00', createdBy: 'x', assessmentId: null, responsibleId: null, lang: 'en' as const, newId: (h: string) => `${h}-${++n}`, planIdFor: (k: string) => `plan-${k}` };
        const before = generatePlans(propose(s1), ctx).items;
        const next = propose(s2);
        const changes = diffProposal(before, next);
        const all = acceptItems(before, changes, changes.map((c) => c.id), next, ctx);
        expect(diffProposal(all.items, next)).toEqual([]);
        const none = acceptItems(before, changes, [], next, ctx);
        expect(none.items).toEqual(before);
      }),
      { ...params, numRuns: 100 },
    );
  });
});
