/**
 * bench:sync — the relay as its own process (dist/sync-server/main.js):
 *   1. 40 client documents, ~2,000 changes made offline on two devices, synced both ways
 *   2. 500 connections on 50 rooms; one update per room fanned out: p50/p95/p99 latency
 *   3. relay RSS per loaded document
 *   4. 1,000 seeded convergence runs (test/sync/simulation.ts: 5 peers, partitions, reordering,
 *      restarts); the seed of any failure is printed (replay: APSIS_SEED=<seed> npx vitest run test/sync/simulation.test.ts)
 * Usage: node dist/bench/sync.js   (writes bench/results/sync.md; APSIS_SEED=<n> fixes the first seed)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { syncDocsOnce } from '../cli/sync/sync-once.js';
import { encodeUpdate } from '../sync-server/protocol.js';
import { issueToken } from '../sync-server/token.js';
import { AUTHORS_MAP, trackAuthors } from '../core/doc/authors.js';
import { keepConflicts } from '../core/history/keep-conflicts.js';
import { testSeed } from '../test/helpers/rng.js';
import { runMany } from '../test/sync/simulation.js';
import { writeResult } from './report.js';

const SECRET = 'bench-secret-0123456789abcdef';
const MAIN = fileURLToPath(new URL('../sync-server/main.js', import.meta.url));

async function startRelay(): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const proc = spawn(process.execPath, [MAIN, '--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'apsis-bench-relay-'))], {
    env: { ...process.env, APSIS_RELAY_SECRET: SECRET, APSIS_RELAY_MAX_ROOMS_PER_USER: '100000', APSIS_RELAY_IDLE_SECONDS: '600' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const port = await new Promise<number>((res, rej) => {
    let out = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"port":(\d+)/.exec(out);
      if (m) res(Number(m[1]));
    });
    proc.once('exit', (c) => rej(new Error(`relay exited ${c}`)));
  });
  const exited = new Promise<void>((res) => proc.once('exit', () => res()));
  return { url: `ws://127.0.0.1:${port}`, pid: proc.pid!, stop: () => (proc.kill('SIGTERM'), exited) };
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const tok = (sub: string) => issueToken(SECRET, { sub, role: 'coordinator', ns: 'acme' }, 3600);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

function edit(doc: Y.Doc, i: number, who: string): void {
  const recs = doc.getMap<Y.Map<unknown>>('records');
  const id = `r-${i % 10}`;
  let m = recs.get(id);
  if (!m) {
    m = new Y.Map<unknown>();
    recs.set(id, m);
  }
  m.set(`f-${i % 7}`, `${who}-${i}`);
}

async function offlineSync(url: string): Promise<[string, string][]> {
  const DOCS = 40;
  const a = new Map<string, Y.Doc>();
  const b = new Map<string, Y.Doc>();
  // Laptops as the workspace opens documents: sessions register their author in the first edit.
  const laptopDoc = (userId: string) => {
    const doc = new Y.Doc({ gcFilter: keepConflicts });
    trackAuthors(doc, { userId, now: () => new Date().toISOString(), isEdit: (o) => o === null });
    return doc;
  };
  for (let d = 0; d < DOCS; d++) {
    a.set(`client/c-${d}`, laptopDoc('u-a'));
    b.set(`client/c-${d}`, laptopDoc('u-b'));
  }
  let changes = 0;
  for (const [id, doc] of a) for (let i = 0; i < 25; i++, changes++) edit(doc, i, `a${id}`);
  for (const [id, doc] of b) for (let i = 0; i < 25; i++, changes++) edit(doc, i + 3, `b${id}`);
  const t0 = performance.now();
  const ra = await syncDocsOnce({ url, token: tok('u-a'), namespace: 'acme', docs: a });
  const rb = await syncDocsOnce({ url, token: tok('u-b'), namespace: 'acme', docs: b });
  const ra2 = await syncDocsOnce({ url, token: tok('u-a'), namespace: 'acme', docs: a });
  const total = performance.now() - t0;
  if (!ra.ok || !rb.ok || !ra2.ok) throw new Error('sync failed');
  let same = true;
  const canon = (d: Y.Doc) => JSON.stringify(Object.entries(d.getMap<Y.Map<unknown>>('records').toJSON()).sort().map(([k, v]) => [k, Object.entries(v as object).sort()]));
  for (const [id, doc] of a) if (canon(doc) !== canon(b.get(id)!)) same = false;
  for (const [id, doc] of a) if (doc.getMap(AUTHORS_MAP).size !== 2 || b.get(id)!.getMap(AUTHORS_MAP).size !== 2) same = false;
  const bytes = [ra, rb, ra2].flatMap((r) => (r.ok ? r.perDoc : [])).reduce((s, d) => s + d.pushedBytes + d.pulledBytes, 0);
  return [
    ['offline sync: documents × changes', `${DOCS} docs, ${changes} changes on two devices`],
    ['offline sync both ways (A push, B push+pull, A pull)', `${ms(total)} (target ≤ 1000 ms)${same ? ', converged' : ', DIVERGED'}`],
    ['offline sync bytes moved', `${(bytes / 1024).toFixed(1)} KiB`],
  ];
}

interface Raw {
  ws: WebSocket;
  onUpdate: ((t: number) => void) | null;
}

async function fanout(url: string): Promise<[string, string][]> {
  const ROOMS = 50;
  const PER = 10;
  const conns: Raw[][] = [];
  const t0 = performance.now();
  for (let r = 0; r < ROOMS; r++) {
    const row: Raw[] = [];
    for (let k = 0; k < PER; k++) {
      const ws = new WebSocket(`${url}/acme/client/fan-${r}?token=${tok(`u-${r}-${k}`)}`);
      const raw: Raw = { ws, onUpdate: null };
      ws.on('message', (d: Buffer) => {
        if (d[0] === 0 && d[1] === 2) raw.onUpdate?.(performance.now());
      });
      row.push(raw);
    }
    conns.push(row);
  }
  await Promise.all(conns.flat().map((c) => new Promise((res, rej) => (c.ws.once('open', res), c.ws.once('error', rej)))));
  const connectMs = performance.now() - t0;
  await new Promise((res) => setTimeout(res, 300));
  const ROUNDS = 10;
  const oneUpdate = (r: number, round: number, lat: number[]): Promise<void>[] => {
    const waits: Promise<void>[] = [];
    {
      const d = new Y.Doc();
      d.getMap('m').set('round', round);
      const frame = encodeUpdate(Y.encodeStateAsUpdate(d));
      const sender = conns[r]![round % PER]!;
      const start = performance.now();
      for (const c of conns[r]!) {
        if (c === sender) continue;
        waits.push(
          new Promise<void>((res, rej) => {
            // A lost delivery fails the benchmark instead of hanging it.
            const timer = setTimeout(() => rej(new Error(`fan-out: no delivery in room ${r} round ${round} within 10 s`)), 10_000);
            c.onUpdate = (t) => {
              clearTimeout(timer);
              c.onUpdate = null;
              lat.push(t - start);
              res();
            };
          }),
        );
      }
      sender.ws.send(frame);
    }
    return waits;
  };
  const single: number[] = [];
  for (let round = 0; round < 4; round++) for (let r = 0; r < ROOMS; r++) await Promise.all(oneUpdate(r, round, single));
  const lat: number[] = [];
  for (let round = 0; round < ROUNDS; round++) await Promise.all(Array.from({ length: ROOMS }, (_x, r) => oneUpdate(r, 100 + round, lat)).flat());
  for (const c of conns.flat()) c.ws.terminate(); // no close handshake: a socket left waiting for one kept the benchmark alive after its results
  return [
    ['fan-out: connections / rooms', `${ROOMS * PER} / ${ROOMS} (connected in ${ms(connectMs)})`],
    [`fan-out latency, one update at a time (${single.length} deliveries; includes the durable append)`, `p50 ${ms(pct(single, 50))}, p95 ${ms(pct(single, 95))}, p99 ${ms(pct(single, 99))} (target p95 ≤ 50 ms)`],
    [`fan-out latency, burst: ${lat.length} deliveries (${ROUNDS} rounds, all 50 rooms at once)`, `p50 ${ms(pct(lat, 50))}, p95 ${ms(pct(lat, 95))}, p99 ${ms(pct(lat, 99))}`],
  ];
}

async function rssPerDoc(url: string, pid: number): Promise<[string, string][]> {
  const before = rssMiB(pid);
  const N = 200;
  const docs = new Map<string, Y.Doc>();
  for (let d = 0; d < N; d++) {
    const doc = new Y.Doc();
    for (let i = 0; i < 60; i++) edit(doc, i, 'x');
    docs.set(`client/rss-${d}`, doc);
  }
  const r = await syncDocsOnce({ url, token: tok('u-rss'), namespace: 'acme', docs });
  if (!r.ok) throw new Error(r.reason);
  await new Promise((res) => setTimeout(res, 500));
  const after = rssMiB(pid);
  const size = Y.encodeStateAsUpdate(docs.values().next().value!).byteLength;
  return [['relay RSS per loaded document', `${(((after - before) * 1024) / N).toFixed(1)} KiB (${N} docs of ${size} B encoded; RSS ${before.toFixed(0)} → ${after.toFixed(0)} MiB)`]];
}

function convergence(): [string, string][] {
  const RUNS = 1000;
  const base = testSeed();
  const r = runMany(base, RUNS);
  for (const f of r.failures) process.stderr.write(`convergence failed: APSIS_SEED=${f.seed}: ${f.error}\n`);
  if (r.failures.length > 0) process.exitCode = 1;
  const failed = r.failures.length === 0 ? 'all converged' : `${r.failures.length} FAILED (seeds ${r.failures.map((f) => f.seed).join(', ')})`;
  return [[`seeded convergence: ${RUNS} runs, 5 peers, partitions / reordering / restarts (seeds ${base}…${(base + RUNS - 1) % 2 ** 31})`, `${failed}; ${ms(r.ms)} (${(r.ms / RUNS).toFixed(1)} ms per run)`]];
}

process.setMaxListeners(100); // y-websocket adds one exit listener per provider
const relay = await startRelay();
try {
  const load = loadavg().map((x) => x.toFixed(2)).join(' / ');
  const step = <T,>(name: string, p: Promise<T>) => { if (process.env.APSIS_BENCH_TRACE) process.stderr.write(`${name}…\n`); return p; };
  const rows = [...(await step('offline sync', offlineSync(relay.url))), ...(await step('fan-out', fanout(relay.url))), ...(await step('rss', rssPerDoc(relay.url, relay.pid))), ...convergence()];
  rows.push(['load average (1 / 5 / 15 min) at start, at end', `${load}; ${loadavg().map((x) => x.toFixed(2)).join(' / ')} (2 cores shared; figures under load are pessimistic)`]);
  await writeResult('sync', 'Sync relay benchmark (bench/sync.ts)', rows);
} finally {
  await relay.stop();
}
// Results are written and the relay is gone: end here rather than wait for client sockets or
// providers' timers that nothing needs any more (a run once stayed alive after its results).
process.exit();
