/**
 * The offline-week scenario's two workspaces. The caregiver's laptop gets a copy of the office's
 * documents for her (organisation, her clients, her group's schedules: Yjs state, not re-imported
 * JSON) and then, as her, the week of visit records that the office does not have; the office
 * meanwhile moves on (a client's phone changes). Syncing both through a relay merges the two.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { OfflineWeek } from '../../core/demo/scenarios.js';
import { addClientRecord, deleteClientRecord, listClientRecords, patchProfile } from '../../core/doc/client-doc.js';
import { clientDocId, ORG_DOC, parseDocId } from '../../core/doc/doc-id.js';
import { act } from '../../core/doc/origin.js';
import { getOrgRecord } from '../../core/doc/org-doc.js';
import type { TaskRecord, VisitRecord } from '../../core/doc/schema.js';
import type { ClientId, DocId } from '../../core/ids.js';
import { createFileStorage } from '../store/file-storage.js';
import { lockWorkspace } from '../store/lock.js';
import { createMeta, META_FILE } from '../store/workspace-meta.js';
import type { Workspace } from '../workspace/workspace.js';
import { newWorkspaceMeta, openWorkspace } from '../workspace/workspace.js';

interface WeekOfClient {
  readonly clientId: ClientId;
  readonly visits: VisitRecord[];
  readonly tasks: TaskRecord[];
}

export type OfflineResult = { readonly ok: true; readonly laptopDir: string; readonly visits: number } | { readonly ok: false; readonly reason: string };

/** Prepares the laptop in `laptopDir` (must hold no workspace) and the office's changes in `ws`. */
export async function prepareOfflineWeek(ws: Workspace, plan: OfflineWeek, laptopDir: string): Promise<OfflineResult> {
  await mkdir(laptopDir, { recursive: true });
  const present = await readdir(laptopDir);
  if (present.includes(META_FILE) || present.includes('docs')) return { ok: false, reason: `${laptopDir} already holds a workspace (this scenario was started; use \`apsis demo --reset\` and another --laptop folder)` };
  const org = await ws.org();
  if (!org.ok) return { ok: false, reason: 'the organisation document cannot be read (run `apsis doctor`)' };
  const me = getOrgRecord(org.doc, 'staff', plan.staffId);
  const group = me?.ok ? me.value.careGroupId : null;

  // 1. Her week, read from the office's documents.
  const week: WeekOfClient[] = [];
  for (const id of plan.clientIds) {
    const doc = await ws.client(id as ClientId);
    if (!doc.ok) return { ok: false, reason: `client ${id} cannot be read (run \`apsis doctor\`)` };
    const visits = listClientRecords(doc.doc, 'visitRecords').records.filter((v) => v.staffId === plan.staffId && v.date >= plan.from && v.date <= plan.to);
    const ids = new Set(visits.map((v) => v.id));
    week.push({ clientId: id as ClientId, visits, tasks: listClientRecords(doc.doc, 'taskRecords').records.filter((t) => ids.has(t.visitRecordId)) });
  }
  // 2. The office never received them: they leave the office's copy (one transaction per client).
  const origin = ws.origin('demo.scenario.offline-week');
  for (const w of week) {
    const doc = await ws.client(w.clientId);
    if (!doc.ok) continue;
    act(doc.doc, origin, () => {
      for (const t of w.tasks) deleteClientRecord(doc.doc, 'taskRecords', t.id);
      for (const v of w.visits) deleteClientRecord(doc.doc, 'visitRecords', v.id);
    });
  }
  await ws.save();

  // 3. The laptop: the office's state of her documents, copied as Yjs updates.
  const mine: DocId[] = [ORG_DOC, ...week.map((w) => clientDocId(w.clientId)), ...(await ws.knownDocs()).filter((d) => { const ref = parseDocId(d); return ref?.kind === 'schedule' && ref.careGroupId === group; })];
  const who = { id: plan.staffId, name: plan.staffName, role: 'caregiver' as const };
  const lock = lockWorkspace(laptopDir);
  if (!lock.ok) return { ok: false, reason: lock.message };
  try {
    const storage = createFileStorage(join(laptopDir, 'docs'));
    const meta = { userId: who.id, at: ws.clock.now().toISOString(), action: 'demo.scenario.offline-week' };
    for (const d of mine) {
      const doc = await ws.doc(d);
      if (doc.ok) await storage.append(d, Y.encodeStateAsUpdate(doc.doc), meta);
    }
    await createMeta(laptopDir, newWorkspaceMeta(ws.clock, { user: who, namespace: ws.meta.namespace, demo: true }));
  } finally {
    lock.release();
  }

  // 4. The office moves on while she is away.
  const edited = await ws.client(plan.officeEdit.clientId as ClientId);
  if (edited.ok) act(edited.doc, ws.origin('client.edit'), () => patchProfile(edited.doc, { phone: plan.officeEdit.phone }));
  await ws.save();

  // 5. On the laptop, as her: the week's records (one transaction per client, as she saved them).
  const laptop = await openWorkspace(laptopDir, ws.clock);
  if (!laptop.ok) return { ok: false, reason: `the laptop workspace ${laptopDir} cannot be opened: ${laptop.error.message}` };
  try {
    await laptop.value.reindex();
    for (const w of week) {
      const doc = await laptop.value.client(w.clientId);
      if (!doc.ok) return { ok: false, reason: `client ${w.clientId} was not copied to the laptop` };
      act(doc.doc, laptop.value.origin('visit.record'), () => {
        for (const v of w.visits) addClientRecord(doc.doc, 'visitRecords', v);
        for (const t of w.tasks) addClientRecord(doc.doc, 'taskRecords', t);
      });
      laptop.value.markDirty(clientDocId(w.clientId));
    }
    await laptop.value.save();
    await laptop.value.setScenario({ name: 'offline-week', task: plan.laptopTask, startedAt: ws.clock.now().toISOString() });
  } finally {
    await laptop.value.close();
  }
  return { ok: true, laptopDir, visits: week.reduce((s, w) => s + w.visits.length, 0) };
}
