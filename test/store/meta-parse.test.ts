/** workspace.json validation: the fast check of the big indexes gives exactly what zod gives, valid or not. */
import { describe, expect, it } from 'vitest';
import { inCaseloadOrder, parseMeta, WorkspaceMetaSchema } from '../../cli/store/workspace-meta.js';
import type { WorkspaceMeta } from '../../cli/store/workspace-meta.js';
import { parseWith } from '../../core/validate/issues.js';
import { createRng, testSeed } from '../helpers/rng.js';

const facts = { reassessDue: '2027-01-01', gpValidUntil: null, contraindication: false, openAlerts: 1, emergencyAlerts: 0, submittedAssessments: 2 };

function validMeta(n: number): Record<string, unknown> {
  const docs: Record<string, unknown> = { org: { kind: 'org', updatedAt: '2026-11-23T08:00:00.000Z' } };
  const caseload: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    docs[`client/c-${i}`] = { kind: 'client', updatedAt: '2026-11-23T08:00:00.000Z' };
    caseload[`c-${i}`] = { name: `Name ${i}`, careGroupId: i % 2 ? `g${i}` : null, status: i % 5 ? 'active' : 'ended', updatedAt: '2026-11-23T08:00:00.000Z', ...(i % 3 ? { facts: { ...facts } } : {}) };
  }
  return {
    format: 1,
    workspaceId: 'ws-1',
    namespace: 'test',
    createdAt: '2026-11-23T08:00:00.000Z',
    demo: false,
    localUser: { id: 'anna', name: 'Anna', role: 'coordinator' },
    settings: { language: 'lv', serverUrl: null, token: null },
    docs,
    caseload,
    syncCursors: {},
    scenario: null,
  };
}

/** Values that break (or strip) a field. */
const WRONG: readonly unknown[] = [undefined, null, 1, 'x', true, [], {}, { extra: 1 }, Number.NaN];

function mutate(meta: Record<string, unknown>, rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const where = pick(['docs', 'caseload', 'facts', 'head', 'extraKey'] as const);
  const value = pick(WRONG);
  const caseload = meta.caseload as Record<string, Record<string, unknown>>;
  const docs = meta.docs as Record<string, Record<string, unknown>>;
  const id = `c-${Math.floor(rnd() * 20)}`;
  if (where === 'docs') {
    const field = pick(['kind', 'updatedAt', 'whole']);
    const entry = docs[`client/${id}`];
    // An earlier mutation may have replaced the entry with a non-object: replace it again.
    if (field === 'whole' || typeof entry !== 'object' || entry === null || Array.isArray(entry)) docs[`client/${id}`] = value as Record<string, unknown>;
    else entry[field] = field === 'kind' && rnd() < 0.3 ? 'schedule' : value;
    return `docs.${id}.${field} = ${String(value)}`;
  }
  if (where === 'caseload' || where === 'facts') {
    const entry = caseload[id]!;
    if (where === 'facts') {
      const field = pick(Object.keys(facts));
      entry.facts = { ...facts, [field]: value };
      return `caseload.${id}.facts.${field} = ${String(value)}`;
    }
    const field = pick(['name', 'careGroupId', 'status', 'updatedAt', 'facts']);
    entry[field] = field === 'status' && rnd() < 0.3 ? 'ended' : value;
    return `caseload.${id}.${field} = ${String(value)}`;
  }
  if (where === 'extraKey') {
    caseload[id]!.surprise = 'kept?';
    return `caseload.${id}.surprise (zod strips it)`;
  }
  const field = pick(['format', 'namespace', 'localUser', 'settings', 'scenario']);
  meta[field] = value;
  return `${field} = ${String(value)}`;
}

describe('parseMeta', () => {
  it('accepts a valid workspace.json exactly as zod does', () => {
    const meta = validMeta(50);
    expect(parseMeta(meta)).toEqual(parseWith(WorkspaceMetaSchema, meta));
    expect(parseMeta(meta).ok).toBe(true);
  });

  it('gives the same result and the same issues as zod for damaged files (seeded)', () => {
    const seed = testSeed();
    const rnd = createRng(seed);
    let invalid = 0;
    for (let run = 0; run < 300; run++) {
      const meta = validMeta(20);
      const changes = [mutate(meta, rnd), ...(rnd() < 0.3 ? [mutate(meta, rnd)] : [])];
      const json = JSON.parse(JSON.stringify(meta)) as unknown;
      const expected = parseWith(WorkspaceMetaSchema, json);
      if (!expected.ok) invalid++;
      expect(parseMeta(json), `seed ${seed}, run ${run}: ${changes.join('; ')}`).toEqual(expected);
    }
    expect(invalid, `seed ${seed}`).toBeGreaterThan(100);
  });
});

describe('caseload order on disk', () => {
  const entry = (name: string) => ({ name }) as unknown as WorkspaceMeta['caseload'][string];
  it('sorts by name in Latvian order (č after c, š after s), then id; keeps an ordered index as is', () => {
    const index = { 'c-3': entry('Šmits Jānis'), 'c-1': entry('Čakste Anna'), 'c-2': entry('Celms Ieva'), 'c-4': entry('Sproģis Ēriks'), 'c-0': entry('Celms Ieva') };
    const ordered = inCaseloadOrder(index);
    expect(Object.keys(ordered)).toEqual(['c-0', 'c-2', 'c-1', 'c-4', 'c-3']);
    expect(inCaseloadOrder(ordered)).toBe(ordered);
  });
});
