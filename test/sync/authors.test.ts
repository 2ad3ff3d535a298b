/**
 * Who changed what across laptops: two workspaces and a stock y-websocket client edit through a
 * relay process; every peer's history names the real author and time of every change, concurrent
 * edits of one field included; the relay refuses updates that claim another user's session.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { syncDocsOnce } from '../../cli/sync/sync-once.js';
import { initWorkspace } from '../../cli/workspace/workspace.js';
import type { Workspace } from '../../cli/workspace/workspace.js';
import { AUTHORS_MAP, AUTHOR_TIMES_MAP } from '../../core/doc/authors.js';
import { patchProfile } from '../../core/doc/client-doc.js';
import { clientDocId } from '../../core/doc/doc-id.js';
import { act } from '../../core/doc/origin.js';
import { replayHistory } from '../../core/history/replay.js';
import type { FieldChange } from '../../core/history/replay.js';
import type { ClientId, DocId } from '../../core/ids.js';
import { rawConnect, token, useRelayFixture } from './relay-process.js';

const fx = useRelayFixture('apsis-authors-');

interface Laptop {
  ws: Workspace;
  clock: { t: Date };
  tok: string;
}

async function laptop(name: string, userId: string): Promise<Laptop> {
  const clock = { t: new Date('2026-11-20T08:00:00.000Z') };
  const res = await initWorkspace(join(fx.base(), name), { now: () => clock.t }, { user: { id: userId, name: userId, role: 'coordinator' }, namespace: 'acme' });
  if (!res.ok) throw new Error(res.error.message);
  return { ws: res.value, clock, tok: token('coordinator', { sub: userId }) };
}

async function sync(l: Laptop, docId: DocId): Promise<void> {
  const opened = await l.ws.doc(docId);
  if (!opened.ok) throw new Error('open');
  const r = await syncDocsOnce({ url: fx.relay().url, token: l.tok, namespace: 'acme', docs: new Map([[docId, opened.doc]]) });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  await l.ws.repo.flush();
}

async function history(l: Laptop, docId: DocId): Promise<FieldChange[]> {
  return replayHistory(await l.ws.repo.storage.history(docId));
}

const phone = (h: FieldChange[]) => h.filter((c) => c.field === 'phone').map((c) => ({ userId: c.userId, new: c.new, kind: c.kind, at: c.at.slice(0, 16) }));

describe('who changed what survives sync', () => {
  it('both authors of concurrent edits of one field, with their times, on both laptops and on a fresh one', async () => {
    const a = await laptop('a', 's-anna');
    const b = await laptop('b', 's-maris');
    const added = await a.ws.addClient({ givenName: 'Jānis', familyName: 'Bērziņš' });
    if (!added.ok) throw new Error('add');
    const docId = clientDocId(added.id as ClientId);
    await sync(a, docId);
    await sync(b, docId);

    // Offline on both laptops, at different times: the same field, and one field each.
    a.clock.t = new Date('2026-11-21T09:15:00.000Z');
    const da = await a.ws.doc(docId);
    const db = await b.ws.doc(docId);
    if (!da.ok || !db.ok) throw new Error('open');
    act(da.doc, a.ws.origin('client.edit'), () => patchProfile(da.doc, { phone: '+371 21111111' }));
    a.clock.t = new Date('2026-11-21T11:40:00.000Z');
    act(da.doc, a.ws.origin('client.edit'), () => patchProfile(da.doc, { address: 'Brīvības iela 1' }));
    b.clock.t = new Date('2026-11-22T14:05:00.000Z');
    act(db.doc, b.ws.origin('client.edit'), () => patchProfile(db.doc, { phone: '+371 22222222' }));
    act(db.doc, b.ws.origin('client.edit'), () => patchProfile(db.doc, { livesAlone: true }));

    await sync(a, docId);
    await sync(b, docId);
    await sync(a, docId);
    expect(da.doc.getMap('profile').get('phone')).toBe(db.doc.getMap('profile').get('phone'));

    const expected = [
      { userId: 's-anna', new: '+371 21111111', at: '2026-11-21T09:15' },
      { userId: 's-maris', new: '+371 22222222', at: '2026-11-22T14:05' },
    ];
    for (const l of [a, b]) {
      const h = await history(l, docId);
      const ph = phone(h);
      for (const e of expected) expect(ph, `${l.ws.user.id}: ${JSON.stringify(ph)}`).toContainEqual(expect.objectContaining(e));
      // The losing write is listed, not silently gone; the winner is marked concurrent.
      expect(ph.filter((c) => c.new !== undefined && c.kind !== 'set').length).toBeGreaterThanOrEqual(1);
      expect(h.find((c) => c.field === 'address' && c.new === 'Brīvības iela 1')).toMatchObject({ userId: 's-anna', at: expect.stringMatching(/^2026-11-21T11:40/) });
      expect(h.find((c) => c.field === 'livesAlone' && c.new === true)).toMatchObject({ userId: 's-maris', at: expect.stringMatching(/^2026-11-22T14:05/) });
      expect(h.some((c) => c.userId === 'remote')).toBe(false);
      expect(h.some((c) => c.path[0] === AUTHORS_MAP || c.path[0] === AUTHOR_TIMES_MAP)).toBe(false);
    }

    // A third laptop that only ever pulled sees the same authors.
    const c = await laptop('c', 's-ilze');
    await sync(c, docId);
    const ph = phone(await history(c, docId));
    for (const e of expected) expect(ph).toContainEqual(expect.objectContaining(e));
    for (const l of [a, b, c]) await l.ws.close();
  }, 60_000);

  it('a stock y-websocket client that does not register is attributed to its token user by the relay', async () => {
    const a = await laptop('d', 's-anna');
    const added = await a.ws.addClient({ givenName: 'Anna', familyName: 'Ozola' });
    if (!added.ok) throw new Error('add');
    const docId = clientDocId(added.id as ClientId);
    await sync(a, docId);
    const stock = new Y.Doc();
    const first = await syncDocsOnce({ url: fx.relay().url, token: token('coordinator', { sub: 's-stock' }), namespace: 'acme', docs: new Map([[docId, stock]]) });
    expect(first.ok).toBe(true);
    (stock.getMap('profile') as Y.Map<unknown>).set('phone', '+371 23333333');
    const second = await syncDocsOnce({ url: fx.relay().url, token: token('coordinator', { sub: 's-stock' }), namespace: 'acme', docs: new Map([[docId, stock]]) });
    expect(second.ok).toBe(true);
    await sync(a, docId);
    const da = await a.ws.doc(docId);
    if (!da.ok) throw new Error('open');
    expect(da.doc.getMap(AUTHORS_MAP).get(String(stock.clientID))).toMatchObject({ userId: 's-stock', by: 'relay' });
    expect(phone(await history(a, docId))).toContainEqual(expect.objectContaining({ userId: 's-stock', new: '+371 23333333' }));
    await a.ws.close();
  }, 60_000);

  it('refuses an update that registers a session for another user, or writes as another user’s session', async () => {
    const room = 'acme/client/c-spoof';
    const owner = new Y.Doc();
    owner.transact(() => {
      owner.getMap(AUTHORS_MAP).set(String(owner.clientID), { userId: 's-anna', at: '2026-11-20T08:00:00.000Z' });
      owner.getMap('profile').set('phone', '1');
    });
    expect((await syncDocsOnce({ url: fx.relay().url, token: token('coordinator', { sub: 's-anna' }), namespace: 'acme', docs: new Map([['client/c-spoof', owner]]) })).ok).toBe(true);

    const liar = new Y.Doc();
    liar.transact(() => {
      liar.getMap(AUTHORS_MAP).set(String(liar.clientID), { userId: 's-anna', at: '2026-11-20T08:00:00.000Z' });
      liar.getMap('profile').set('phone', 'forged');
    });
    const refused = await syncDocsOnce({ url: fx.relay().url, token: token('coordinator', { sub: 's-mallory' }), namespace: 'acme', docs: new Map([['client/c-spoof', liar]]), timeoutMs: 5000 });
    expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/4403 author/) });

    // Same clientID as the owner's session, carrying on its clock: an impersonation.
    const twin = new Y.Doc();
    Y.applyUpdate(twin, Y.encodeStateAsUpdate(owner));
    twin.clientID = owner.clientID;
    twin.getMap('profile').set('phone', 'forged too');
    const c = await rawConnect(fx.relay().url, room, token('coordinator', { sub: 's-mallory' }));
    await c.firstMessage;
    const { encodeUpdate } = await import('../../sync-server/protocol.js');
    c.ws.send(encodeUpdate(Y.encodeStateAsUpdate(twin, Y.encodeStateVector(owner))));
    expect(await c.closed).toEqual({ code: 4403, reason: 'author' });

    // Nothing forged reached the relay.
    const check = new Y.Doc();
    expect((await syncDocsOnce({ url: fx.relay().url, token: token('auditor'), namespace: 'acme', docs: new Map([['client/c-spoof', check]]) })).ok).toBe(true);
    expect(check.getMap('profile').get('phone')).toBe('1');
  }, 60_000);
});
