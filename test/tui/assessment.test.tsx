/** Answering an assessment by keyboard: scores and flags are recomputed by core as you type. */
import { afterEach, describe, expect, it } from 'vitest';
import { listClientRecords } from '../../core/doc/client-doc.js';
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
});
