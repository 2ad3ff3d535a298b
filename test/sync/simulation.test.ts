/**
 * Seeded in-process convergence: 5 peers and a relay, transport simulated in memory with random
 * partitions, reordering, peer restarts and relay restarts (each side rebuilds from what it stored).
 * Replay a failure with APSIS_SEED=<seed printed>.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRng, testSeed } from '../helpers/rng.js';
import { canonical } from './relay-process.js';

interface Side {
  doc: Y.Doc;
  log: Uint8Array[];
}

function rebuild(log: Uint8Array[]): Y.Doc {
  const d = new Y.Doc();
  d.transact(() => {
    for (const u of log) Y.applyUpdate(d, u);
  });
  return d;
}

function runOnce(seed: number, peersN = 5, steps = 80): void {
  const rng = createRng(seed);
  const int = (n: number) => Math.floor(rng() * n);
  const relay: Side = { doc: new Y.Doc(), log: [] };
  const peers: (Side & { online: boolean })[] = Array.from({ length: peersN }, () => ({ doc: new Y.Doc(), log: [], online: true }));
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
      peers[i]!.doc = rebuild(peers[i]!.log);
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
  const expected = canonical(relay.doc, ['records']);
  peers.forEach((p, k) => {
    if (canonical(p.doc, ['records']) !== expected) throw new Error(`seed ${seed}: peer ${k} diverged`);
  });
  // Nothing any peer ever made is lost: the relay holds every peer's own clock.
  const sv = Y.decodeStateVector(Y.encodeStateVector(relay.doc));
  peers.forEach((p) => {
    const own = Y.decodeStateVector(Y.encodeStateVector(p.doc)).get(p.doc.clientID) ?? 0;
    if ((sv.get(p.doc.clientID) ?? 0) < own) throw new Error(`seed ${seed}: relay lost edits`);
  });
}

describe('seeded convergence simulation', () => {
  it('5 peers, random partitions / reordering / restarts: 200 runs converge', () => {
    const base = testSeed();
    for (let run = 0; run < 200; run++) {
      const seed = (base + run) % 2 ** 31;
      try {
        runOnce(seed);
      } catch (err) {
        throw new Error(`convergence failed, replay with APSIS_SEED=${seed}: ${String(err)}`);
      }
    }
    expect(true).toBe(true);
  });
});
