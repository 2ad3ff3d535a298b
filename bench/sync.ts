/**
 * bench:sync — the relay as its own process (dist/sync-server/main.js):
 *   1. 40 client documents, ~2,000 changes made offline on two devices, synced both ways
 *   2. 500 connections on 50 rooms; one update per room fanned out: p50/p95/p99 latency
 *   3. relay RSS per loaded document
 * Usage: node dist/bench/sync.js   (writes bench/results/sync.md)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { syncDocsOnce } from '../cli/sync/sync-once.js';
import { encodeUpdate } from '../sync-server/protocol.js';
import { issueToken } from '../sync-server/token.js';
import { writeResult } from './report.js';

const SECRET = 'bench-secret-0123456789abcdef';
const MAIN = fileURLToPath(new URL('../sync-server/main.js', import.meta.url));

async function startRelay(): Promise<{ url: string; pid: number; stop: () => void }> {
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
  return { url: `ws://127.0.0.1:${port}`, pid: proc.pid!, stop: () => proc.kill('SIGTERM') };
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
  for (let d = 0; d < DOCS; d++) {
    a.set(`client/c-${d}`, new Y.Doc());
    b.set(`client/c-${d}`, new Y.Doc());
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
          new Promise<void>((res) => {
            c.onUpdate = (t) => {
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
  for (const c of conns.flat()) c.ws.close();
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

process.setMaxListeners(100); // y-websocket adds one exit listener per provider
const relay = await startRelay();
try {
  const rows = [...(await offlineSync(relay.url)), ...(await fanout(relay.url)), ...(await rssPerDoc(relay.url, relay.pid))];
  await writeResult('sync', 'Sync relay benchmark (bench/sync.ts)', rows);
} finally {
  relay.stop();
}
