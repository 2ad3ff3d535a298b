/**
 * A demo world looks like a well-run service: each client's card reaches the care level drawn for
 * them with plan hours inside that level's weekly hours, each care group has the size's care mix,
 * and the small world's first week (through the real binary) leaves at most 3 % of its visits
 * unassigned, each with a reason, with caregivers 60–90 % busy in visits and travel.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fitsNeed, generateDemoCare } from '../../core/demo/care.js';
import { apportion, NEED_MIX } from '../../core/demo/care-mix.js';
import { generateWorld } from '../../core/demo/world.js';
import { assessAndTranslate } from '../../core/translation/pipeline.js';
import { loadCatalogues } from '../../cli/catalogue/load.js';
import { apsis } from '../helpers/cli.js';

const TODAY = '2026-11-23';
const tmp: string[] = [];
afterAll(async () => {
  for (const d of tmp) await rm(d, { recursive: true, force: true });
});

describe('demo calibration', () => {
  const cat = loadCatalogues();
  if (!cat.ok) throw new Error('catalogues invalid');

  for (const [size, seed] of [['small', 1], ['small', 17], ['medium', 4]] as const) {
    it(`${size} world, seed ${seed}: every card fits its care level's score and hours; every group has the mix`, () => {
      const world = generateWorld(size, seed, TODAY);
      const care = generateDemoCare(world, cat.value, 'riga', TODAY, 0);
      for (const c of world.clients) {
        const approved = care.get(c.id)!.assessments[0]!;
        const t = assessAndTranslate(cat.value, [approved], 'riga', { profile: c.profile, gpStatements: c.gpStatements, today: approved.decidedAt!.slice(0, 10) });
        const got = t.ok ? `${t.proposal.careLevel?.level.code ?? 'none'}, ${t.proposal.weeklyMinutes} min a week` : t.issues.join('; ');
        expect(fitsNeed(t, c.careNeed), `seed ${seed}, ${c.id}: need ${c.careNeed}, got ${got}`).toBe(true);
      }
      for (const g of world.careGroups) {
        const members = world.clients.filter((c) => c.profile.careGroupId === g.id);
        const counts = [0, 1, 2, 3, 4].map((n) => members.filter((c) => c.careNeed === n).length);
        expect(counts, `seed ${seed}, ${g.id}`).toEqual(apportion(members.length, NEED_MIX[size]));
      }
      // Most clients are at the lowest levels, as in real home-care caseloads.
      const atLevel = world.clients.filter((c) => c.careNeed > 0);
      expect(atLevel.filter((c) => c.careNeed <= 2).length / atLevel.length).toBeGreaterThan(0.75);
    });
  }

  for (const seed of [1, 2]) {
    it(`small world, seed ${seed}: the first week assigns ≥ 97 % of visits, each open one with a reason, staff 60–90 % busy`, async () => {
      const base = await mkdtemp(join(tmpdir(), 'apsis-demo-calib-'));
      tmp.push(base);
      const r = apsis(join(base, 'ws'), ['demo', '--seed', String(seed), '--json'], { APSIS_NOW: `${TODAY}T07:00:00Z` });
      expect(r.code, r.stderr).toBe(0);
      const week = (JSON.parse(r.stdout) as { firstWeek: { visits: number; assigned: number; withoutReason: number; assignedPct: number; utilisationPct: number } }).firstWeek;
      expect(week.visits, `seed ${seed}`).toBeGreaterThan(150);
      expect(week.visits - week.assigned, `seed ${seed}: unassigned of ${week.visits}`).toBeLessThanOrEqual(Math.floor(week.visits * 0.03));
      expect(week.assignedPct, `seed ${seed}`).toBeGreaterThanOrEqual(97);
      expect(week.withoutReason, `seed ${seed}`).toBe(0);
      expect(week.utilisationPct, `seed ${seed}`).toBeGreaterThanOrEqual(60);
      expect(week.utilisationPct, `seed ${seed}`).toBeLessThanOrEqual(90);
    }, 60_000);
  }
});
