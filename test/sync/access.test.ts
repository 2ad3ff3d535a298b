import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { syncDocsOnce } from '../../cli/sync/sync-once.js';
import { issueToken, verifyToken } from '../../sync-server/token.js';
import { accessFor } from '../../sync-server/access.js';
import { parseRoomName } from '../../sync-server/room.js';
import { rawConnect, SECRET, startRelay, token } from './relay-process.js';
import type { RelayProc } from './relay-process.js';
import type { Role } from '../../core/doc/schema.js';

let relay: RelayProc;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay?.stop();
});

const ROOMS = ['acme/org', 'acme/client/c-1', 'acme/client/c-2', 'acme/schedule/2026-W48/g-1', 'acme/schedule/2026-W48/g-2', 'demo-1/org', 'other/org', 'acme/volunteer/u-volunteer', 'acme/volunteer/u-other'];
type A = 'rw' | 'ro' | '-';
const MATRIX: Record<string, A[]> = {
  // org, c-1, c-2, sched g-1, sched g-2, demo org, other ns, the volunteer's own document, another volunteer's
  coordinator: ['rw', 'rw', 'rw', 'rw', 'rw', '-', '-', 'rw', 'rw'],
  manager: ['rw', 'rw', 'rw', 'rw', 'rw', '-', '-', 'rw', 'rw'],
  social_worker: ['rw', 'rw', 'rw', 'rw', 'rw', '-', '-', 'rw', 'rw'],
  caregiver: ['ro', 'rw', '-', 'ro', '-', '-', '-', '-', '-'],
  // A volunteer's token names her client (c-1) too: she still never reads the client document.
  volunteer: ['-', '-', '-', '-', '-', '-', '-', 'ro', '-'],
  trainer: ['-', '-', '-', '-', '-', '-', '-', '-', '-'],
  auditor: ['ro', 'ro', 'ro', 'ro', 'ro', '-', '-', 'ro', 'ro'],
};

function tok(role: Role, ns = 'acme'): string {
  return token(role, { ns, clients: ['c-1'], groups: ['g-1'] });
}

describe('tokens', () => {
  it('round-trips and refuses forged, expired and malformed tokens', () => {
    const t = issueToken(SECRET, { sub: 'u-1', role: 'manager', ns: 'acme' }, 60, 1_000_000);
    expect(verifyToken(SECRET, t, 1_000_000).ok).toBe(true);
    expect(verifyToken(SECRET, t, 1_000_000 + 61_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyToken('another-secret-xxxxxxxx', t, 1_000_000)).toEqual({ ok: false, reason: 'bad-signature' });
    const [p, s] = t.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'coordinator' })).toString('base64url');
    expect(verifyToken(SECRET, `${forged}.${s}`, 1_000_000).ok).toBe(false);
    expect(verifyToken(SECRET, 'garbage', 1_000_000).ok).toBe(false);
  });
});

describe('role × room (unit)', () => {
  for (const [role, row] of Object.entries(MATRIX)) {
    it(role, () => {
      const got = ROOMS.map((r) => {
        const a = accessFor({ sub: `u-${role}`, role: role as Role, ns: 'acme', clients: ['c-1'], groups: ['g-1'], exp: 0, iat: 0 }, parseRoomName(r)!);
        return a === 'read-write' ? 'rw' : a === 'read-only' ? 'ro' : '-';
      });
      expect(got).toEqual(row);
    });
  }
  it('trainer: demo namespaces only', () => {
    const claims = { sub: 'u', role: 'trainer' as const, ns: 'demo-1', exp: 0, iat: 0 };
    expect(accessFor(claims, parseRoomName('demo-1/client/c-9')!)).toBe('read-write');
    expect(accessFor({ ...claims, ns: 'acme' }, parseRoomName('acme/org')!)).toBe('none');
  });
  it('room names', () => {
    expect(parseRoomName('acme/client/c-1')?.docId).toBe('client/c-1');
    for (const bad of ['', 'acme', 'acme/', '/org', 'acme/client', 'acme/client/../x', 'acme/schedule/2026-W99/g', 'a b/org']) {
      expect(parseRoomName(bad)).toBeNull();
    }
  });
});

async function closeOf(room: string, t: string | null): Promise<number> {
  const c = await rawConnect(relay.url, room, t);
  const r = await Promise.race([c.closed, c.firstMessage.then(() => ({ code: 0 })), new Promise<{ code: number }>((res) => setTimeout(() => res({ code: -1 }), 3000))]);
  c.ws.terminate();
  return r.code;
}

