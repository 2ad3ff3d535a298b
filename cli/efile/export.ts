/**
 * The e-file export shell: reads one client from the workspace, checks access, renders the entries
 * core/efile planned, streams them into a ZIP, and records the export in the client's document.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listOrgRecords, readSettings } from '../../core/doc/org-doc.js';
import type { EfileInput } from '../../core/efile/efile.js';
import { clientName } from '../../core/efile/efile.js';
import { safeName } from '../../core/efile/format.js';
import { clientDocId } from '../../core/doc/doc-id.js';
import type { ClientId } from '../../core/ids.js';
import type { Workspace } from '../workspace/workspace.js';
import type { RenderPool } from './pool.js';
import type { ExportContext, OrgInfo } from './jobs.js';
import type { ClientRead } from './source.js';
import { readClientForExport, recordExport } from './source.js';
import { storedPdfCache } from './pdf-cache.js';
import { writeEfile } from './write.js';

let version: string | null = null;

/** The version of this apsis, from its package.json (found upward from this module, bundled or not). */
export function softwareVersion(): string {
  if (version) return version;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'apsis' && pkg.version) return (version = pkg.version);
    }
    dir = dirname(dir);
  }
  return (version = 'unknown');
}

export type Failure = { readonly ok: false; readonly message: string };
export type Loaded<T> = { readonly ok: true; readonly value: T } | Failure;

/** Staff id → name, and the organisation name. */
export async function orgInfo(ws: Workspace): Promise<OrgInfo> {
  const org = await ws.org();
  const staffNames: Record<string, string> = {};
  let orgName = '';
  if (org.ok) {
    for (const s of listOrgRecords(org.doc, 'staff').records) staffNames[s.id] = s.name;
    const settings = readSettings(org.doc);
    if (settings.ok) orgName = settings.value.orgName;
  }
  if (!(ws.user.id in staffNames)) staffNames[ws.user.id] = ws.user.name;
  return { staffNames, orgName };
}

/** Who may export what: volunteers never; caregivers only their own clients; trainers only in demo workspaces. */
export function mayExport(ws: ExportContext, visitStaffIds: readonly string[]): { ok: true } | Failure {
  const role = ws.user.role;
  if (role === 'volunteer') return { ok: false, message: 'volunteers cannot export client e-files.' };
  if (role === 'trainer' && !ws.meta.demo) return { ok: false, message: 'trainers can export e-files only in demo workspaces.' };
  if (role === 'caregiver' && !visitStaffIds.includes(ws.user.id)) return { ok: false, message: 'caregivers can export e-files only of clients they have visit records for.' };
  return { ok: true };
}

/** Everything an e-file of one client holds, read from the workspace. */
export async function loadEfileInput(ws: Workspace, id: ClientId, org: OrgInfo, exportedAt: Date): Promise<Loaded<EfileInput>> {
  const read = await readClientForExport(ws, id);
  if (!read.ok) return read;
  return efileInput(read, id, org, exportedAt, ws);
}

/** The e-file input of a client read (here or on a worker thread). */
export function efileInput(read: Extract<ClientRead, { ok: true }>, id: ClientId, org: OrgInfo, exportedAt: Date, ctx: ExportContext): Loaded<EfileInput> {
  const { data, history } = read;
  if (!data.profile.ok) return { ok: false, message: `the client's profile is not valid (${data.profile.issues.map((i) => i.message).join('; ')})` };
  return {
    ok: true,
    value: {
      clientId: id,
      profile: data.profile.value,
      collections: data.collections,
      history,
      staffNames: org.staffNames,
      orgName: org.orgName,
      exportedAt: exportedAt.toISOString(),
      exportedBy: { id: ctx.user.id, name: ctx.user.name, role: ctx.user.role },
      software: { name: 'apsis', version: softwareVersion() },
      demo: ctx.meta.demo,
    },
  };
}

/** The staff who made a client's visit records (for the caregiver's access check). */
export function visitStaff(input: EfileInput): string[] {
  return [...new Set(input.collections.visitRecords.map((v) => v.staffId))];
}

/** The ZIP's file name for a client. */
export function efileName(id: ClientId): string {
  return `efile-${safeName(id)}.zip`;
}

export interface ExportOk {
  readonly ok: true;
  readonly client: ClientId;
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  /** PDFs kept from the client's last export / drawn (when written in this thread). */
  readonly pdfs?: { readonly kept: number; readonly drawn: number };
}

/**
 * Exports one client: access check, ZIP, then the export record in the client's document. With a
 * pool, a closed client is read and rendered on a worker (the main thread's heap stays small); the
 * main thread still does what the worker leaves (an open document, a very large client).
 */
export async function exportClient(ws: Workspace, id: ClientId, outDir: string, org: OrgInfo, signal?: AbortSignal, pool?: RenderPool | null): Promise<ExportOk | Failure> {
  const exportedAt = ws.clock.now();
  const final = join(outDir, efileName(id));
  if (pool && !ws.repo.isOpen(clientDocId(id))) {
    const ctx: ExportContext = { user: { id: ws.user.id, name: ws.user.name, role: ws.user.role }, meta: { demo: ws.meta.demo } };
    const done = await pool.exportStored({ docsDir: join(ws.dir, 'docs'), client: id, org, exportedAt: exportedAt.toISOString(), ctx, final }, signal);
    if (done && !done.ok) return done;
    if (done) {
      await recordExport(ws, id, { exportedBy: ws.user.id, exportedAt: exportedAt.toISOString(), sha256: done.sha256, file: basename(done.file) });
      return { ok: true, client: id, name: done.name, file: done.file, bytes: done.bytes, sha256: done.sha256 };
    }
  }
  const loaded = await loadEfileInput(ws, id, org, exportedAt);
  if (!loaded.ok) return loaded;
  const input = loaded.value;
  const allowed = mayExport(ws, visitStaff(input));
  if (!allowed.ok) return allowed;
  await mkdir(outDir, { recursive: true });
  // In this thread: a large client's PDFs of its last export are reused where unchanged.
  const res = pool ? await pool.render(input, final, signal) : await writeEfile(input, final, signal, { cache: storedPdfCache(ws.repo.storage, clientDocId(id)) });
  // The file name only: the record syncs to other machines, where a local path means nothing.
  await recordExport(ws, id, { exportedBy: ws.user.id, exportedAt: input.exportedAt, sha256: res.sha256, file: basename(res.file) });
  return { ok: true, client: id, name: clientName(input.profile), ...res };
}
