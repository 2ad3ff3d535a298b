import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { syncDocsOnce } from '../../cli/sync/sync-once.js';
import { startRelay, token } from './relay-process.js';
import type { RelayProc } from './relay-process.js';

let relay: RelayProc;
beforeAll(async () => {
  relay = await startRelay({ env: { APSIS_RELAY_IDLE_SECONDS: '0.2' } });
});
afterAll(async () => {
  await relay?.stop();
});

const http = (path: string) => fetch(`http://127.0.0.1:${relay.port}${path}`);

describe('health and metrics', () => {
  it('GET /healthz → 200 {"ok":true}', async () => {
    const r = await http('/healthz');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true });
    expect((await http('/nope')).status).toBe(404);
  });

  it('GET /metrics counts traffic, stored updates, and idle rooms are unloaded', async () => {
    const d = new Y.Doc();
    d.getMap('profile').set('name', 'Berta');
    const r = await syncDocsOnce({ url: relay.url, token: token('manager'), namespace: 'acme', docs: new Map([['client/c-7', d]]) });
    expect(r.ok).toBe(true);
    const m = (await (await http('/metrics')).json()) as Record<string, number>;
    for (const k of ['connections', 'roomsLoaded', 'bytesIn', 'bytesOut', 'updatesStored']) expect(typeof m[k]).toBe('number');
    expect(m.updatesStored).toBeGreaterThanOrEqual(1);
    expect(m.bytesIn).toBeGreaterThan(0);
    expect(m.bytesOut).toBeGreaterThan(0);
    await new Promise((res) => setTimeout(res, 600));
    const later = (await (await http('/metrics')).json()) as Record<string, number>;
    expect(later.connections).toBe(0);
    expect(later.roomsLoaded).toBe(0);
    expect(relay.stderr()).toContain('"event":"room.unloaded"');
    expect(relay.stderr()).not.toContain('Berta');
  });
});
