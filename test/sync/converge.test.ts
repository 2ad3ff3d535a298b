import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { syncDocsOnce } from '../../cli/sync/sync-once.js';
import { LiveSync } from '../../cli/sync/live-sync.js';
import { canonical, startRelay, token, waitFor } from './relay-process.js';
import { createFileStorage } from '../../cli/store/file-storage.js';
import { replayHistory } from '../../core/history/replay.js';
import type { DocId } from '../../core/ids.js';
import type { RelayProc } from './relay-process.js';

let relay: RelayProc;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay?.stop();
});

function record(doc: Y.Doc, top: string, id: string, fields: Record<string, unknown>): void {
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(fields)) m.set(k, v);
    doc.getMap(top).set(id, m);
  });
}

function setField(doc: Y.Doc, top: string, id: string, k: string, v: unknown): void {
  (doc.getMap(top).get(id) as Y.Map<unknown>).set(k, v);
}

describe('two peers through the relay process', () => {
  it('offline edits (different records, different fields, same field) converge; different-field edits both survive', async () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const tok = token('social_worker', { sub: 'u-a' });
    // shared starting point
    record(a, 'alerts', 'al-1', { text: 'start', level: 'low', note: '' });
    const first = await syncDocsOnce({ url: relay.url, token: tok, namespace: 'acme', docs: new Map([['client/c-1', a]]) });
    expect(first.ok).toBe(true);
    const second = await syncDocsOnce({ url: relay.url, token: token('coordinator', { sub: 'u-b' }), namespace: 'acme', docs: new Map([['client/c-1', b]]) });
    expect(second.ok).toBe(true);
    expect(canonical(b, ['alerts'])).toBe(canonical(a, ['alerts']));

    // offline edits
    record(a, 'alerts', 'al-a', { text: 'from a' });
    record(b, 'alerts', 'al-b', { text: 'from b' });
    setField(a, 'alerts', 'al-1', 'level', 'high');
    setField(b, 'alerts', 'al-1', 'note', 'seen by b');
    setField(a, 'alerts', 'al-1', 'text', 'text by a');
    setField(b, 'alerts', 'al-1', 'text', 'text by b');

    const rA = await syncDocsOnce({ url: relay.url, token: tok, namespace: 'acme', docs: new Map([['client/c-1', a]]) });
    const rB = await syncDocsOnce({ url: relay.url, token: token('coordinator', { sub: 'u-b' }), namespace: 'acme', docs: new Map([['client/c-1', b]]) });
    const rA2 = await syncDocsOnce({ url: relay.url, token: tok, namespace: 'acme', docs: new Map([['client/c-1', a]]) });
    for (const r of [rA, rB, rA2]) expect(r.ok).toBe(true);
    if (rA.ok && rB.ok && rA2.ok) {
      expect(rA.perDoc[0]!.pushedBytes).toBeGreaterThan(0);
      expect(rB.perDoc[0]!.pulledBytes).toBeGreaterThan(0);
      expect(rA2.perDoc[0]!.pulledBytes).toBeGreaterThan(0);
    }
    expect(canonical(a, ['alerts'])).toBe(canonical(b, ['alerts']));
    const al1 = (a.getMap('alerts').get('al-1') as Y.Map<unknown>).toJSON();
    expect(al1.level).toBe('high');
    expect(al1.note).toBe('seen by b');
    expect(['text by a', 'text by b']).toContain(al1.text);
    expect(a.getMap('alerts').has('al-a') && a.getMap('alerts').has('al-b')).toBe(true);

    // a fresh peer gets the same state from the relay's storage
    const c = new Y.Doc();
    expect((await syncDocsOnce({ url: relay.url, token: tok, namespace: 'acme', docs: new Map([['client/c-1', c]]) })).ok).toBe(true);
    expect(canonical(c, ['alerts'])).toBe(canonical(a, ['alerts']));

    // the relay's storage says who changed what (token subject, time)
    const history = await createFileStorage(relay.dataDir).history('acme/client/c-1' as DocId);
    const changes = replayHistory(history);
    expect(changes.some((ch) => ch.field === 'note' && ch.new === 'seen by b' && ch.userId === 'u-b')).toBe(true);
    expect(changes.some((ch) => ch.field === 'level' && ch.new === 'high' && ch.userId === 'u-a')).toBe(true);
    expect(changes.every((ch) => ch.action === 'sync' && ch.at !== '')).toBe(true);
  });

  it('live peers see each other within moments and report pending → 0', async () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const la = new LiveSync({ url: relay.url, token: token('manager'), namespace: 'acme' });
    const lb = new LiveSync({ url: relay.url, token: token('manager'), namespace: 'acme' });
    la.add('org', a);
    lb.add('org', b);
    try {
      await waitFor(() => la.status().online && lb.status().online);
      a.getMap('settings').set('name', 'Acme care');
      expect(la.status().pending).toBeGreaterThan(0);
      await waitFor(() => b.getMap('settings').get('name') === 'Acme care');
      await waitFor(() => la.status().pending === 0);
    } finally {
      la.destroy();
      lb.destroy();
    }
  });
});

