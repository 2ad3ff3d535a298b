/** Answering an assessment by keyboard: scores and flags are recomputed by core as you type. */
import { afterEach, describe, expect, it } from 'vitest';
import { addClientRecord, listClientRecords } from '../../core/doc/client-doc.js';
import { tuiCatalogues } from '../../cli/tui/model/catalogue.js';
import type { ClientId } from '../../core/ids.js';
import { addClients, KEY, makeWorkspace, renderApp } from './harness.js';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('assessment tab', () => {
  it('creates a draft, answers items with + and j, shows the live total, refuses an incomplete submit', async () => {
    const w = await makeWorkspace('social_worker', 'anna');
    cleanup = w.cleanup;
    const [id] = await addClients(w.ws, ['Jānis Bērziņš']);
    const ui = await renderApp(w.ws, { initial: { screen: 'client', clientId: id as ClientId, tab: 'assessment' } });
    await ui.press('n');
    await ui.waitFor((f) => f.includes('home-care-card'), 'the new draft');
    await ui.press(KEY.enter);
    await ui.waitFor((f) => f.includes('Total 0'), 'the live summary');
    const doc = await w.ws.client(id as ClientId);
    if (!doc.ok) throw new Error('doc');
    const answers = () => listClientRecords(doc.doc, 'assessments').records[0]!.answers;
    // The first raise answers the lowest level; each further raise goes one level up.
    await ui.press('+', '+', '+');
    await ui.waitFor(() => answers().eating === 'partial_help', 'eating answered');
    await ui.press('j', '+', '+');
    await ui.waitFor(() => answers().personal_hygiene === 'supervision', 'hygiene answered');
    const frame = await ui.waitFor((f) => f.includes('Total 3'), 'the live total');
    expect(frame).toMatch(/Total 3 · /);
    await ui.press('S');
    await ui.waitFor((f) => /unanswered/i.test(f.split('\n').slice(-3).join('\n')), 'the refusal in the message line');
    expect(listClientRecords(doc.doc, 'assessments').records[0]!.status).toBe('draft');
    ui.app.unmount();
  });

  it('keys typed while a slow save of the new draft is pending land on the items they were typed at', async () => {
    const w = await makeWorkspace('social_worker', 'anna');
    cleanup = w.cleanup;
    const [id] = await addClients(w.ws, ['Jānis Bērziņš']);
    // A slow disk (as on a loaded CI machine): the first save (the new draft's) finishes late.
    const save = w.ws.save.bind(w.ws);
    let first = true;
    w.ws.save = async () => {
      if (first) {
        first = false;
        await new Promise((r) => setTimeout(r, 600));
      }
      return save();
    };
    const ui = await renderApp(w.ws, { initial: { screen: 'client', clientId: id as ClientId, tab: 'assessment' } });
    await ui.press('n');
    await ui.waitFor((f) => f.includes('home-care-card'), 'the new draft');
    await ui.press(KEY.enter, '+', 'j', '+');
    const doc = await w.ws.client(id as ClientId);
    if (!doc.ok) throw new Error('doc');
    const answers = () => listClientRecords(doc.doc, 'assessments').records[0]!.answers;
    await ui.waitFor((f) => f.includes('New draft created'), 'the late save');
    await ui.press('+');
    await ui.waitFor(() => answers().personal_hygiene === 'supervision', 'hygiene raised twice');
    expect(answers().eating).toBe('independent');
    ui.app.unmount();
  });

  it('u right after an edit undoes it even while its save is still pending (undo is known at the key, not at the next render)', async () => {
    const w = await makeWorkspace('social_worker', 'anna');
    cleanup = w.cleanup;
    const [id] = await addClients(w.ws, ['Jānis Bērziņš']);
    const save = w.ws.save.bind(w.ws);
    let slow = true;
    w.ws.save = async () => {
      if (slow) await new Promise((r) => setTimeout(r, 800));
      return save();
    };
    // No background loading: nothing else re-renders the shell between the edit and the key.
    const ui = await renderApp(w.ws, { initial: { screen: 'client', clientId: id as ClientId, tab: 'assessment' }, background: false });
    const doc = await w.ws.client(id as ClientId);
    if (!doc.ok) throw new Error('doc');
    const drafts = () => listClientRecords(doc.doc, 'assessments').records.length;
    await ui.press('n');
    await ui.waitFor(() => drafts() === 1, 'the new draft in the document');
    await ui.press('u');
    await ui.waitFor(() => drafts() === 0, 'the draft undone');
    slow = false;
    await ui.waitFor((f) => f.includes('Undone.'), 'the undo saved');
    expect(ui.frame()).not.toMatch(/does nothing here/);
    ui.app.unmount();
  });

  it('a submit goes through the shell: a failed save is said in the status line (no unhandled rejection), and Approvals lists the submitted assessment in the same session', async () => {
    const w = await makeWorkspace('social_worker', 'anna');
    cleanup = w.cleanup;
    const [id] = await addClients(w.ws, ['Jānis Bērziņš']);
    const cat = tuiCatalogues();
    if (!cat.ok) throw new Error('catalogues');
    const ins = cat.value.instruments.get('home-care-card')!;
    const doc = await w.ws.client(id as ClientId);
    if (!doc.ok) throw new Error('doc');
    const answers = Object.fromEntries(ins.items.map((it) => [it.id, it.levels[0]!.code]));
    doc.doc.transact(() => {
      addClientRecord(doc.doc, 'assessments', { id: 'as-1', instrumentId: ins.id, instrumentVersion: ins.version, answers, status: 'draft', assessorId: 'anna', createdAt: '2026-11-20T10:00', submittedAt: null, approverId: null, decidedAt: null, returnReason: '', ruleTable: '', reassessDue: null, note: '' });
    });
    await w.ws.save();
    const ui = await renderApp(w.ws, { initial: { screen: 'client', clientId: id as ClientId, tab: 'assessment' } });
    await ui.waitFor((f) => f.includes('home-care-card') && /draft/i.test(f), 'the complete draft');
    // The background check has read the client (no submitted assessment yet).
    await ui.press(KEY.esc, '3');
    await ui.waitFor((f) => /Approvals/.test(f) && !/Looking for/.test(f), 'approvals, checked');
    await ui.press(KEY.esc);
    const save = w.ws.save.bind(w.ws);
    w.ws.save = () => Promise.reject(new Error('disk full'));
    await ui.press('1', KEY.enter, KEY.tab);
    await ui.waitFor((f) => f.includes('home-care-card'), 'back on the assessment tab');
    await ui.press('S');
    await ui.waitFor((f) => f.includes('disk full'), 'the failed save in the status line');
    expect(listClientRecords(doc.doc, 'assessments').records[0]!.status).toBe('submitted');
    // The next save stores it (the change is in the open document).
    w.ws.save = save;
    await ui.press(KEY.esc, '3');
    const f = await ui.waitFor((x) => x.includes('Bērziņš Jānis') && x.includes('home-care-card'), 'the submitted assessment in Approvals');
    expect(f).toContain('⚠');
    await w.ws.save();
    expect(listClientRecords(doc.doc, 'assessments').records[0]!.status).toBe('submitted');
    ui.app.unmount();
  });
});
