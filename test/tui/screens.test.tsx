import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addClientRecord, listClientRecords } from '../../core/doc/client-doc.js';
import type { ClientId } from '../../core/ids.js';
import { seedVisit } from './seed-visit.js';
import { addClients, KEY, makeWorkspace, renderApp } from './harness.js';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

async function setup(role: Parameters<typeof makeWorkspace>[0] = 'coordinator', userId = 'anna') {
  const w = await makeWorkspace(role, userId);
  cleanups.push(w.cleanup);
  return w;
}

describe('clients screen', () => {
  it('shows the caseload, moves with j/k, filters as you type and opens a client', async () => {
    const { ws } = await setup();
    await addClients(ws, ['Jānis Ozols', 'Marta Kalniņa', 'Anna Šarma'], 'g1');
    const ui = await renderApp(ws, { background: false });
    let f = await ui.waitFor((x) => x.includes('Ozols Jānis'));
    expect(f).toContain('3 of 3');
    await ui.press('/', 's', 'a', 'r');
    f = await ui.waitFor((x) => x.includes('1 of 3'));
    expect(f).toContain('Šarma Anna');
    expect(f).not.toContain('Ozols');
    await ui.press(KEY.enter);
    f = await ui.waitFor((x) => x.includes('Profile') && x.includes('Care group'));
    expect(f).toContain('Anna Šarma');
    await ui.press(KEY.esc);
    await ui.waitFor((x) => x.includes('1 of 3'));
    ui.app.unmount();
  });

  it('splits batched keys ("jj" moves two rows) and shows help from the command table', async () => {
    const { ws } = await setup();
    await addClients(ws, ['A Aa', 'B Bb', 'C Cc']);
    const ui = await renderApp(ws, { background: false });
    await ui.press('jj', KEY.enter);
    await ui.waitFor((x) => x.includes('C Cc') && x.includes('Profile'));
    await ui.press(KEY.esc, '?');
    const f = await ui.waitFor((x) => x.includes('Keys: Clients'));
    expect(f).toContain('Filter (type)');
    expect(f).toContain('Quit');
    ui.app.unmount();
  });

  it('shows markers once the background check has read the documents', async () => {
    const { ws } = await setup();
    const [id] = await addClients(ws, ['Jānis Ozols']);
    const res = await ws.client(id as ClientId);
    if (!res.ok) throw new Error('open');
    res.doc.transact(() => {
      addClientRecord(res.doc, 'alerts', { id: 'al-1', observationId: null, level: 'inform_gp', raisedAt: '2026-11-22T10:00', raisedBy: 'x', reason: 'fever', status: 'open', handledBy: null, handledAt: null, actionTaken: '' });
    });
    await ws.save();
    const ui = await renderApp(ws);
    const f = await ui.waitFor((x) => /G[A!] +Ozols/.test(x), 'markers');
    expect(f).toContain('R reassessment overdue');
    ui.app.unmount();
  });

  it('speaks Latvian by default', async () => {
    const { ws } = await setup();
    const ui = await renderApp(ws, { lang: 'lv', background: false });
    const f = await ui.waitFor((x) => x.includes('Klienti'));
    expect(f).toContain('Klientu vēl nav');
    expect(f).toContain('koordinators');
    ui.app.unmount();
  });

  it('opens the command palette and runs a command by fuzzy search', async () => {
    const { ws } = await setup();
    const ui = await renderApp(ws, { background: false });
    await ui.press(':', 'd', 'a', 's', 'h');
    await ui.waitFor((x) => x.includes('Command:') && x.includes('Dashboard'));
    await ui.press(KEY.enter);
    await ui.waitFor((x) => x.includes("Today's execution per care group"));
    ui.app.unmount();
  });
});

