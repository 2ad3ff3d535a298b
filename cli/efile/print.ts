/** `apsis print plan|worksheet`: one PDF, written to a partial file and renamed when complete. */
import { rename, rm, writeFile } from 'node:fs/promises';
import { readClientDoc } from '../../core/doc/client-doc.js';
import { parseDocId } from '../../core/doc/doc-id.js';
import { listVisits } from '../../core/doc/schedule-doc.js';
import type { WorkerSheetClientRecords, WorkerSheetVisit } from '../../core/efile/efile.js';
import { clientName, planPrintSpec, taskNames, workerSheetSpec } from '../../core/efile/efile.js';
import type { PdfSpec } from '../../core/efile/pdf-spec.js';
import type { ClientId } from '../../core/ids.js';
import type { Workspace } from '../workspace/workspace.js';
import { orgInfo, softwareVersion } from './export.js';
import type { Loaded } from './export.js';
import { renderPdf } from './pdf.js';
import { partialName } from './zip.js';
import { fsReason, isFsError } from '../store/fs-reason.js';

/** Renders and writes a PDF atomically; returns its size. */
export async function writePdf(spec: PdfSpec, date: Date, out: string): Promise<Loaded<number>> {
  const data = await renderPdf(spec, date);
  const partial = partialName(out);
  try {
    await writeFile(partial, data);
    await rename(partial, out);
  } catch (err) {
    // Where the partial could not be made, there is none to remove (rm itself fails on a file in the path).
    await rm(partial, { force: true }).catch(() => undefined);
    if (!isFsError(err)) throw err;
    return { ok: false, message: `cannot write ${out}: ${fsReason(err)}. Nothing was written.` };
  }
  return { ok: true, value: data.length };
}

export async function planSpec(ws: Workspace, id: ClientId): Promise<Loaded<PdfSpec>> {
  const opened = await ws.client(id);
  if (!opened.ok) return { ok: false, message: opened.error.code === 'damaged' ? `damaged: ${opened.error.file}: ${opened.error.detail}. ${opened.error.hint}` : 'the client document is newer than this apsis' };
  const data = readClientDoc(opened.doc);
  if (!data.profile.ok) return { ok: false, message: "the client's profile is not valid" };
  const org = await orgInfo(ws);
  return {
    ok: true,
    value: planPrintSpec({
      clientId: id,
      profile: data.profile.value,
      collections: data.collections,
      staffNames: org.staffNames,
      orgName: org.orgName,
      exportedAt: ws.clock.now().toISOString(),
      demo: ws.meta.demo,
      software: { name: 'apsis', version: softwareVersion() },
    }),
  };
}

/** A worker's day: planned visits from the schedule documents, records from the client documents. */
export async function worksheetSpec(ws: Workspace, workerRef: string, date: string): Promise<Loaded<PdfSpec> & { skipped?: string[] }> {
  const org = await orgInfo(ws);
  const ids = Object.keys(org.staffNames);
  const worker = ids.find((id) => id === workerRef) ?? (() => {
    const m = ids.filter((id) => id.startsWith(workerRef) || (org.staffNames[id] ?? '').toLowerCase() === workerRef.toLowerCase());
    return m.length === 1 ? m[0] : undefined;
  })();
  if (!worker) return { ok: false, message: `no single worker matches "${workerRef}" (give a staff id or a full name).` };
  const names = new Map(ws.caseload().map((r) => [r.id as string, r.name]));
  const planned: WorkerSheetVisit[] = [];
  const recorded: WorkerSheetClientRecords[] = [];
  const skipped: string[] = [];
  const addresses = new Map<string, string>();
  for (const row of ws.caseload()) {
    const opened = await ws.client(row.id);
    if (!opened.ok) {
      skipped.push(row.id);
      continue;
    }
    const data = readClientDoc(opened.doc);
    if (data.profile.ok) addresses.set(row.id, data.profile.value.address);
    const visits = data.collections.visitRecords.filter((v) => v.staffId === worker && v.date === date);
    if (visits.length === 0) continue;
    const vids = new Set(visits.map((v) => v.id));
    recorded.push({
      clientId: row.id,
      clientName: data.profile.ok ? clientName(data.profile.value) : row.name,
      visits,
      tasks: data.collections.taskRecords.filter((t) => vids.has(t.visitRecordId)),
      taskNames: taskNames(data.collections.planItems),
    });
  }
  for (const docId of await ws.repo.list()) {
    if (parseDocId(docId)?.kind !== 'schedule') continue;
    const opened = await ws.doc(docId);
    if (!opened.ok) {
      skipped.push(docId);
      continue;
    }
    for (const v of listVisits(opened.doc).records) {
      if (v.date !== date || !v.staffIds.includes(worker)) continue;
      planned.push({ clientId: v.clientId, clientName: names.get(v.clientId) ?? v.clientId, address: addresses.get(v.clientId) ?? '', start: v.start, durationMin: v.durationMin, taskCodes: v.taskCodes });
    }
  }
  return {
    ok: true,
    skipped,
    value: workerSheetSpec({
      worker: { id: worker, name: org.staffNames[worker] ?? worker },
      date,
      planned,
      recorded,
      staffNames: org.staffNames,
      printedAt: ws.clock.now().toISOString(),
      demo: ws.meta.demo,
      software: { name: 'apsis', version: softwareVersion() },
      orgName: org.orgName,
    }),
  };
}
