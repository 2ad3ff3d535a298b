import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../cli/catalogue/load.js';
import { assembleCatalogues, parseCatalogue } from '../../core/catalogue/parse.js';
import { cats } from './helpers.js';

describe('data catalogues', () => {
  it('all data files validate and cross-check', () => {
    const c = cats();
    expect([...c.instruments.keys()].sort()).toEqual(['barthel', 'braden', 'home-care-card', 'lawton-iadl', 'orphan-social-functioning']);
    expect([...c.ruleTables.keys()].sort()).toEqual(['liepaja', 'riga']);
    expect(c.instruments.get('home-care-card')!.items.length).toBeGreaterThanOrEqual(20);
    expect(c.instruments.get('orphan-social-functioning')!.items).toHaveLength(24);
    expect(c.instruments.get('lawton-iadl')!.items).toHaveLength(8);
    expect(c.instruments.get('braden')!.items).toHaveLength(6);
    expect(c.observations.items.filter((o) => o.level === 'emergency')).toHaveLength(8);
    expect(c.observations.items.filter((o) => o.level === 'inform_gp')).toHaveLength(8);
  });

  it('finds the package root from this test file', () => {
    expect(findPackageRoot(import.meta.url)).toMatch(/main$|[^/]+$/);
  });

  it('a bad file comes back as issues naming file and path, never half-loaded', () => {
    const r = parseCatalogue({ kind: 'instrument', id: 'x', version: '1', direction: 'need', title: { lv: 'x' }, sections: [], items: [] }, 'data/instruments/x.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.every((i) => i.file === 'data/instruments/x.json')).toBe(true);
      expect(r.issues.some((i) => i.path === 'title.en')).toBe(true);
    }
    const all = assembleCatalogues([{ file: 'a.json', json: { kind: 'services', id: 's', version: '1', services: [] } }]);
    expect(all.ok).toBe(false);
  });

  it('rejects a rule that names an unknown item or level', () => {
    const c = cats();
    const files = [...c.instrumentVersions.values(), ...c.ruleTables.values(), c.tasksFile, c.observations].map((v, i) => ({ file: `f${i}.json`, json: v as unknown }));
    files.push({ file: 'services.json', json: { kind: 'services', id: 'services', version: '1', services: [...c.services.values()] } });
    const tr = c.translations.get('needs-translation')!;
    const broken = { ...tr, rules: [{ ...tr.rules[0]!, when: { any: [{ item: 'bathing', atLeast: 'no_such_level' }] } }] };
    const r = assembleCatalogues([...files, { file: 'data/rules/needs-translation.json', json: broken }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.some((i) => i.file === 'data/rules/needs-translation.json' && i.message.includes('no_such_level'))).toBe(true);
  });
});

describe('loadCatalogues from disk', () => {
  it('reports a broken JSON file by name and loads nothing', async () => {
    const { mkdtempSync, mkdirSync, cpSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadCatalogues } = await import('../../cli/catalogue/load.js');
    const root = mkdtempSync(join(tmpdir(), 'apsis-cat-'));
    try {
      writeFileSync(join(root, 'package.json'), '{}');
      mkdirSync(join(root, 'data'));
      cpSync(join(findPackageRoot(import.meta.url), 'data'), join(root, 'data'), { recursive: true });
      expect(loadCatalogues(root).ok).toBe(true);
      writeFileSync(join(root, 'data', 'rules', 'broken.json'), '{ "kind": ');
      const r = loadCatalogues(root);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]?.file).toBe('data/rules/broken.json');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('explanations', () => {
  it('explain a proposal in Latvian and English, citing rule, table and answers', async () => {
    const { scoreAssessment } = await import('../../core/assessment/score.js');
    const { translateNeeds } = await import('../../core/translation/translate.js');
    const { explainProposal } = await import('../../core/translation/explain.js');
    const { answersWith, instrument, table } = await import('./helpers.js');
    const s = scoreAssessment(instrument('home-care-card'), answersWith('home-care-card', { bathing: 'dependent', shopping: 'dependent', cleaning: 'dependent', laundry: 'dependent' }));
    const p = translateNeeds(s, cats(), table('riga'), { gpStatements: [], today: '2026-06-01' });
    const en = explainProposal(cats(), p, 'en');
    expect(en[0]).toContain('Care level I');
    expect(en.some((l) => l.includes('card-bathing-full (riga@2025-1, needs-translation@1): Bathing or showering = Fully dependent on help'))).toBe(true);
    expect(en.some((l) => l.includes('blocked: No GP statement'))).toBe(true);
    const lv = explainProposal(cats(), p, 'lv');
    expect(lv.some((l) => l.includes('Mazgāšanās vannā vai dušā = Pilnībā atkarīgs'))).toBe(true);
  });
});
