/** Proposal tab: accept / reject each proposed item with its reason, make the plan, review the reassessment diff. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addClientRecord, listClientRecords } from '../../core/doc/client-doc.js';
import { act } from '../../core/doc/origin.js';
import type { Assessment } from '../../core/doc/schema.js';
import type { ClientId } from '../../core/ids.js';
import type { Workspace } from '../../cli/workspace/workspace.js';
import { addClients, makeWorkspace, renderApp } from './harness.js';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

const instrument = JSON.parse(readFileSync(join(__dirname, '../../data/instruments/home-care-card.json'), 'utf8')) as { version: string; items: { id: string; levels: { code: string }[] }[] };

/** Answers: the given items at their worst level, every other item at its best. */
function answers(worst: readonly string[], levels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(instrument.items.map((i) => [i.id, levels[i.id] ?? (worst.includes(i.id) ? i.levels.at(-1)!.code : i.levels[0]!.code)]));
}

/** Stores an approved home-care card assessment (assessed by someone else, approved by a manager). */
async function approve(ws: Workspace, id: string, worst: readonly string[], at: string, levels: Record<string, string> = {}): Promise<Y.Doc> {
  const opened = await ws.client(id as ClientId);
  if (!opened.ok) throw new Error('doc');
  const a: Assessment = {
    id: `as-${at.replace(/\D/g, '')}`,
    instrumentId: 'home-care-card',
    instrumentVersion: instrument.version,
    answers: answers(worst, levels),
    status: 'approved',
    assessorId: 'sw-ilze',
    createdAt: `${at}T09:00`,
    submittedAt: `${at}T10:00`,
    approverId: 'm-juris',
    decidedAt: `${at}T11:00`,
    returnReason: '',
    ruleTable: '',
    reassessDue: null,
    note: '',
  };
  act(opened.doc, ws.origin('test.seed'), () => {
    const res = addClientRecord(opened.doc, 'assessments', a);
    if (!res.ok) throw new Error(JSON.stringify(res.issues));
  });
  await ws.save();
  return opened.doc;
}

const rowsOf = (frame: string) => frame.split('\n').filter((l) => /\[[ ✓✗]\]/.test(l));
const decisions = (doc: Y.Doc) => Object.fromEntries(listClientRecords(doc, 'proposalDecisions').records.map((d) => [d.item, d.decision]));

