/** The TUI syncs live when a relay is configured: the status bar goes online and drains "waiting". */
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WithLiveSync } from '../../cli/tui/app/WithLiveSync.js';
import { issueToken } from '../../sync-server/token.js';
import type { RelayProc } from '../sync/relay-process.js';
import { SECRET, startRelay } from '../sync/relay-process.js';
import { makeWorkspace } from './harness.js';

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
