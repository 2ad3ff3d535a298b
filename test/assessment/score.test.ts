import { describe, expect, it } from 'vitest';
import { addMonths, careLevelFor, reassessDue, scoreAssessment } from '../../core/assessment/score.js';
import { answersWith, instrument, table } from '../translation/helpers.js';

describe('scoring', () => {
  it('scores items, sections and the total of the home-care card', () => {
    const s = scoreAssessment(instrument('home-care-card'), answersWith('home-care-card', { bathing: 'dependent', cooking: 'partial_help', orientation: 'sometimes_confused' }));
    expect(s.complete).toBe(true);
    expect(s.total).toBe(6);
    expect(s.sections.find((x) => x.section === 'basic_needs')?.score).toBe(3);
    expect(s.sections.find((x) => x.section === 'household')?.score).toBe(2);
    expect(s.sections.map((x) => x.section)).toEqual(['basic_needs', 'mobility', 'cognition_safety', 'behaviour_social', 'household', 'environment']);
    expect(s.deficits.map((d) => d.item).sort()).toEqual(['bathing', 'cooking', 'orientation']);
  });

  it('returns issues naming the item and the code for unknown items and answers, and never throws', () => {
    const s = scoreAssessment(instrument('barthel'), { ...answersWith('barthel'), feeding: 'sometimes', flying: 'yes' });
    expect(s.complete).toBe(false);
    expect(s.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ item: 'feeding', code: 'sometimes' }),
        expect.objectContaining({ item: 'flying', code: 'yes' }),
      ]),
    );
    expect(s.issues.find((i) => i.item === 'feeding')?.message).toContain('sometimes');
    expect(s.band).toBeNull();
  });

  it('lists missing items', () => {
    const s = scoreAssessment(instrument('lawton-iadl'), { telephone: 'own_initiative' });
    expect(s.missing).toHaveLength(7);
    expect(s.complete).toBe(false);
  });

  it('Barthel runs 0–20, Braden 6–23, Lawton 0–8, the orphan questionnaire 0–48', () => {
    expect([scoreAssessment(instrument('barthel'), {}).min, scoreAssessment(instrument('barthel'), {}).max]).toEqual([0, 20]);
    expect([scoreAssessment(instrument('braden'), {}).min, scoreAssessment(instrument('braden'), {}).max]).toEqual([6, 23]);
    expect(scoreAssessment(instrument('lawton-iadl'), {}).max).toBe(8);
    expect(scoreAssessment(instrument('orphan-social-functioning'), {}).max).toBe(48);
  });

  it('Braden bands are configurable per rule table', () => {
    const answers = answersWith('braden', { moisture: 'occasionally_moist', activity: 'walks_occasionally', nutrition: 'adequate', mobility: 'slightly_limited' });
    const riga = scoreAssessment(instrument('braden'), answers, table('riga'));
    const liepaja = scoreAssessment(instrument('braden'), answers, table('liepaja'));
    expect(riga.total).toBe(19);
    expect(riga.band?.id).toBe('no_risk');
    expect(liepaja.band?.id).toBe('no_risk');
    const a18 = { ...answers, friction_shear: 'potential_problem' };
    expect(scoreAssessment(instrument('braden'), a18, table('riga')).band?.id).toBe('mild');
    expect(scoreAssessment(instrument('braden'), a18, table('liepaja')).band?.id).toBe('no_risk');
    expect(scoreAssessment(instrument('braden'), a18, table('riga')).flags.map((f) => f.flag)).toContain('pressure_sore_risk');
  });

  it('derives the care level from the municipality table, citing table id@version', () => {
    const s = scoreAssessment(instrument('home-care-card'), answersWith('home-care-card', { bathing: 'dependent', dressing: 'dependent', cooking: 'dependent', shopping: 'dependent' }));
    expect(s.total).toBe(12);
    const lvl = careLevelFor([s], table('riga'));
    expect(lvl?.level.code).toBe('I');
    expect(lvl?.ruleTable).toBe('riga@2025-1');
    expect(careLevelFor([scoreAssessment(instrument('home-care-card'), answersWith('home-care-card'))], table('riga'))).toBeNull();
  });

  it('reassessment dates come from the rule table', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(reassessDue('2026-03-10', table('riga'), 'III')).toBe('2026-09-10');
    expect(reassessDue('2026-03-10', table('riga'), 'I')).toBe('2027-03-10');
    expect(reassessDue('2026-03-10', table('liepaja'), 'II')).toBe('2026-09-10');
    expect(reassessDue('2026-03-10', table('liepaja'), null)).toBe('2027-03-10');
  });
});

describe('incomplete assessments', () => {
  it('set no care level (a missing Barthel item must not read as dependence)', () => {
    const partial = scoreAssessment(instrument('barthel'), { feeding: 'independent' });
    expect(partial.total).toBe(2);
    expect(careLevelFor([partial], table('riga'))).toBeNull();
  });
});
