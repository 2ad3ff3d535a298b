/** The background check of client documents: publishing rule, damaged documents, worker and in-thread readers alike. */
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addClientRecord } from '../../core/doc/client-doc.js';
import type { ClientId } from '../../core/ids.js';
import type { ClientSummary } from '../../cli/tui/model/client-summary.js';
import type { ScanResult } from '../../cli/tui/scan/read-summary.js';
import { readSummary } from '../../cli/tui/scan/read-summary.js';
import type { startScan as StartScan } from '../../cli/tui/scan/scanner.js';
import { startScan } from '../../cli/tui/scan/scanner.js';
import type { StoreTimers } from '../../cli/tui/scan/scan-store.js';
import { IDLE_MS, PUBLISH_MS, ScanStore } from '../../cli/tui/scan/scan-store.js';
import type { Workspace } from '../../cli/workspace/workspace.js';
import { addClients, makeWorkspace, renderApp } from './harness.js';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

async function setup(role: Parameters<typeof makeWorkspace>[0] = 'coordinator') {
  const w = await makeWorkspace(role);
  cleanups.push(w.cleanup);
  return w;
}

/** Overwrites one stored update of client `id` with a frame whose checksum fails; returns the file. */
async function damage(ws: Workspace, id: string): Promise<string> {
  const docDir = join(ws.dir, 'docs', `client~${id}`);
  const [file] = (await readdir(docDir)).filter((n) => n.endsWith('.yupd'));
  await writeFile(join(docDir, file!), 'APSIS1\n{"key":"x","len":3,"sha256":"00"}\nabc');
  return join(docDir, file!);
}

/** Runs a scan to its end and collects what it reported. */
function scanAll(start: typeof StartScan, ws: Workspace, ids: readonly string[], options: { worker?: boolean } = {}): Promise<ScanResult[]> {
  return new Promise((resolve) => {
    const out: ScanResult[] = [];
    start(ws, ids as ClientId[], '2026-11-23', { results: (r) => out.push(...r), done: () => resolve(out) }, options);
  });
}

/** Timers that move only when told to. */
function fakeTimers() {
  let now = 0;
  let due: { at: number; fn: () => void }[] = [];
  const timers: StoreTimers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn };
      due.push(t);
      return t;
    },
    clearTimeout: (h) => {
      due = due.filter((t) => t !== h);
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = due.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      due = due.filter((t) => t !== next);
      now = next.at;
      next.fn();
    }
    now = end;
  };
  return { timers, advance };
}

const summary = (openAlerts: number): ClientSummary => ({ reassessOverdue: null, gpValid: true, openAlerts, emergencyAlerts: 0, submitted: [], tasksWithoutWorker: 0, recordedVisits: [] });
const ok = (id: string, alerts = 0): ScanResult => ({ id: id as ClientId, ok: true, summary: summary(alerts) });

describe('ScanStore: when results are drawn', () => {
  it('holds results back while keys come, lets the next key carry them, and draws them alone once the keyboard is quiet', () => {
    const { timers, advance } = fakeTimers();
    const store = new ScanStore(3, timers);
    let published = 0;
    store.subscribe(() => published++);
    store.keyPressed();
    store.add([ok('c-1')]);
    advance(IDLE_MS - 10);
    expect(published).toBe(0);
    // A key within the quiet period: the results go with it.
    store.keyPressed();
    expect(published).toBe(1);
    expect(store.snapshot().summaries.get('c-1')).toEqual(summary(0));
    expect(store.snapshot().scanned).toBe(1);
    // More results, keys keep coming every 50 ms: no frame of their own, each key carries what waits.
    store.add([ok('c-2')]);
    for (let i = 0; i < 10; i++) {
      advance(50);
      store.keyPressed();
      if (i === 0) store.add([ok('c-3')]);
    }
    // Two keys carried c-2 and c-3; the other eight keys had nothing to carry; no frame of their own.
    expect(published).toBe(3);
    expect([...store.snapshot().summaries.keys()]).toEqual(['c-1', 'c-2', 'c-3']);
    // Quiet keyboard: the last results are drawn on their own, not earlier than IDLE_MS after the key.
    store.finish();
    advance(IDLE_MS - 1);
    const before = published;
    advance(PUBLISH_MS);
    expect(published).toBe(before + 1);
    expect(store.snapshot()).toMatchObject({ scanned: 3, total: 3 });
    store.dispose();
  });

  it('draws no more often than every PUBLISH_MS without keys, and keeps the snapshot object between draws', () => {
    const { timers, advance } = fakeTimers();
    const store = new ScanStore(100, timers);
    const snapshots = new Set<unknown>();
    store.subscribe(() => snapshots.add(store.snapshot()));
    for (let i = 0; i < 40; i++) {
      store.add([ok(`c-${i}`)]);
      advance(50);
      expect(store.snapshot()).toBe(store.snapshot());
    }
    // 2 s of batches every 50 ms: one draw at once, then one per PUBLISH_MS.
    expect(snapshots.size).toBeLessThanOrEqual(Math.ceil(2000 / PUBLISH_MS) + 1);
    expect(snapshots.size).toBeGreaterThanOrEqual(Math.floor(2000 / PUBLISH_MS));
    advance(PUBLISH_MS);
    expect(store.snapshot().summaries.size).toBe(40);
    store.dispose();
  });

  it("a client summarised after the user's own edit is not overwritten by an older check result; a damaged one is listed until it reads well", () => {
    const { timers, advance } = fakeTimers();
    const store = new ScanStore(2, timers);
    store.setLocal('c-1' as ClientId, summary(5));
    store.add([ok('c-1', 0), { id: 'c-2' as ClientId, ok: false, problem: '/ws/docs/client~c-2/u-1.yupd: checksum mismatch' }]);
    advance(PUBLISH_MS);
    expect(store.snapshot().summaries.get('c-1')).toEqual(summary(5));
    expect(store.snapshot().problems.get('c-2')).toContain('checksum');
    expect(store.snapshot().scanned).toBe(2);
    store.setLocal('c-2' as ClientId, summary(1));
    expect(store.snapshot().problems.size).toBe(0);
    expect(store.snapshot().summaries.get('c-2')).toEqual(summary(1));
    store.dispose();
  });
});

