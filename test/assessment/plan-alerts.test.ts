import { describe, expect, it } from 'vitest';
import { alertReason, alertsFor } from '../../core/alerts/alerts.js';
import { scoreAssessment } from '../../core/assessment/score.js';
import { acceptItems, diffProposal } from '../../core/plan/diff.js';
import { generatePlans } from '../../core/plan/generate.js';
import type { PlanContext } from '../../core/plan/generate.js';
import { translateNeeds } from '../../core/translation/translate.js';
import { answersWith, cats, instrument, table } from '../translation/helpers.js';

const GP = [{ id: 'gp-1', issuedOn: '2026-01-01', validUntil: '2026-12-31', severity: 'severe' as const, contraindications: [], gpName: '', note: '' }];
function propose(over: Record<string, string>) {
  const s = scoreAssessment(instrument('home-care-card'), answersWith('home-care-card', over), table('riga'));
  return translateNeeds(s, cats(), table('riga'), { gpStatements: GP, today: '2026-06-01' });
}
function ctx(): PlanContext & { planIdFor: (k: string) => string } {
  let n = 0;
  return { today: '2026-06-01', createdAt: '2026-06-01T10:00', createdBy: 'sw-anna', assessmentId: 'as-1', responsibleId: 'cg-janis', lang: 'en', newId: (hint) => `${hint}-${++n}`, planIdFor: (k) => `plan-${k}-1` };
}

describe('plans', () => {
  it('generates care, rehabilitation and positioning plans with problem → goal → task rows', () => {
    const p = propose({ bed_mobility: 'bedridden', skin: 'pressure_sore', walking_indoors: 'partial_help', bathing: 'dependent', hospital_discharge: 'yes' });
    const { plans, items } = generatePlans(p, ctx());
    expect(plans.map((x) => x.kind)).toEqual(['care', 'rehabilitation', 'positioning']);
    const pos = items.find((i) => i.taskCode === 'positioning')!;
    expect(pos).toMatchObject({ planId: plans[2]!.id, responsibleId: 'cg-janis', frequency: 'each_visit', deadline: '2026-07-01' });
    expect(pos.problem.length).toBeGreaterThan(0);
    expect(pos.reason).toContain('riga@2025-1');
    const rehab = items.find((i) => i.taskCode === 'mobility_exercise')!;
    expect(rehab.deadline).toBe('2026-07-13');
    const wound = items.find((i) => i.taskCode === 'pressure_sore_care')!;
    expect(wound.responsibleId).toBeNull();
    expect(wound.taskText).toContain('home nursing');
  });

  it('diffs a reassessment and accepts changes item by item', () => {
    const before = propose({ bathing: 'partial_help', shopping: 'partial_help', cleaning: 'partial_help' });
    const c = ctx();
    const { items } = generatePlans(before, c);
    const after = propose({ bathing: 'dependent', cleaning: 'partial_help', laundry: 'partial_help' });
    const changes = diffProposal(items, after);
    const kinds = changes.map((x) => `${x.kind}:${x.taskCode}`).sort();
    expect(kinds).toEqual(['add:laundry', 'change_frequency:bathing', 'remove:shopping_delivery']);
    const freq = changes.find((x) => x.kind === 'change_frequency')!;
    expect([freq.from, freq.to]).toEqual(['weekly', '2x_week']);
    const r = acceptItems(items, changes, [freq.id, changes.find((x) => x.kind === 'add')!.id], after, c);
    expect(r.items.find((i) => i.taskCode === 'bathing')?.frequency).toBe('2x_week');
    expect(r.items.some((i) => i.taskCode === 'laundry')).toBe(true);
    expect(r.items.some((i) => i.taskCode === 'shopping_delivery')).toBe(true);
    expect(r.rejected.map((x) => x.kind)).toEqual(['remove']);
    expect(diffProposal(r.items.filter((i) => i.taskCode !== 'shopping_delivery'), after)).toEqual([]);
  });
});

describe('alerts', () => {
  it('inform the GP for new symptoms, 112 for emergencies; emergency outranks', () => {
    const obs = cats().observations;
    expect(alertsFor([], obs).level).toBeNull();
    const gp = alertsFor(['fever', 'dizziness'], obs);
    expect(gp.level).toBe('inform_gp');
    expect(alertReason(gp.alerts[0]!, 'en')).toBe('Inform the GP: Fever, Dizziness');
    const em = alertsFor(['new_pain', 'sudden_chest_pain', 'mystery'], obs);
    expect(em.level).toBe('emergency');
    expect(em.alerts.map((a) => a.level)).toEqual(['emergency', 'inform_gp']);
    expect(em.unknown).toEqual(['mystery']);
    for (const code of ['unconscious', 'seizures', 'not_breathing', 'severe_trauma', 'heavy_bleeding', 'sudden_chest_pain', 'sudden_severe_pain', 'sudden_breathlessness']) {
      expect(alertsFor([code], obs).level).toBe('emergency');
    }
    for (const code of ['pressure_sores', 'chronic_exacerbation', 'new_pain', 'fever', 'vomiting', 'household_injury', 'dizziness', 'new_confusion']) {
      expect(alertsFor([code], obs).level).toBe('inform_gp');
    }
  });
});

describe('pipeline', () => {
  it('scores stored assessments with their instrument version and translates them', async () => {
    const { assessAndTranslate } = await import('../../core/translation/pipeline.js');
    const r = assessAndTranslate(cats(), [{ instrumentId: 'home-care-card', instrumentVersion: '1', answers: answersWith('home-care-card', { heating: 'stove_needs_help', bathing: 'dependent', shopping: 'dependent', cleaning: 'dependent', laundry: 'dependent' }) }], 'riga', { gpStatements: GP, today: '2026-07-01' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.proposal.careLevel?.level.code).toBe('I');
      expect(r.proposal.tasks.find((t) => t.code === 'fuel_stove_heating')?.inSeason).toBe(false);
    }
    const bad = assessAndTranslate(cats(), [{ instrumentId: 'home-care-card', instrumentVersion: '9', answers: {} }], 'nowhere', { gpStatements: [], today: '2026-07-01' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues).toHaveLength(2);
  });
});