describe('my day', () => {
  it('records a task as done and another as partly, with a note, and undoes with u', async () => {
    const { ws } = await setup('caregiver');
    const [id] = await addClients(ws, ['Jānis Ozols'], 'g1');
    await ws.close();
    await seedVisit(ws.dir, id!, ['hygiene', 'meal'], 9 * 60, ws.clock);
    const { openWorkspace } = await import('../../cli/workspace/workspace.js');
    const re = await openWorkspace(ws.dir, ws.clock);
    if (!re.ok) throw new Error(re.error.message);
    const ws2 = re.value;
    cleanups.push(() => ws2.close());
    const ui = await renderApp(ws2);
    await ui.waitFor((x) => x.includes('hygiene') && x.includes('Ozols Jānis'), 'my day rows');
    await ui.press('d');
    await ui.waitFor((x) => x.includes('hygiene: Done. Saved.'));
    await ui.press('j', 'p');
    await ui.waitFor((x) => x.includes('meal: Partly. Saved.'));
    await ui.press('n', 'o', 'k', KEY.enter);
    // The note is shown as soon as it is in the document; wait for its save too, or its "Saved." may land after "Undone.".
    await ui.waitFor((x) => x.includes('Partly — ok') && /^Saved\.$/m.test(x));
    const doc = await ws2.client(id as ClientId);
    if (!doc.ok) throw new Error('open');
    expect(listClientRecords(doc.doc, 'taskRecords').records.map((r) => r.outcome).sort()).toEqual(['done', 'partly']);
    await ui.press('u');
    await ui.waitFor((x) => x.includes('Undone.'));
    expect(listClientRecords(doc.doc, 'taskRecords').records.find((r) => r.taskCode === 'meal')?.note).toBe('');
    await ui.press(KEY.ctrlR);
    await ui.waitFor((x) => x.includes('Redone.'));
    expect(listClientRecords(doc.doc, 'taskRecords').records.find((r) => r.taskCode === 'meal')?.note).toBe('ok');
    ui.app.unmount();
  });

  it('raises an emergency alert from the observation checklist and says what to do', async () => {
    const { ws } = await setup('caregiver');
    const [id] = await addClients(ws, ['Jānis Ozols'], 'g1');
    await ws.close();
    await seedVisit(ws.dir, id!, ['hygiene'], 9 * 60, ws.clock);
    const { openWorkspace } = await import('../../cli/workspace/workspace.js');
    const re = await openWorkspace(ws.dir, ws.clock);
    if (!re.ok) throw new Error(re.error.message);
    const ws2 = re.value;
    cleanups.push(() => ws2.close());
    const ui = await renderApp(ws2);
    await ui.waitFor((x) => x.includes('hygiene'));
    await ui.press('o');
    await ui.waitFor((x) => x.includes('Observations: Ozols Jānis'));
    await ui.press(...Array.from({ length: 13 }, () => 'j'), ' ', KEY.enter); // the catalogue's 14th item: sudden chest pain
    const f = await ui.waitFor((x) => x.includes('CALL 113 NOW'));
    expect(f).toContain('Sudden chest pain');
    const doc = await ws2.client(id as ClientId);
    if (!doc.ok) throw new Error('open');
    expect(listClientRecords(doc.doc, 'alerts').records[0]?.level).toBe('emergency');
    ui.app.unmount();
  });

  it('explains how a schedule is built when there are no visits', async () => {
    const { ws } = await setup('caregiver');
    const ui = await renderApp(ws);
    await ui.waitFor((x) => x.includes('No visits planned for you today'));
    ui.app.unmount();
  });
});

describe('approvals', () => {
  async function withSubmitted(assessorId: string, role: 'manager' = 'manager') {
    const { ws } = await setup(role, 'ivars');
    const [id] = await addClients(ws, ['Jānis Ozols']);
    const res = await ws.client(id as ClientId);
    if (!res.ok) throw new Error('open');
    res.doc.transact(() => {
      addClientRecord(res.doc, 'assessments', {
        id: 'as-1', instrumentId: 'homecare', instrumentVersion: '1', answers: {}, status: 'submitted', assessorId, createdAt: '2026-11-20T10:00', submittedAt: '2026-11-21T10:00',
        approverId: null, decidedAt: null, returnReason: '', ruleTable: '', reassessDue: null, note: '',
      });
    });
    await ws.save();
    return { ws, id: id as ClientId, doc: res.doc };
  }

  it('approves an assessment made by someone else after one confirmation', async () => {
    const { ws, doc } = await withSubmitted('anna');
    const ui = await renderApp(ws, { initial: { screen: 'approvals' } });
    await ui.waitFor((x) => x.includes('assessed by anna'));
    await ui.press('a');
    await ui.waitFor((x) => x.includes('Approve the assessment of Ozols Jānis?'));
    await ui.press('y');
    await ui.waitFor((x) => x.includes('Approved.'));
    expect(listClientRecords(doc, 'assessments').records[0]).toMatchObject({ status: 'approved', approverId: 'ivars' });
    ui.app.unmount();
  });

  it('refuses when you are the assessor (four-eyes) and requires a reason to return', async () => {
    const { ws, doc } = await withSubmitted('ivars');
    const ui = await renderApp(ws, { initial: { screen: 'approvals' } });
    await ui.waitFor((x) => x.includes('assessed by ivars'));
    await ui.press('a');
    await ui.waitFor((x) => x.includes('four-eyes'));
    expect(listClientRecords(doc, 'assessments').records[0]?.status).toBe('submitted');
    ui.app.unmount();
  });

  it('returns with a reason', async () => {
    const { ws, doc } = await withSubmitted('anna');
    const ui = await renderApp(ws, { initial: { screen: 'approvals' } });
    await ui.waitFor((x) => x.includes('assessed by anna'));
    await ui.press('r', ...'no GP'.split(''), KEY.enter);
    await ui.waitFor((x) => x.includes('Returned with a reason.'));
    expect(listClientRecords(doc, 'assessments').records[0]).toMatchObject({ status: 'returned', returnReason: 'no GP' });
    ui.app.unmount();
  });

  it('keeps every key of a reason written one key per write with no render in between', async () => {
    const { ws, doc } = await withSubmitted('anna');
    const ui = await renderApp(ws, { initial: { screen: 'approvals' } });
    await ui.waitFor((x) => x.includes('assessed by anna'));
    await ui.press('r');
    await ui.waitFor((x) => /reason/i.test(x.split('\n').slice(-3).join('\n')), 'the prompt');
    for (const k of 'no GP') ui.app.stdin.write(k); // separate writes, no await: each key sees the same render
    await ui.press(KEY.enter);
    await ui.waitFor((x) => x.includes('Returned with a reason.'));
    expect(listClientRecords(doc, 'assessments').records[0]).toMatchObject({ status: 'returned', returnReason: 'no GP' });
    ui.app.unmount();
  });
});

