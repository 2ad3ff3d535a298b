/**
 * Seeded in-process convergence: 5 peers and a relay, transport simulated in memory with random
 * partitions, reordering, peer restarts and relay restarts (each side rebuilds from what it stored).
 * Used by the test suite (200 runs) and by `npm run bench:sync` (1,000 runs). Replay a failure with
 * APSIS_SEED=<seed printed>.
 */
import * as Y from 'yjs';
import { AUTHORS_MAP, trackAuthors } from '../../core/doc/authors.js';
import { keepConflicts } from '../../core/history/keep-conflicts.js';
import { createRng } from '../helpers/rng.js';
import { canonical } from './relay-process.js';

interface Side {
  doc: Y.Doc;
  log: Uint8Array[];
}

function rebuild(log: Uint8Array[]): Y.Doc {
  const d = new Y.Doc({ gcFilter: keepConflicts });
  d.transact(() => {
    for (const u of log) Y.applyUpdate(d, u);
  });
  return d;
}

/** One seeded run; throws (naming the seed) when a peer diverges or the relay lost an edit. */
export function runOnce(seed: number, peersN = 5, steps = 80): void {
  const rng = createRng(seed);
  const int = (n: number) => Math.floor(rng() * n);
  const relay: Side = { doc: new Y.Doc(), log: [] };
  // Peers register their sessions as the workspace does (core/doc/authors.ts), so the registry converges too.
  const track = (doc: Y.Doc, k: number) => {
    trackAuthors(doc, { userId: `u-${k}`, now: () => '2026-11-20T08:00:00.000Z', isEdit: (o) => o !== 'remote' });
    return doc;
  };
  const peers: (Side & { online: boolean })[] = Array.from({ length: peersN }, (_x, k) => ({ doc: track(new Y.Doc({ gcFilter: keepConflicts }), k), log: [], online: true }));
  const toRelay: Uint8Array[][] = peers.map(() => []);
  const toPeer: Uint8Array[][] = peers.map(() => []);

  const relayReceive = (from: number, u: Uint8Array) => {
    relay.log.push(u); // stored before fan-out
    Y.applyUpdate(relay.doc, u);
    peers.forEach((p, i) => {
      if (i !== from && p.online) toPeer[i]!.push(u);
    });
  };
  const peerApply = (i: number, u: Uint8Array) => {
    const p = peers[i]!;
    p.log.push(u);
    Y.applyUpdate(p.doc, u, 'remote');
  };
  const handshake = (i: number) => {
    const p = peers[i]!;
    toRelay[i]!.push(Y.encodeStateAsUpdate(p.doc, Y.encodeStateVector(relay.doc)));
    toPeer[i]!.push(Y.encodeStateAsUpdate(relay.doc, Y.encodeStateVector(p.doc)));
  };
  const edit = (i: number) => {
    const p = peers[i]!;
    const before = Y.encodeStateVector(p.doc);
    const recs = p.doc.getMap<Y.Map<unknown>>('records');
    const id = `r-${int(6)}`;
    const op = rng();
    p.doc.transact(() => {
      if (op < 0.3 || !recs.has(id)) {
        const m = new Y.Map<unknown>();
        m.set('a', int(100));
        recs.set(id, m);
      } else if (op < 0.9) recs.get(id)!.set(['a', 'b', 'c'][int(3)]!, int(100));
      else recs.delete(id);
    });
    const u = Y.encodeStateAsUpdate(p.doc, before);
    p.log.push(u);
    if (p.online) toRelay[i]!.push(u);
  };

  for (let s = 0; s < steps; s++) {
    const r = rng();
    const i = int(peersN);
    if (r < 0.35) edit(i);
    else if (r < 0.75) {
      // deliver one random in-flight message (reordering)
      const q = rng() < 0.5 ? toRelay[i]! : toPeer[i]!;
      if (q.length > 0 && peers[i]!.online) {
        const [u] = q.splice(int(q.length), 1);
        if (q === toRelay[i]) relayReceive(i, u!);
        else peerApply(i, u!);
      }
    } else if (r < 0.85) {
      const p = peers[i]!;
      p.online = !p.online;
      toRelay[i] = [];
      toPeer[i] = [];
      if (p.online) handshake(i);
    } else if (r < 0.95) {
      // peer restart: in-flight messages lost, state rebuilt from its own log
      peers[i]!.doc.destroy();
      peers[i]!.doc = track(rebuild(peers[i]!.log), i);
      toRelay[i] = [];
      toPeer[i] = [];
      if (peers[i]!.online) handshake(i);
    } else {
      // relay restart: every connection drops; peers reconnect
      relay.doc.destroy();
      relay.doc = rebuild(relay.log);
      peers.forEach((p, k) => {
        toRelay[k] = [];
        toPeer[k] = [];
        if (p.online) handshake(k);
      });
    }
  }
  // heal: everyone online, drain, handshake twice
  for (let round = 0; round < 2; round++) {
    peers.forEach((p, k) => {
      p.online = true;
      handshake(k);
    });
    let busy = true;
    while (busy) {
      busy = false;
      peers.forEach((_p, k) => {
        while (toRelay[k]!.length > 0) {
          busy = true;
          relayReceive(k, toRelay[k]!.shift()!);
        }
        while (toPeer[k]!.length > 0) {
          busy = true;
          peerApply(k, toPeer[k]!.shift()!);
        }
      });
    }
  }
  const expected = canonical(relay.doc, ['records', AUTHORS_MAP]);
  peers.forEach((p, k) => {
    if (canonical(p.doc, ['records', AUTHORS_MAP]) !== expected) throw new Error(`seed ${seed}: peer ${k} diverged`);
  });
  // Nothing any peer ever made is lost: the relay holds every peer's own clock.
  const sv = Y.decodeStateVector(Y.encodeStateVector(relay.doc));
  peers.forEach((p) => {
    const own = Y.decodeStateVector(Y.encodeStateVector(p.doc)).get(p.doc.clientID) ?? 0;
    if ((sv.get(p.doc.clientID) ?? 0) < own) throw new Error(`seed ${seed}: relay lost edits`);
  });
}

export interface ConvergenceReport {
  readonly runs: number;
  readonly failures: readonly { readonly seed: number; readonly error: string }[];
  readonly ms: number;
}

/** Runs `runs` seeded runs from `base` (seed = base + run), collecting failures with their seeds. */
export function runMany(base: number, runs: number, stopAtFirst = false): ConvergenceReport {
  const failures: { seed: number; error: string }[] = [];
  const t0 = performance.now();
  for (let run = 0; run < runs; run++) {
    const seed = (base + run) % 2 ** 31;
    try {
      runOnce(seed);
    } catch (err) {
      failures.push({ seed, error: String(err) });
      if (stopAtFirst) break;
    }
  }
  return { runs, failures, ms: performance.now() - t0 };
}
