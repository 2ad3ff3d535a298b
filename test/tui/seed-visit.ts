/**
 * Test helper (compiled to dist/test/tui/seed-visit.js): adds one scheduled visit for the local
 * user today, as the scheduler would. Usage: node seed-visit.js <workspace> <clientId> <taskCode,…>
 */
import { clientDocId, scheduleDocId } from '../../core/doc/doc-id.js';
import { putVisit, createScheduleDoc } from '../../core/doc/schedule-doc.js';
import { readProfile } from '../../core/doc/client-doc.js';
import type { CareGroupId, ClientId } from '../../core/ids.js';
import { clockFromEnv } from '../../cli/workspace/clock.js';
import type { Clock } from '../../cli/workspace/clock.js';
import { openWorkspace } from '../../cli/workspace/workspace.js';
import { isoDate, isoWeekOf } from '../../cli/tui/model/dates.js';

/** Adds a visit of the local user to `clientId` today at 09:00 with the given tasks. */
export async function seedVisit(dir: string, clientId: string, tasks: string[], start = 9 * 60, clock: Clock = clockFromEnv()): Promise<string> {
  const opened = await openWorkspace(dir, clock);
  if (!opened.ok) throw new Error(opened.error.message);
  const ws = opened.value;
  try {
    const today = isoDate(ws.clock.now());
    const client = await ws.doc(clientDocId(clientId as ClientId));
    if (!client.ok) throw new Error(`no client ${clientId}`);
    const profile = readProfile(client.doc);
    const group = (profile.ok && profile.value.careGroupId) || 'g1';
    const docId = scheduleDocId(isoWeekOf(today), group as CareGroupId);
    const existing = await ws.doc(docId);
    if (!existing.ok) throw new Error('schedule document damaged');
    if (existing.doc.getMap('meta').size === 0) await ws.repo.create(docId, (doc) => createScheduleDoc(doc, isoWeekOf(today), group as CareGroupId), ws.origin('schedule.build'));
    const id = ws.newId<'VisitId'>('v');
    existing.doc.transact(() => {
      const res = putVisit(existing.doc, { id, clientId, staffIds: [ws.user.id], date: today, start, durationMin: 60, taskCodes: tasks, pinned: false, unassignedReason: '' });
      if (!res.ok) throw new Error(JSON.stringify(res.issues));
    }, ws.origin('schedule.build'));
    await ws.save();
    return id;
  } finally {
    await ws.close();
  }
}

if (process.argv[1]?.endsWith('seed-visit.js')) {
  const [dir, clientId, tasks] = process.argv.slice(2);
  if (!dir || !clientId) {
    process.stderr.write('usage: seed-visit <workspace> <clientId> [task,task]\n');
    process.exit(2);
  }
  process.stdout.write(`${await seedVisit(dir, clientId, (tasks ?? 'hygiene').split(','))}\n`);
}
