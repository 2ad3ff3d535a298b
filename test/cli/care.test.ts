/** The care cycle from the command line: assess → submit → approve (four-eyes) → translate → plan → due → cohort report. */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apsis, treeHash } from '../helpers/cli.js';

const NOW = { APSIS_NOW: '2026-11-22T09:00:00Z' };
let base = '';
let ws = '';
let client = '';
let answersFile = '';

function becomeUser(id: string, role: string): void {
  const file = join(ws, 'workspace.json');
  const meta = JSON.parse(readFileSync(file, 'utf8')) as { localUser: unknown };
  meta.localUser = { id, name: id, role };
  writeFileSync(file, JSON.stringify(meta));
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'apsis-care-'));
  ws = join(base, 'ws');
  expect(apsis(ws, ['init', '--user', 's-anna', '--role', 'social_worker'], NOW).code).toBe(0);
  client = (JSON.parse(apsis(ws, ['client', 'add', '--given', 'Anna', '--family', 'Ozola', '--lives-alone', '--json'], NOW).stdout) as { id: string }).id;
  // Bedridden, incontinent, redness on the sacrum; independent otherwise (vignette 01, completed).
  const ins = JSON.parse(readFileSync(join(__dirname, '../../data/instruments/home-care-card.json'), 'utf8')) as { items: { id: string; levels: { code: string }[] }[] };
  const worst = new Set(['personal_hygiene', 'bathing', 'dressing', 'toileting', 'bed_mobility', 'transfers']);
  const answers = Object.fromEntries(ins.items.map((i) => [i.id, worst.has(i.id) ? i.levels.at(-1)!.code : i.levels[0]!.code]));
  answersFile = join(base, 'answers.json');
  writeFileSync(answersFile, JSON.stringify(answers));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('care cycle', () => {
  it('rejects wrong answer codes and unknown instruments, naming file and item, changing nothing', () => {
    const bad = join(base, 'bad.json');
    writeFileSync(bad, JSON.stringify({ eating: 'flying' }));
    const before = treeHash(ws);
    const r = apsis(ws, ['assess', client, '--instrument', 'home-care-card', '--answers', bad], NOW);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}: eating = "flying"`);
    expect(apsis(ws, ['assess', client, '--instrument', 'nope', '--answers', bad], NOW).code).toBe(2);
    writeFileSync(bad, '{"eating": ');
    expect(apsis(ws, ['assess', client, '--instrument', 'home-care-card', '--answers', bad], NOW).stderr).toMatch(/not valid JSON/);
    expect(treeHash(ws)).toEqual(before);
  });

  it('goes from assessment to plan with four-eyes approval', () => {
    expect(apsis(ws, ['assess', client, '--instrument', 'home-care-card', '--answers', answersFile], NOW).code).toBe(0);
    const submitted = apsis(ws, ['assess', 'submit', client, '--json'], NOW);
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(JSON.parse(submitted.stdout).status).toBe('submitted');

    const own = apsis(ws, ['assess', 'approve', client], NOW);
    expect(own.code).toBe(1);
    expect(own.stderr).toMatch(/cannot approve their own/);

    becomeUser('s-maris', 'manager');
    const approved = apsis(ws, ['assess', 'approve', client, '--json'], NOW);
    expect(approved.code, approved.stderr).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ status: 'approved', approverId: 's-maris', assessorId: 's-anna' });
    expect(JSON.parse(approved.stdout).reassessDue).toMatch(/^2027-/);

    const proposal = JSON.parse(apsis(ws, ['translate', client, '--json'], NOW).stdout) as { tasks: { task: string; because: { answers: unknown[]; rule: string } }[]; careLevel: unknown };
    expect(proposal.careLevel).not.toBeNull();
    expect(proposal.tasks.length).toBeGreaterThan(3);
    for (const t of proposal.tasks) {
      expect(t.because.rule).toBeTruthy();
      expect(t.because.answers.length).toBeGreaterThan(0);
    }

    const made = apsis(ws, ['plan', 'generate', client, '--json'], NOW);
    expect(made.code, made.stderr).toBe(0);
    const plans = JSON.parse(apsis(ws, ['plan', 'show', client, '--json'], NOW).stdout) as { kind: string; items: unknown[] }[];
    expect(plans.map((p) => p.kind)).toContain('care');
    expect(plans.flatMap((p) => p.items).length).toBeGreaterThan(3);
    // A second generate shows the (empty) diff instead of duplicating plans.
    expect(apsis(ws, ['plan', 'generate', client], NOW).stdout).toMatch(/already matches/);

    const row = (plans.flatMap((p) => p.items) as { id: string }[])[0]!;
    const evaluated = apsis(ws, ['plan', 'evaluate', client, '--item', row.id, '--result', 'partly', '--reason', 'walks with a frame, not alone yet'], NOW);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(apsis(ws, ['plan', 'evaluate', client, '--item', 'pi-nope', '--result', 'partly', '--reason', 'x'], NOW).code).toBe(1);
    expect(apsis(ws, ['plan', 'evaluate', client, '--item', row.id, '--result', 'maybe', '--reason', 'x'], NOW).code).toBe(2);
    const again = JSON.parse(apsis(ws, ['translate', client, '--json'], NOW).stdout) as { openEvaluations: { result: string; reason: string }[] };
    expect(again.openEvaluations).toEqual([expect.objectContaining({ result: 'partly', reason: 'walks with a frame, not alone yet' })]);

    const due = JSON.parse(apsis(ws, ['due', '--within', '400d', '--json'], NOW).stdout) as { dueSoon: { client: string }[] };
    expect(due.dueSoon.map((d) => d.client)).toEqual([client]);

    const cohort = JSON.parse(apsis(ws, ['report', 'cohort', '--instrument', 'home-care-card', '--json'], NOW).stdout) as { clients: number; rows: { item: string; levels: { count: number }[] }[] };
    expect(cohort.clients).toBe(1);
    expect(cohort.rows.every((r) => r.levels.reduce((s, l) => s + l.count, 0) === 1)).toBe(true);
    const csv = apsis(ws, ['report', 'cohort', '--instrument', 'home-care-card', '--csv'], NOW).stdout;
    expect(csv.split('\n')[0]).toBe('instrument,item,item_label,level,level_label,count,share');
  });
});
