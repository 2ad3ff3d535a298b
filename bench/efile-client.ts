/** The large one-client fixture of the e-file benches: ~11,000 visits over 10 years, 2 task records each. */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { efileInput, orgInfo } from '../cli/efile/export.js';
import { readStoredClient } from '../cli/efile/source.js';
import { addClientRecord } from '../core/doc/client-doc.js';
import { act } from '../core/doc/origin.js';
import type { EfileInput } from '../core/efile/efile.js';
import { buildFixture, CLIENT, NOW, openFixture } from '../test/efile/fixture.js';

/** Builds the fixture workspace with `n` extra visits in 120 monthly transactions; returns its folder (closed) and the temp root to remove. */
export async function buildLargeClient(n: number): Promise<{ wsDir: string; root: string }> {
  const wsDir = await buildFixture();
  const ws = await openFixture(wsDir, '2026-11-20T16:00:00.000Z');
  const c = await ws.client(CLIENT);
  if (!c.ok) throw new Error('fixture client');
  const doc = c.doc;
  const start = Date.UTC(2016, 10, 21);
  const perDay = n / 3652;
  let made = 0;
  for (let month = 0; month < 120 && made < n; month++) {
    act(doc, ws.origin('visit.record'), () => {
      const monthEnd = Math.round(((month + 1) / 120) * n);
      for (; made < monthEnd; made++) {
        const date = new Date(start + Math.floor(made / perDay) * 86_400_000).toISOString().slice(0, 10);
        const id = `vb-${made}`;
        addClientRecord(doc, 'visitRecords', { id, date, staffId: 's-maija', scheduledVisitId: null, arrivedAt: `${date}T08:00:00Z`, leftAt: `${date}T08:45:00Z`, note: made % 10 === 0 ? 'Klientei šodien sāpēja galva; izmērīts asinsspiediens' : '' });
        addClientRecord(doc, 'taskRecords', { id: `${id}-a`, visitRecordId: id, taskCode: 'hygiene', outcome: 'done', note: '', handedTo: null, recordedBy: 's-maija', recordedAt: `${date}T08:30:00Z` });
        addClientRecord(doc, 'taskRecords', { id: `${id}-b`, visitRecordId: id, taskCode: made % 7 ? 'shopping' : 'meals', outcome: made % 13 ? 'done' : 'refused', note: '', handedTo: null, recordedBy: 's-maija', recordedAt: `${date}T08:40:00Z` });
      }
    });
  }
  await ws.close();
  return { wsDir, root: dirname(wsDir) };
}

/** Adds `n` visits (2 task records each) on the last days before 2026-11-20, in one transaction: a month's new work since the last export. */
export async function addRecentVisits(wsDir: string, n: number): Promise<void> {
  const ws = await openFixture(wsDir, '2026-11-22T16:00:00.000Z');
  const c = await ws.client(CLIENT);
  if (!c.ok) throw new Error('fixture client');
  act(c.doc, ws.origin('visit.record'), () => {
    for (let i = 0; i < n; i++) {
      const date = new Date(Date.UTC(2026, 10, 20) - Math.floor(i / 3) * 86_400_000).toISOString().slice(0, 10);
      const id = `vr-${i}`;
      addClientRecord(c.doc, 'visitRecords', { id, date, staffId: 's-maija', scheduledVisitId: null, arrivedAt: `${date}T10:00:00Z`, leftAt: `${date}T10:40:00Z`, note: '' });
      addClientRecord(c.doc, 'taskRecords', { id: `${id}-a`, visitRecordId: id, taskCode: 'hygiene', outcome: 'done', note: '', handedTo: null, recordedBy: 's-maija', recordedAt: `${date}T10:30:00Z` });
      addClientRecord(c.doc, 'taskRecords', { id: `${id}-b`, visitRecordId: id, taskCode: 'meals', outcome: 'done', note: '', handedTo: null, recordedBy: 's-maija', recordedAt: `${date}T10:35:00Z` });
    }
  });
  await ws.close();
}

/** The large client built with `n` extra visits and read as an export reads it (its stored view); `root` is the temp folder to remove. */
export async function largeClientInput(n: number): Promise<{ input: EfileInput; root: string }> {
  const built = await buildLargeClient(n);
  try {
    const ws = await openFixture(built.wsDir, NOW);
    try {
      const stored = await readStoredClient(ws.repo.storage, CLIENT);
      if (stored.kind !== 'read' || !stored.read.ok) throw new Error(`fixture read: ${stored.kind}`);
      const loaded = efileInput(stored.read, CLIENT, await orgInfo(ws), new Date(NOW), ws);
      if (!loaded.ok) throw new Error(loaded.message);
      return { input: loaded.value, root: built.root };
    } finally {
      await ws.close();
    }
  } catch (err) {
    await rm(built.root, { recursive: true, force: true });
    throw err;
  }
}
