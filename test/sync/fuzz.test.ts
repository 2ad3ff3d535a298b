import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { syncDocsOnce } from '../../cli/sync/sync-once.js';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../../sync-server/protocol.js';
import { createRng, testSeed } from '../helpers/rng.js';
import { rawConnect, startRelay, token } from './relay-process.js';
import type { RelayProc } from './relay-process.js';

let relay: RelayProc;
beforeAll(async () => {
  relay = await startRelay({ env: { APSIS_RELAY_MSGS_PER_SECOND: '100000' } });
});
afterAll(async () => {
  await relay?.stop();
});

function corpus(): Uint8Array[] {
  const d = new Y.Doc();
  d.getMap('profile').set('name', 'X');
  const m = new Y.Map<unknown>();
  m.set('status', 'approved');
  d.getMap('assessments').set('as-1', m);
  d.getArray('log').insert(0, ['a', 'b', 3]);
  const aw = new awarenessProtocol.Awareness(d);
  aw.setLocalState({ user: 'x' });
  const qa = encoding.createEncoder();
  encoding.writeVarUint(qa, 3);
  const out = [encodeSyncStep1(d), encodeSyncStep2(d, new Uint8Array([0])), encodeUpdate(Y.encodeStateAsUpdate(d)), encodeAwareness(aw, [d.clientID]), encoding.toUint8Array(qa)];
  aw.destroy();
  return out;
}

function mutate(rng: () => number, seeds: Uint8Array[]): Uint8Array {
  const pick = rng();
  if (pick < 0.25) {
    const n = Math.floor(rng() * 64);
    return Uint8Array.from({ length: n }, () => Math.floor(rng() * 256));
  }
  const base = seeds[Math.floor(rng() * seeds.length)]!;
  const f = Uint8Array.from(base);
  if (pick < 0.35) return f; // valid frame
  if (pick < 0.5) return f.slice(0, Math.floor(rng() * f.length));
  const flips = 1 + Math.floor(rng() * 4);
  for (let i = 0; i < flips && f.length > 0; i++) f[Math.floor(rng() * f.length)] = Math.floor(rng() * 256);
  if (pick > 0.9) return Uint8Array.from([...f, ...Array.from({ length: 1 + Math.floor(rng() * 8) }, () => Math.floor(rng() * 256))]);
  return f;
}

describe('hostile frames', () => {
  it('≥ 10,000 random/mutated frames over several connections: the relay keeps serving a well-behaved peer', async () => {
    const seed = testSeed();
    const rng = createRng(seed);
    const seeds = corpus();
    const probe = Uint8Array.of(3);
    const tok = token('manager', { sub: 'u-fuzz' });
    let sent = 0;
    const TARGET = 10_000;
    const fuzzer = async () => {
      while (sent < TARGET) {
        const c = await rawConnect(relay.url, `acme/client/f-${Math.floor(rng() * 3)}`, tok);
        try {
          await c.opened;
        } catch {
          continue;
        }
        // One frame, then a query-awareness probe: its answer (or the close) proves the frame was handled.
        let open = true;
        void c.closed.then(() => (open = false));
        for (let i = 0; i < 200 && open && sent < TARGET; i++) {
          const before = c.received.length;
          const frame = mutate(rng, seeds);
          c.ws.send(frame);
          c.ws.send(probe);
          await new Promise<void>((res) => {
            const done = () => {
              clearTimeout(t);
              c.ws.off('message', done);
              c.ws.off('close', done);
              res();
            };
            const t = setTimeout(done, 5000);
            c.ws.on('message', done);
            c.ws.on('close', done);
          });
          if (open && c.ws.readyState === c.ws.OPEN && c.received.length === before) throw new Error(`no answer after frame ${Buffer.from(frame).toString('hex')}`);
          sent++;
        }
        c.ws.terminate();
      }
    };
    const good = new Y.Doc();
    let goodRounds = 0;
    const peer = async () => {
      while (sent < TARGET) {
        good.getMap('profile').set('n', goodRounds);
        const r = await syncDocsOnce({ url: relay.url, token: token('manager', { sub: 'u-good' }), namespace: 'acme', docs: new Map([['client/c-good', good]]), timeoutMs: 5000 });
        if (!r.ok) throw new Error(`seed ${seed}: good peer failed: ${r.reason}`);
        goodRounds++;
      }
    };
    try {
      await Promise.all([fuzzer(), fuzzer(), fuzzer(), fuzzer(), fuzzer(), fuzzer(), fuzzer(), fuzzer(), peer()]);
    } catch (err) {
      throw new Error(`seed ${seed}: ${String(err)}`);
    }
    expect(sent).toBeGreaterThanOrEqual(TARGET);
    expect(goodRounds).toBeGreaterThan(0);
    const check = new Y.Doc();
    const r = await syncDocsOnce({ url: relay.url, token: token('auditor'), namespace: 'acme', docs: new Map([['client/c-good', check]]) });
    expect(r.ok, `seed ${seed}`).toBe(true);
    expect(check.getMap('profile').get('n')).toBe(goodRounds - 1);
    expect((await fetch(`http://127.0.0.1:${relay.port}/healthz`)).status).toBe(200);
    expect(relay.proc.exitCode).toBeNull();
  }, 50_000);
});