describe('proposal tab', () => {
  it('accepts and rejects items with their reasons, undoes with u, and makes the plan from the accepted ones only (80×24)', async () => {
    const w = await makeWorkspace('social_worker', 'anna');
    cleanup = w.cleanup;
    const [id] = await addClients(w.ws, ['Anna Ozola']);
    const doc = await approve(w.ws, id!, ['personal_hygiene', 'bathing', 'dressing', 'bed_mobility', 'transfers'], '2026-11-20');
    const ui = await renderApp(w.ws, { initial: { screen: 'client', clientId: id as ClientId, tab: 'proposal' }, columns: 80 });
    let frame = await ui.waitFor((f) => rowsOf(f).length >= 3, 'the proposed items');
    for (const line of frame.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
    expect(frame).toMatch(/because: \S+ \(riga@/);
    expect(frame).toMatch(/a Accept · r Reject · P Make the plan/);
    const first = rowsOf(frame)[0]!;
    expect(first).toMatch(/^\[ \] \+ /);

    await ui.press('a');
    frame = await ui.waitFor((f) => rowsOf(f)[0]!.startsWith('[✓]'), 'the first item accepted');
    const accepted = Object.keys(decisions(doc));
    expect(accepted).toHaveLength(1);
    expect(decisions(doc)[accepted[0]!]).toBe('accepted');
    await ui.press('j', 'r');
    await ui.waitFor((f) => rowsOf(f)[1]!.startsWith('[✗]'), 'the second item rejected');
    expect(Object.values(decisions(doc)).sort()).toEqual(['accepted', 'rejected']);
    // One decision = one undo step.
    await ui.press('u');
    await ui.waitFor((f) => rowsOf(f)[1]!.startsWith('[ ]') && f.includes('Undone.'), 'the rejection undone and saved');
    expect(Object.values(decisions(doc))).toEqual(['accepted']);
    await ui.press('r');
    await ui.waitFor((f) => rowsOf(f)[1]!.startsWith('[✗]'), 'rejected again');

    await ui.press('P');
    // The message comes once the plan is saved.
    frame = await ui.waitFor((f) => f.includes('Reassessment:') && f.includes('Plan made: 1 rows'), 'the plan made; the tab now shows the diff');
    const items = listClientRecords(doc, 'planItems').records;
    const tasks = Object.entries(decisions(doc)).filter(([k]) => k.startsWith('add:'));
    const acceptedCode = tasks.find(([, d]) => d === 'accepted')![0].replace(/^add:/, '');
    const rejectedCode = tasks.find(([, d]) => d === 'rejected')![0].replace(/^add:/, '');
    expect(items.map((i) => i.taskCode)).toEqual([acceptedCode]);
    expect(items[0]!.reason).toMatch(/riga@/);
    expect(listClientRecords(doc, 'plans').records).toHaveLength(1);
    // The rejected task stays rejected in the diff; the undecided ones are still to decide.
    expect(rowsOf(frame).some((l) => l.startsWith('[✗] + add'))).toBe(true);
    expect(frame).toMatch(/Already applied: /);
    expect(frame).not.toContain(`add ${rejectedCode}`);
    ui.app.unmount();
  });

  it('refuses to accept a blocked service and to make a plan from nothing, changing nothing', async () => {
    const w = await makeWorkspace('social_worker', 'anna');
    cleanup = w.cleanup;
    const [id] = await addClients(w.ws, ['Anna Ozola']);
    // No GP statement: home care is blocked by the GP gate.
    const doc = await approve(w.ws, id!, ['bathing', 'dressing', 'personal_hygiene', 'toileting'], '2026-11-20');
    const ui = await renderApp(w.ws, { initial: { screen: 'client', clientId: id as ClientId, tab: 'proposal' } });
    await ui.waitFor((f) => rowsOf(f).length >= 1, 'the proposed items');
    await ui.press('P');
    await ui.waitFor((f) => f.includes('No task or referral is accepted'), 'the refusal to make an empty plan');
    const frame = await ui.waitFor((f) => /\[ \] \* .*blocked/.test(f), 'the blocked service listed');
    await ui.press('g', ...Array<string>(rowsOf(frame).findIndex((l) => /^\[ \] \* .*blocked/.test(l))).fill('j'), 'a');
    await ui.waitFor((f) => /Cannot accept, nothing was changed: No GP statement/.test(f), 'the refusal naming why');
    expect(listClientRecords(doc, 'proposalDecisions').records).toHaveLength(0);
    expect(listClientRecords(doc, 'services').records).toHaveLength(0);
    expect(listClientRecords(doc, 'plans').records).toHaveLength(0);
    // A service that is not blocked is granted at once, with its reason.
    const open = rowsOf(ui.frame()).findIndex((l) => /^\[ \] \* /.test(l) && !l.includes('blocked'));
    expect(open).toBeGreaterThanOrEqual(0);
    await ui.press('g', ...Array<string>(open).fill('j'), 'a');
    await ui.waitFor((f) => f.includes('Granted: '), 'the service granted');
    const granted = listClientRecords(doc, 'services').records;
    expect(granted).toHaveLength(1);
    expect(granted[0]!.reason).toMatch(/riga@/);
    ui.app.unmount();
  });

  it('after a reassessment shows added, removed and changed tasks and applies each accepted change at once', async () => {
    const w = await makeWorkspace('coordinator', 'anna');
    cleanup = w.cleanup;
    const [id] = await addClients(w.ws, ['Anna Ozola']);
    const doc = await approve(w.ws, id!, ['cooking'], '2026-05-20', { bathing: 'partial_help' });
    const ui = await renderApp(w.ws, { initial: { screen: 'client', clientId: id as ClientId, tab: 'proposal' } });
    let frame = await ui.waitFor((f) => rowsOf(f).length >= 2, 'the first proposal');
    // Accept every task and referral, then make the plan.
    const n = rowsOf(frame).filter((l) => !l.includes('] * ')).length;
    for (let i = 0; i < n; i++) await ui.press('a', 'j');
    await ui.press('P');
    await ui.waitFor((f) => f.includes('Reassessment:'), 'the plan made');
    const before = listClientRecords(doc, 'planItems').records;
    expect(before.length).toBeGreaterThan(0);

    // The reassessment: cooking is fine now, bathing needs more help, dressing and continence need help.
    await approve(w.ws, id!, ['bathing', 'dressing', 'continence'], '2026-11-20');
    frame = await ui.waitFor((f) => f.includes('[ ] + add') && f.includes('[ ] − remove'), 'the diff with additions and removals');
    expect(frame).toMatch(/\[ \] ~ frequency Bathing.*→ twice a week\)/);
    const removeRow = rowsOf(frame).findIndex((l) => l.startsWith('[ ] − remove'));
    const addRow = rowsOf(frame).findIndex((l) => l.startsWith('[ ] + add'));
    const freqRow = rowsOf(frame).findIndex((l) => l.startsWith('[ ] ~ frequency'));
    await ui.press('g', ...Array<string>(removeRow).fill('j'));
    await ui.waitFor((f) => f.includes('because: no rule asks for this task any more'), 'the reason of a removal');

    // Reject the removal: recorded, the plan is as it was.
    await ui.press('g', ...Array<string>(removeRow).fill('j'), 'r');
    frame = await ui.waitFor((f) => rowsOf(f).some((l) => l.startsWith('[✗] − remove')), 'the removal rejected');
    expect(listClientRecords(doc, 'planItems').records.map((i) => i.id).sort()).toEqual(before.map((i) => i.id).sort());

    // Accept an addition: the new row is in the plan at once, with its reason; the change leaves the diff.
    const adds = rowsOf(frame).filter((l) => l.startsWith('[ ] + add')).length;
    await ui.press('g', ...Array<string>(addRow).fill('j'), 'a');
    await ui.waitFor((f) => rowsOf(f).filter((l) => l.startsWith('[ ] + add')).length === adds - 1, 'the addition applied');
    const after = listClientRecords(doc, 'planItems').records;
    expect(after).toHaveLength(before.length + 1);
    const added = after.find((i) => !before.some((b) => b.id === i.id))!;
    expect(added.reason).toMatch(/riga@/);
    expect(ui.frame()).toMatch(/Already applied: .*\+ add/);

    // Accept the frequency change: the row keeps its id and gets the new frequency.
    const bathing = before.find((i) => i.taskCode === 'bathing')!;
    await ui.press('g', ...Array<string>(rowsOf(ui.frame()).findIndex((l) => l.startsWith('[ ] ~ frequency'))).fill('j'), 'a');
    await ui.waitFor((f) => !f.includes('[ ] ~ frequency'), 'the frequency change applied');
    expect(listClientRecords(doc, 'planItems').records.find((i) => i.id === bathing.id)!.frequency).toBe('2x_week');
    expect(freqRow).toBeGreaterThanOrEqual(0);
    await ui.press('u');
    await ui.waitFor((f) => f.includes('[ ] ~ frequency'), 'the frequency change undone');
    expect(listClientRecords(doc, 'planItems').records.find((i) => i.id === bathing.id)!.frequency).toBe(bathing.frequency);

    // Undo takes the row out again, and the change is back in the diff.
    await ui.press('u');
    await ui.waitFor((f) => rowsOf(f).filter((l) => l.startsWith('[ ] + add')).length === adds && f.includes('Undone.'), 'the addition undone and saved');
    expect(listClientRecords(doc, 'planItems').records).toHaveLength(before.length);
    ui.app.unmount();
  });
});
