/**
 * bench:store — a workspace of 500 client documents with a few hundred edits each: time to open
 * every document from its update log, time to compact, time to open again, bytes on disk, and the
 * latency of one durable append. Usage: node dist/bench/store.js [--clients 500] [--edits 300]
 */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { addClientRecord, createClientDoc, patchClientRecord, patchProfile } from '../core/doc/client-doc.js';
import { clientDocId } from '../core/doc/doc-id.js';
import type { ClientId } from '../core/ids.js';
import { DocRepo } from '../core/store/doc-repo.js';
import { createFileStorage, docDirName } from '../cli/store/file-storage.js';
import { encodeFrame } from '../cli/store/frame.js';
import { createRng } from '../test/helpers/rng.js';
import { writeResult } from './report.js';

const { values } = parseArgs({ options: { clients: { type: 'string', default: '500' }, edits: { type: 'string', default: '300' } } });
const CLIENTS = Number(values.clients);
const EDITS = Number(values.edits);

async function du(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const name of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    if (name.isDirectory()) {
      const sub = await du(p);
      bytes += sub.bytes;
      files += sub.files;
    } else {
      bytes += (await stat(p)).size;
      files++;
    }
  }
  return { bytes, files };
}

/** Writes one client's history as individual update files (the bench's setup, not measured). */
async function seedClient(root: string, i: number, rng: () => number): Promise<void> {
  const id = `c-${String(i).padStart(5, '0')}` as ClientId;
  const dir = join(root, docDirName(clientDocId(id)));
  await mkdir(dir, { recursive: true });
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  doc.transact(() => createClientDoc(doc, id, { givenName: 'Anna', familyName: `Ozola ${i}`, personalCode: '', birthDate: '1940-01-01', address: 'Aizkraukle', location: null, phone: '', careGroupId: 'g-1', livesAlone: true, status: 'active', preferredStaffIds: [], declinedStaffIds: [], createdAt: '2026-01-01T08:00:00Z' }));
  for (let e = 0; e < EDITS; e++) {
    doc.transact(() => {
      const r = rng();
      if (r < 0.5) {
        const vid = `v-${e}`;
        addClientRecord(doc, 'visitRecords', { id: vid, date: '2026-11-22', staffId: 's-1', scheduledVisitId: null, arrivedAt: '2026-11-22T08:00', leftAt: null, note: '' });
        addClientRecord(doc, 'taskRecords', { id: `t-${e}`, visitRecordId: vid, taskCode: 'personal_hygiene', outcome: 'done', note: 'ok', handedTo: null, recordedBy: 's-1', recordedAt: '2026-11-22T08:30' });
      } else if (r < 0.8 && e > 0) {
        const prev = `v-${Math.floor(rng() * e)}`;
        patchClientRecord(doc, 'visitRecords', prev, { note: `note ${e}`, leftAt: '2026-11-22T09:00' });
      } else {
        patchProfile(doc, { phone: `+371 2${String(e).padStart(7, '0')}` });
      }
    });
  }
  let seq = 0;
  for (const u of updates) {
    const key = `u-${String(++seq).padStart(12, '0')}`;
    await writeFile(join(dir, `${key}.yupd`), encodeFrame(key, u, { userId: 's-1', at: '2026-11-22T08:00:00Z', action: 'bench' }));
  }
}

async function openAll(root: string, ids: ClientId[]): Promise<{ ms: number; repo: DocRepo }> {
  const repo = new DocRepo(createFileStorage(root), { now: () => '2026-11-22T10:00:00Z', userId: 'bench', compactAfter: Number.MAX_SAFE_INTEGER });
  const t = performance.now();
  for (const id of ids) {
    const r = await repo.get(clientDocId(id));
    if (!r.ok) throw new Error(`open failed: ${JSON.stringify(r.error)}`);
  }
  return { ms: performance.now() - t, repo };
}

const base = await mkdtemp(join(tmpdir(), 'apsis-bench-store-'));
try {
  const root = join(base, 'docs');
  const rng = createRng(42);
  const tSeed = performance.now();
  for (let i = 0; i < CLIENTS; i++) await seedClient(root, i, rng);
  const ids = Array.from({ length: CLIENTS }, (_, i) => `c-${String(i).padStart(5, '0')}` as ClientId);
  const seedMs = performance.now() - tSeed;
  const beforeDisk = await du(root);

  const cold = await openAll(root, ids);
  const tCompact = performance.now();
  for (const id of ids) await cold.repo.compact(clientDocId(id));
  const compactMs = performance.now() - tCompact;
  await cold.repo.close();
  const afterDisk = await du(root);
  const warm = await openAll(root, ids);
  await warm.repo.close();

  // One durable append (write temp, fsync, rename, fsync folder): the price of every saved edit.
  const storage = createFileStorage(join(base, 'latency'));
  const lat: number[] = [];
  const d = new Y.Doc();
  for (let i = 0; i < 300; i++) {
    const sv = Y.encodeStateVector(d);
    d.getMap('m').set('k', i);
    const t = performance.now();
    await storage.append(clientDocId('c-lat' as ClientId), Y.encodeStateAsUpdate(d, sv), { userId: 'u', at: 't', action: 'a' });
    lat.push(performance.now() - t);
  }
  lat.sort((a, b) => a - b);

  const rows: [string, string][] = [
    ['clients × edits', `${CLIENTS} × ${EDITS} (${beforeDisk.files.toLocaleString('en')} update files)`],
    ['open all from update logs', `${cold.ms.toFixed(0)} ms (${(cold.ms / CLIENTS).toFixed(2)} ms per document)`],
    ['compact all', `${compactMs.toFixed(0)} ms (${(compactMs / CLIENTS).toFixed(2)} ms per document)`],
    ['open all after compaction', `${warm.ms.toFixed(0)} ms (${(warm.ms / CLIENTS).toFixed(2)} ms per document)`],
    ['bytes on disk before compaction', `${(beforeDisk.bytes / 1024 / 1024).toFixed(1)} MiB in ${beforeDisk.files} files`],
    ['bytes on disk after compaction', `${(afterDisk.bytes / 1024 / 1024).toFixed(1)} MiB in ${afterDisk.files} files (incl. history.ylog archive)`],
    ['durable append p50 / p95', `${lat[Math.floor(lat.length * 0.5)]!.toFixed(2)} ms / ${lat[Math.floor(lat.length * 0.95)]!.toFixed(2)} ms`],
    ['setup (not measured)', `${(seedMs / 1000).toFixed(1)} s`],
  ];
  await writeResult('store', 'Workspace store', rows);
} finally {
  await rm(base, { recursive: true, force: true });
}
