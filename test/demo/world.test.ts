import { describe, expect, it } from 'vitest';
import { ClientProfileSchema, GpStatementSchema, StaffSchema } from '../../core/doc/schema.js';
import { DEMO_SIZES, generateWorld } from '../../core/demo/world.js';

const TODAY = '2026-11-23';

describe('demo world', () => {
  it('is the same for the same seed and differs for another seed', () => {
    expect(generateWorld('small', 7, TODAY)).toEqual(generateWorld('small', 7, TODAY));
    const a = generateWorld('small', 7, TODAY);
    const b = generateWorld('small', 8, TODAY);
    expect(a.clients.map((c) => c.profile.familyName)).not.toEqual(b.clients.map((c) => c.profile.familyName));
  });

  it('has the promised sizes and only valid records', () => {
    for (const size of ['small', 'medium'] as const) {
      const w = generateWorld(size, 1, TODAY);
      expect(w.clients).toHaveLength(DEMO_SIZES[size].clients);
      expect(w.staff).toHaveLength(DEMO_SIZES[size].staff);
      expect(w.careGroups).toHaveLength(DEMO_SIZES[size].groups);
      for (const c of w.clients) {
        expect(ClientProfileSchema.safeParse(c.profile).success, c.id).toBe(true);
        for (const gp of c.gpStatements) expect(GpStatementSchema.safeParse(gp).success, gp.id).toBe(true);
      }
      for (const s of w.staff) expect(StaffSchema.safeParse(s).success, s.id).toBe(true);
      expect(new Set(w.clients.map((c) => c.id)).size).toBe(w.clients.length);
    }
  });

  it('is Latvian, marked demo, with expired GP statements and one contraindication', () => {
    const w = generateWorld('small', 1, TODAY);
    expect(w.settings.demo).toBe(true);
    expect(w.namespace.startsWith('demo')).toBe(true);
    expect(w.clients.some((c) => /[āčēģīķļņšūž]/i.test(`${c.profile.givenName}${c.profile.familyName}${c.profile.address}`))).toBe(true);
    expect(w.clients.some((c) => c.gpStatements.some((g) => g.validUntil < TODAY))).toBe(true);
    expect(w.clients.filter((c) => c.gpStatements.some((g) => g.contraindications.length > 0))).toHaveLength(1);
    for (const c of w.clients) {
      expect(c.profile.location!.lat).toBeGreaterThan(56.1);
      expect(c.profile.location!.lat).toBeLessThan(56.8);
    }
  });
});