describe('client plan and history', () => {
  it('adds a plan row through prompts, deletes it after one confirmation, and shows who changed what', async () => {
    const { ws } = await setup();
    const [id] = await addClients(ws, ['Jānis Ozols']);
    const ui = await renderApp(ws, { initial: { screen: 'client', clientId: id as ClientId, tab: 'plan' }, background: false });
    await ui.waitFor((x) => x.includes('No plan yet'));
    await ui.press('a', 'f', 'a', 'l', 'l', KEY.enter, 's', 'a', 'f', 'e', KEY.enter, 'w', 'a', 'l', 'k', KEY.enter);
    await ui.waitFor((x) => x.includes('fall') && x.includes('walk'));
    await ui.press('x');
    await ui.waitFor((x) => x.includes('Delete plan row "walk"?'));
    await ui.press('n');
    await ui.waitFor((x) => !x.includes('Delete plan row'));
    await ui.press(KEY.tab);
    const f = await ui.waitFor((x) => x.includes('Who changed what') && x.includes('plan.addItem'));
    expect(f).toContain('anna');
    ui.app.unmount();
  });
});

describe('dashboard and schedule', () => {
  it('shows integrity warnings and today\'s progress; the board lists the day\'s routes', async () => {
    const { ws } = await setup('manager', 'ivars');
    const [id] = await addClients(ws, ['Jānis Ozols'], 'g1');
    await ws.close();
    await seedVisit(ws.dir, id!, ['hygiene'], 9 * 60, ws.clock);
    const { openWorkspace } = await import('../../cli/workspace/workspace.js');
    const re = await openWorkspace(ws.dir, ws.clock);
    if (!re.ok) throw new Error(re.error.message);
    const ws2 = re.value;
    cleanups.push(() => ws2.close());
    const ui = await renderApp(ws2, { initial: { screen: 'dashboard' } });
    await ui.waitFor((x) => x.includes('g1: 0/1 visits recorded') && x.includes('Ozols Jānis: no valid GP statement'));
    await ui.press('4');
    await ui.waitFor((x) => x.includes('Routes on') && x.includes('09:00–10:00 Ozols Jānis'));
    await ui.press('+');
    await ui.waitFor((x) => x.includes('09:15–10:15'));
    await ui.press('v');
    await ui.waitFor((x) => x.includes('by worker'));
    ui.app.unmount();
  });
});

describe('client screen: e-file export', () => {
  it('a failing export (exports/ is a file) is said in the status line and the app keeps working', async () => {
    const { ws } = await setup();
    const [id] = await addClients(ws, ['Jānis Ozols']);
    await writeFile(join(ws.dir, 'exports'), 'not a folder');
    const ui = await renderApp(ws, { initial: { screen: 'client', clientId: id as ClientId, tab: 'profile' }, background: false });
    await ui.waitFor((f) => f.includes('Ozols'), 'the client');
    await ui.press('E');
    const f = await ui.waitFor((x) => x.includes('could not be exported'), 'the failure in the status line');
    expect(f).toMatch(/EEXIST: file already exists, mkdir/);
    await ui.press(KEY.tab);
    await ui.waitFor((x) => /Assessment/.test(x) && /No assessment|home-care|n New/i.test(x), 'the next tab');
    ui.app.unmount();
  });
});

describe('client screen: history after a failed write', () => {
  it('says the failed write in the status line and still shows the tab', async () => {
    const { ws } = await setup();
    const [id] = await addClients(ws, ['Jānis Ozols']);
    const res = await ws.client(id as ClientId);
    if (!res.ok) throw new Error('open');
    const storage = ws.repo.storage;
    const append = storage.append.bind(storage);
    let failed = false;
    storage.append = () => {
      failed = true;
      return Promise.reject(new Error('disk full'));
    };
    res.doc.transact(() => {
      addClientRecord(res.doc, 'alerts', { id: 'al-1', observationId: null, level: 'inform_gp', raisedAt: '2026-11-22T10:00', raisedBy: 'x', reason: 'fever', status: 'open', handledBy: null, handledAt: null, actionTaken: '' });
    });
    // The repository writes after the transaction, on its own queue: let it meet the failing disk.
    for (let i = 0; i < 100 && storage.append !== append; i++) {
      await new Promise((r) => setTimeout(r, 10));
      if (failed) storage.append = append;
    }
    const ui = await renderApp(ws, { initial: { screen: 'client', clientId: id as ClientId, tab: 'history' }, background: false });
    const f = await ui.waitFor((x) => x.includes('Could not save: disk full'), 'the failed write in the status line');
    expect(f).toContain('Who changed what');
    ui.app.unmount();
  });
});
