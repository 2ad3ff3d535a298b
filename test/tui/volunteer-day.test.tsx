/** A volunteer's My day: her visits from her own minimal document, read-only, updated as it syncs. */
import { afterEach, describe, expect, it } from 'vitest';
import { volunteerDocId } from '../../core/doc/doc-id.js';
import { createVolunteerDoc, replaceVolunteerVisits } from '../../core/doc/volunteer-doc.js';
import type { DocId, StaffId } from '../../core/ids.js';
import type { VolunteerVisit } from '../../core/doc/schema.js';
import { makeWorkspace, renderApp } from './harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const SOURCE = 'schedule/2026-W48/g1' as DocId;
const visit = (id: string, date: string, start: number, name: string, tasks: string[]): VolunteerVisit => ({
  id, source: SOURCE, clientId: `c-${id}`, clientFirstName: name, address: 'Skolas iela 3, Koknese', date, start, durationMin: 45, taskCodes: tasks,
});

describe('volunteer my day', () => {
  it("lists today's visits from her own document, in time order, and follows changes", async () => {
    const { ws, cleanup } = await makeWorkspace('volunteer', 's-0009');
    cleanups.push(cleanup);
    const docId = volunteerDocId('s-0009' as StaffId);
    const opened = await ws.repo.create(docId, (doc) => {
      createVolunteerDoc(doc, 's-0009' as StaffId);
      replaceVolunteerVisits(doc, SOURCE, [visit('v2', '2026-11-23', 14 * 60, 'Jānis', ['shopping']), visit('v1', '2026-11-23', 10 * 60, 'Ērika', ['walk', 'conversation']), visit('v3', '2026-11-24', 9 * 60, 'Zenta', ['shopping'])]);
    }, ws.origin('test.seed'));
    if (!opened.ok) throw new Error('create');
    await ws.save();

    const ui = await renderApp(ws);
    const frame = await ui.waitFor((f) => f.includes('Ērika') && f.includes('Jānis'), 'volunteer rows');
    expect(frame.indexOf('10:00')).toBeLessThan(frame.indexOf('14:00'));
    expect(frame).toContain('walk, conversation');
    expect(frame).not.toContain('Zenta'); // tomorrow
    expect(frame).toContain("Only your visits' data");

    // A synced change (here: the coordinator's refresh applied to the document) shows at once.
    opened.doc.transact(() => {
      replaceVolunteerVisits(opened.doc, SOURCE, [visit('v1', '2026-11-23', 10 * 60, 'Ērika', ['walk'])]);
    }, 'remote');
    await ui.waitFor((f) => f.includes('Ērika') && !f.includes('Jānis') && !f.includes('conversation'), 'after the change');
    ui.app.unmount();
  });

  it('says so when no visit is planned', async () => {
    const { ws, cleanup } = await makeWorkspace('volunteer', 's-0010');
    cleanups.push(cleanup);
    const ui = await renderApp(ws);
    await ui.waitFor((f) => f.includes('No visits planned for you today. A coordinator assigns them'), 'empty');
    ui.app.unmount();
  });
});