describe('reading client documents for the check', () => {
  it('summarises stored documents without opening them, and names a damaged file instead of failing the rest', async () => {
    const { ws } = await setup();
    const ids = await addClients(ws, ['Jānis Ozols', 'Marta Kalniņa', 'Anna Šarma']);
    const res = await ws.client(ids[2] as ClientId);
    if (!res.ok) throw new Error('open');
    res.doc.transact(() => {
      addClientRecord(res.doc, 'alerts', { id: 'al-1', observationId: null, level: 'emergency', raisedAt: '2026-11-22T10:00', raisedBy: 'x', reason: 'fall', status: 'open', handledBy: null, handledAt: null, actionTaken: '' });
    });
    await ws.save();
    await ws.repo.flush();
    const file = await damage(ws, ids[1]!);
    const results = await scanAll(startScan, ws, ids, { worker: false });
    expect(results.map((r) => r.id)).toEqual(ids);
    expect(results[0]).toMatchObject({ ok: true, summary: { openAlerts: 0 } });
    expect(results[1]).toEqual({ id: ids[1], ok: false, problem: expect.stringContaining(file) });
    expect(results[1]).toMatchObject({ problem: expect.stringMatching(/checksum/) });
    expect(results[2]).toMatchObject({ ok: true, summary: { openAlerts: 1, emergencyAlerts: 1 } });
    // One by one, the same.
    expect(await readSummary(ws.repo.storage, ids[2] as ClientId, '2026-11-23')).toEqual(results[2]);
  });

  const built = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'tui', 'scan', 'scanner.js');
  it.skipIf(!existsSync(built))('on a worker thread (built dist/): the same results as in-thread, damaged document included', async () => {
    const { startScan: startBuilt } = (await import(built)) as { startScan: typeof StartScan };
    const { ws } = await setup();
    const ids = await addClients(ws, Array.from({ length: 150 }, (_, i) => `Vārds${i} Uzvārds${i}`));
    await ws.repo.flush();
    await damage(ws, ids[77]!);
    const inThread = await scanAll(startBuilt, ws, ids, { worker: false });
    const onWorker = await scanAll(startBuilt, ws, ids);
    expect(onWorker).toEqual(inThread);
    expect(onWorker.filter((r) => !r.ok).map((r) => r.id)).toEqual([ids[77]]);
  });
});

describe('the app with a damaged client document', () => {
  it('shows the other clients’ markers, says how many documents cannot be read, and the dashboard names it', async () => {
    const { ws } = await setup('manager');
    const ids = await addClients(ws, ['Jānis Ozols', 'Marta Kalniņa']);
    const res = await ws.client(ids[0] as ClientId);
    if (!res.ok) throw new Error('open');
    res.doc.transact(() => {
      addClientRecord(res.doc, 'alerts', { id: 'al-1', observationId: null, level: 'inform_gp', raisedAt: '2026-11-22T10:00', raisedBy: 'x', reason: 'fever', status: 'open', handledBy: null, handledAt: null, actionTaken: '' });
    });
    await ws.save();
    await ws.repo.flush();
    await damage(ws, ids[1]!);
    const clients = await renderApp(ws, { initial: { screen: 'clients' } });
    const f = await clients.waitFor((x) => /GA +Ozols/.test(x) && x.includes('1 client documents cannot be read'), 'markers and the damage note');
    expect(f).toContain('Kalniņa');
    clients.app.unmount();
    const dash = await renderApp(ws, { initial: { screen: 'dashboard' } });
    const d = await dash.waitFor((x) => x.includes('document cannot be read'), 'dashboard warning');
    expect(d).toMatch(/Kalniņa Marta: document cannot be read — .*client~/);
    dash.app.unmount();
  });
});
