/**
 * A closed client read and exported on a worker thread: from the workspace's `docs/` folder,
 * read-only (the main thread records the export afterwards). The same steps and the same bytes as
 * exportClient's in-thread path; whatever needs the workspace (an open or outdated document) or
 * more memory than a worker has is handed back to the main thread.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { clientDocId } from '../../core/doc/doc-id.js';
import { clientName } from '../../core/efile/efile.js';
import type { DocStorage } from '../../core/store/storage.js';
import { createFileStorage } from '../store/file-storage.js';
import { efileInput, mayExport, visitStaff } from './export.js';
import type { StoredExportJob, WorkerReply } from './jobs.js';
import { storedPdfCache } from './pdf-cache.js';
import { readStoredClient } from './source.js';
import { writeEfile } from './write.js';

/** Stored bytes (all updates ever) above which a client is left to the main thread: its replay alone would crowd a worker's capped heap. */
export const WORKER_MAX_STORED_BYTES = 2 * 1024 * 1024;

const storages = new Map<string, DocStorage>();

/** Reads, checks and writes one client's e-file; `ok: null` when the main thread must do it. */
export async function exportStored(job: StoredExportJob): Promise<WorkerReply> {
  let storage = storages.get(job.docsDir);
  if (!storage) storages.set(job.docsDir, (storage = createFileStorage(job.docsDir)));
  const stored = await readStoredClient(storage, job.client, WORKER_MAX_STORED_BYTES);
  if (stored.kind !== 'read') return { ok: null };
  if (!stored.read.ok) return stored.read;
  const input = efileInput(stored.read, job.client, job.org, new Date(job.exportedAt), job.ctx);
  if (!input.ok) return input;
  const allowed = mayExport(job.ctx, visitStaff(input.value));
  if (!allowed.ok) return allowed;
  await mkdir(dirname(job.final), { recursive: true });
  const res = await writeEfile(input.value, job.final, undefined, { cache: storedPdfCache(storage, clientDocId(job.client)) });
  return { ok: true, ...res, name: clientName(input.value.profile) };
}
