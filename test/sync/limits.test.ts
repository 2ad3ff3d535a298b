import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeUpdate } from '../../sync-server/protocol.js';
import { rawConnect, startRelay, token } from './relay-process.js';
import type { RelayProc } from './relay-process.js';

let relay: RelayProc;
beforeAll(async () => {
  relay = await startRelay({ env: { APSIS_RELAY_MAX_FRAME_BYTES: '4096', APSIS_RELAY_MSGS_PER_SECOND: '20', APSIS_RELAY_MAX_ROOMS_PER_USER: '2' } });
});
afterAll(async () => {
  await relay?.stop();
});

describe('limits', () => {
  it('a frame over the limit closes the connection (1009)', async () => {
    const c = await rawConnect(relay.url, 'acme/org', token('manager', { sub: 'u-big' }));
    await c.opened;
    c.ws.send(encodeUpdate(new Uint8Array(10_000)));
    expect((await c.closed).code).toBe(1009);
  });

  it('too many messages per second close the connection (4429)', async () => {
    const c = await rawConnect(relay.url, 'acme/org', token('manager', { sub: 'u-fast' }));
    await c.opened;
    for (let i = 0; i < 100; i++) c.ws.send(Uint8Array.of(3));
    expect((await c.closed).code).toBe(4429);
  });

  it('rooms per user are capped (4429); malformed frames close with 4400', async () => {
    const t = token('manager', { sub: 'u-many' });
    const a = await rawConnect(relay.url, 'acme/client/c-1', t);
    const b = await rawConnect(relay.url, 'acme/client/c-2', t);
    await Promise.all([a.firstMessage, b.firstMessage]);
    const c = await rawConnect(relay.url, 'acme/client/c-3', t);
    expect((await c.closed).code).toBe(4429);
    a.ws.send(Uint8Array.of(0, 9, 9));
    expect((await a.closed)).toMatchObject({ code: 4400 });
    b.ws.close();
    const health = await fetch(`http://127.0.0.1:${relay.port}/healthz`);
    expect(health.status).toBe(200);
  });
});