describe('against the relay process', () => {
  it('forbidden rooms close 4403; allowed ones stay open', async () => {
    for (const [role, row] of Object.entries(MATRIX)) {
      for (let i = 0; i < ROOMS.length; i++) {
        const code = await closeOf(ROOMS[i]!, tok(role as Role));
        expect({ role, room: ROOMS[i], code }).toEqual({ role, room: ROOMS[i], code: row[i] === '-' ? 4403 : 0 });
      }
    }
  });

  it('trainer works in a demo namespace', async () => {
    const d = new Y.Doc();
    d.getMap('profile').set('name', 'Demo');
    const r = await syncDocsOnce({ url: relay.url, token: tok('trainer', 'demo-1'), namespace: 'demo-1', docs: new Map([['client/c-5', d]]) });
    expect(r.ok).toBe(true);
  });

  it('expired, forged and missing tokens close 4401; bad room names 4400', async () => {
    expect(await closeOf('acme/org', token('manager', { now: Date.now() - 7200_000, ttl: 60 }))).toBe(4401);
    const t = token('manager');
    expect(await closeOf('acme/org', `${t.slice(0, -3)}AAA`)).toBe(4401);
    expect(await closeOf('acme/org', issueToken('not-the-secret-123456', { sub: 'x', role: 'manager', ns: 'acme' }, 60))).toBe(4401);
    expect(await closeOf('acme/org', null)).toBe(4401);
    expect(await closeOf('acme/nonsense/x', t)).toBe(4400);
  });

  it('read-only connections can read, and their writes are dropped (4403 read-only)', async () => {
    const writer = new Y.Doc();
    writer.getMap('profile').set('name', 'Anna');
    expect((await syncDocsOnce({ url: relay.url, token: tok('manager'), namespace: 'acme', docs: new Map([['client/c-1', writer]]) })).ok).toBe(true);
    const reader = new Y.Doc();
    const read = await syncDocsOnce({ url: relay.url, token: tok('auditor'), namespace: 'acme', docs: new Map([['client/c-1', reader]]) });
    expect(read.ok).toBe(true);
    expect(reader.getMap('profile').get('name')).toBe('Anna');
    reader.getMap('profile').set('name', 'Changed by auditor');
    const write = await syncDocsOnce({ url: relay.url, token: tok('auditor'), namespace: 'acme', docs: new Map([['client/c-1', reader]]) });
    expect(write).toMatchObject({ ok: false });
    expect(!write.ok && write.reason).toMatch(/4403 read-only/);
    const check = new Y.Doc();
    await syncDocsOnce({ url: relay.url, token: tok('auditor'), namespace: 'acme', docs: new Map([['client/c-1', check]]) });
    expect(check.getMap('profile').get('name')).toBe('Anna');
  });

  it('four-eyes: self-approval and approval by a non-approver role are refused', async () => {
    const base = new Y.Doc();
    base.transact(() => {
      const a = new Y.Map<unknown>();
      a.set('status', 'submitted');
      a.set('assessorId', 'u-sw');
      a.set('approverId', null);
      base.getMap('assessments').set('as-1', a);
    });
    const sw = tok('social_worker');
    expect((await syncDocsOnce({ url: relay.url, token: sw, namespace: 'acme', docs: new Map([['client/c-2', base]]) })).ok).toBe(true);
    const approve = async (role: Role, approver: string) => {
      const fresh = new Y.Doc();
      await syncDocsOnce({ url: relay.url, token: tok('manager'), namespace: 'acme', docs: new Map([['client/c-2', fresh]]) });
      fresh.transact(() => {
        const a = fresh.getMap('assessments').get('as-1') as Y.Map<unknown>;
        a.set('status', 'approved');
        a.set('approverId', approver);
      });
      return syncDocsOnce({ url: relay.url, token: tok(role), namespace: 'acme', docs: new Map([['client/c-2', fresh]]) });
    };
    const self = await approve('manager', 'u-sw');
    expect(!self.ok && self.reason).toMatch(/4403 four-eyes/);
    const byWorker = await approve('social_worker', 'u-other');
    expect(!byWorker.ok && byWorker.reason).toMatch(/4403 four-eyes/);
    const ok = await approve('manager', 'u-mgr');
    expect(ok.ok).toBe(true);
    const check = new Y.Doc();
    await syncDocsOnce({ url: relay.url, token: tok('auditor'), namespace: 'acme', docs: new Map([['client/c-2', check]]) });
    expect((check.getMap('assessments').get('as-1') as Y.Map<unknown>).get('approverId')).toBe('u-mgr');
  });
});
