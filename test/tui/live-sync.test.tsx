/** The TUI syncs live when a relay is configured: the status bar goes online and drains "waiting". */
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WithLiveSync } from '../../cli/tui/app/WithLiveSync.js';
import { issueToken } from '../../sync-server/token.js';
import type { RelayProc } from '../sync/relay-process.js';
import { SECRET, startRelay } from '../sync/relay-process.js';
import * as Y from 'yjs';
import { addClientRecord } from '../../core/doc/client-doc.js';
import { syncDocsOnce } from '../../cli/sync/sync-once.js';
import { openWorkspace } from '../../cli/workspace/workspace.js';
import { addClients, makeWorkspace } from './harness.js';
import { seedVisit } from './seed-visit.js';

let relay: RelayProc;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay?.stop();
});

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live sync in the TUI', () => {
  it('shows online once connected, and the relay receives what is edited', async () => {
    const w = await makeWorkspace('coordinator', 'anna');
    try {
      await w.ws.setSettings({ serverUrl: `ws://127.0.0.1:${relay.port}`, token: issueToken(SECRET, { sub: 'anna', role: 'coordinator', ns: 'test' }, 3600) });
      const app = render(<WithLiveSync ws={w.ws} lang="en" noColor />);
      let frame = '';
      for (let i = 0; i < 300 && !/· online/.test(frame); i++) {
        await tick(20);
        frame = app.lastFrame() ?? '';
      }
      expect(frame).toMatch(/· online/);
      app.unmount();
    } finally {
      await w.cleanup();
    }
  }, 30_000);

  it("a manager's dashboard shows a visit record as soon as a laptop syncs it", async () => {
    const w = await makeWorkspace('manager', 'ivars');
    try {
      const [id] = await addClients(w.ws, ['Jānis Ozols'], 'g1');
      await w.ws.close();
      const visitId = await seedVisit(w.ws.dir, id!, ['hygiene'], 9 * 60, w.ws.clock);
      const re = await openWorkspace(w.ws.dir, w.ws.clock);
      if (!re.ok) throw new Error(re.error.message);
      const ws = re.value;
      const url = `ws://127.0.0.1:${relay.port}`;
      await ws.setSettings({ serverUrl: url, token: issueToken(SECRET, { sub: 'ivars', role: 'manager', ns: 'test' }, 3600) });
      const app = render(<WithLiveSync ws={ws} lang="en" noColor />);
      const until = async (pred: (f: string) => boolean, what: string) => {
        for (let i = 0; i < 1000; i++) {
          if (pred(app.lastFrame() ?? '')) return;
          await tick(20);
        }
        throw new Error(`timed out waiting for ${what}; last frame:\n${app.lastFrame()}`);
      };
      await until((f) => f.includes('APSis'), 'the first frame');
      await tick(100);
      app.stdin.write('5');
      await until((f) => f.includes('g1: 0/1 visits recorded') && /· online/.test(f), 'the dashboard online');
      // A caregiver's laptop (here a bare Yjs peer) pulls the client's document, records the visit, syncs.
      const peer = new Y.Doc();
      const tok = issueToken(SECRET, { sub: 'liga', role: 'coordinator', ns: 'test' }, 3600);
      const docs = new Map([[`client/${id}`, peer]]);
      // "online" says the connection is up, not that the relay has the document yet: the TUI opens
      // today's clients after the dashboard's first frame and uploads them then. Pull until it has.
      for (let i = 0; i < 100 && peer.getMap('meta').size === 0; i++) {
        expect((await syncDocsOnce({ url, token: tok, namespace: 'test', docs })).ok).toBe(true);
        if (peer.getMap('meta').size === 0) await tick(50);
      }
      expect(peer.getMap('meta').size).toBeGreaterThan(0);
      peer.transact(() => {
        const res = addClientRecord(peer, 'visitRecords', { id: 'vr-1', date: '2026-11-23', staffId: 'liga', scheduledVisitId: visitId, arrivedAt: null, leftAt: null, note: '' });
        if (!res.ok) throw new Error(JSON.stringify(res.issues));
      });
      expect((await syncDocsOnce({ url, token: tok, namespace: 'test', docs })).ok).toBe(true);
      await until((f) => f.includes('g1: 1/1 visits recorded'), 'the synced record on the dashboard');
      app.unmount();
      await ws.close();
    } finally {
      await w.cleanup();
    }
  }, 60_000);

  it('shows offline when the relay cannot be reached', async () => {
    const w = await makeWorkspace('coordinator', 'anna');
    try {
      await w.ws.setSettings({ serverUrl: 'ws://127.0.0.1:9', token: issueToken(SECRET, { sub: 'anna', role: 'coordinator', ns: 'test' }, 3600) });
      const app = render(<WithLiveSync ws={w.ws} lang="en" noColor />);
      await tick(300);
      expect(app.lastFrame()).toMatch(/· offline/);
      app.unmount();
    } finally {
      await w.cleanup();
    }
  });
});
