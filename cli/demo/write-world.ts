/** Writes a generated demo world into a fresh workspace: the org document and one document per client. */
import { clientDocId } from '../../core/doc/doc-id.js';
import { addClientRecord, createClientDoc } from '../../core/doc/client-doc.js';
import { addOrgRecord } from '../../core/doc/org-doc.js';
import { act } from '../../core/doc/origin.js';
import type { DemoCare } from '../../core/demo/care.js';
import type { DemoWorld } from '../../core/demo/world.js';
import type { ClientId } from '../../core/ids.js';
import type { Workspace } from '../workspace/workspace.js';

/** Fills `ws` with `world` (and its care records); each document is created in one transaction. */
export async function writeWorld(ws: Workspace, world: DemoWorld, care: ReadonlyMap<string, DemoCare> = new Map()): Promise<void> {
  const org = await ws.org();
  if (!org.ok) throw new Error('a fresh demo workspace cannot have a damaged org document');
  act(org.doc, ws.origin('demo.generate'), () => {
    for (const g of world.careGroups) must(addOrgRecord(org.doc, 'careGroups', g));
    for (const s of world.staff) must(addOrgRecord(org.doc, 'staff', s));
    for (const a of world.absences) must(addOrgRecord(org.doc, 'absences', a));
  });
  for (const c of world.clients) {
    const id = c.id as ClientId;
    const res = await ws.repo.create(clientDocId(id), (doc) => {
      createClientDoc(doc, id, c.profile);
      for (const gp of c.gpStatements) must(addClientRecord(doc, 'gpStatements', gp));
      const records = care.get(c.id);
      if (records) {
        for (const a of records.assessments) must(addClientRecord(doc, 'assessments', a));
        for (const p of records.plans) must(addClientRecord(doc, 'plans', p));
        for (const i of records.planItems) must(addClientRecord(doc, 'planItems', i));
        for (const v of records.visitRecords) must(addClientRecord(doc, 'visitRecords', v));
        for (const t of records.taskRecords) must(addClientRecord(doc, 'taskRecords', t));
        for (const o of records.observations) must(addClientRecord(doc, 'observations', o));
        for (const a of records.alerts) must(addClientRecord(doc, 'alerts', a));
      }
    }, ws.origin('demo.generate'));
    if (!res.ok) throw new Error(`demo client ${id} could not be created`);
    ws.markDirty(clientDocId(id));
  }
  await ws.save();
}

/** Generated data must be valid; if not, it is a bug in the generator. */
function must(res: { ok: boolean; issues?: readonly { path: string; message: string }[] }): void {
  if (!res.ok) throw new Error(`demo generator produced invalid data: ${JSON.stringify(res.issues)}`);
}
