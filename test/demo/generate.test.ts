/** `apsis demo` writes the same bytes for the same seed, whatever the thread count; another seed differs. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apsis, treeHash } from '../helpers/cli.js';

const ENV = { APSIS_NOW: '2026-11-23T07:00:00Z' };
const tmp: string[] = [];
afterAll(async () => {
  for (const d of tmp) await rm(d, { recursive: true, force: true });
});

describe('apsis demo generation', () => {
  it('is byte-identical for one seed across thread counts, differs for another seed, and leaves no staging folder', async () => {
    const base = await mkdtemp(join(tmpdir(), 'apsis-demo-gen-'));
    tmp.push(base);
    const run = (name: string, args: string[]) => {
      const r = apsis(join(base, name), ['demo', '--json', ...args], ENV);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { threads: number; scheduledVisits: number; clients: number };
    };
    // medium: five care groups, so two threads really share the work.
    const one = run('one', ['--size', 'medium', '--seed', '5', '--threads', '1']);
    const two = run('two', ['--size', 'medium', '--seed', '5', '--threads', '2']);
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(two.scheduledVisits).toBe(one.scheduledVisits);
    expect(one.scheduledVisits).toBeGreaterThan(0);
    const docsOne = treeHash(join(base, 'one', 'docs'));
    expect(Object.keys(docsOne).length).toBeGreaterThan(one.clients);
    expect(treeHash(join(base, 'two', 'docs'))).toEqual(docsOne);
    run('other', ['--size', 'medium', '--seed', '6', '--threads', '2']);
    expect(treeHash(join(base, 'other', 'docs'))).not.toEqual(docsOne);
    expect((await readdir(join(base, 'two'))).sort()).toEqual(['docs', 'workspace.json']);
    // The index matches what the workspace itself would write: every document and client is listed.
    const meta = JSON.parse(await readFile(join(base, 'two', 'workspace.json'), 'utf8')) as { docs: Record<string, unknown>; caseload: Record<string, { facts?: unknown }> };
    expect(Object.keys(meta.docs).length).toBe(Object.keys(docsOne).length);
    expect(Object.values(meta.caseload).every((e) => e.facts !== undefined)).toBe(true);
    const doctor = apsis(join(base, 'two'), ['doctor', '--json'], ENV);
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
  }, 120_000);

  it('refuses a bad thread count and creates nothing', async () => {
    const base = await mkdtemp(join(tmpdir(), 'apsis-demo-gen-'));
    tmp.push(base);
    for (const bad of ['0', '2.5', 'many']) {
      const r = apsis(join(base, 'ws'), ['demo', '--threads', bad], ENV);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--threads must be a whole number from 1 to 64, not "${bad}"`);
    }
    expect(await readdir(base)).toEqual([]);
  });
});
