/**
 * The relay: an HTTP server (GET /healthz, GET /metrics) plus y-websocket rooms on upgrade.
 * Every connection is authenticated (token in `?token=`), authorised per room, rate-limited, and
 * every update is checked on a scratch copy, stored durably, and only then applied and fanned out.
 *
 * Close codes: 4400 malformed frame / bad room name, 4401 missing, expired or forged token,
 * 4403 forbidden room, write on a read-only connection ('read-only') or four-eyes violation
 * ('four-eyes'), 4429 rate or room limit, 1009 frame too large, 1011 storage failure, 1001 shutdown.
 * After storing a connection's sync-step-2 (or a stored update) the relay sends that connection a
 * fresh sync step 1: its state vector is the acknowledgement (see cli/sync/sync-once.ts).
 */
import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket, RawData } from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocStorage } from '../core/store/storage.js';
import { accessFor } from './access.js';
import type { Access } from './access.js';
import { checkFourEyes } from './four-eyes.js';
import { checkAuthors, notarise, relayMarksDue, stateOf } from './authors.js';
import { DEFAULT_LIMITS, RateLimiter } from './limits.js';
import type { RelayLimits } from './limits.js';
import type { Logger } from './log.js';
import { silentLogger } from './log.js';
import { createMetrics } from './metrics.js';
import type { RelayMetrics } from './metrics.js';
import { createRoomStore } from './persistence.js';
import type { RoomStore } from './persistence.js';
import { awarenessClients, decodeMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.js';
import type { Message } from './protocol.js';
import { parseRequestUrl, parseRoomName } from './room.js';
import type { RoomName } from './room.js';
import { verifyToken } from './token.js';
import type { TokenClaims } from './token.js';

export const CLOSE = {
  malformed: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  limit: 4429,
  tooLarge: 1009,
  storage: 1011,
  shutdown: 1001,
} as const;

export interface RelayOptions {
  port: number;
  host?: string;
  store: DocStorage;
  /** HMAC secret for tokens. */
  auth: { secret: string | Uint8Array; now?: () => number };
  limits?: Partial<RelayLimits>;
  log?: Logger;
  /** Compact a room's update log after this many updates (default 500). */
  compactAfter?: number;
}

export interface Relay {
  ready: Promise<{ port: number }>;
  close(): Promise<void>;
  metrics(): RelayMetrics;
}

interface Conn {
  readonly id: number;
  readonly ws: WebSocket;
  readonly claims: TokenClaims;
  readonly access: Access;
  readonly room: RoomName;
  readonly limiter: RateLimiter;
  readonly awarenessIds: Set<number>;
  live: LiveRoom | null;
  closed: boolean;
}

interface LiveRoom {
  readonly name: RoomName;
  doc: Y.Doc | null;
  awareness: awarenessProtocol.Awareness | null;
  readonly conns: Set<Conn>;
  queue: Promise<void>;
  idleTimer: NodeJS.Timeout | null;
  failed: boolean;
  /** When the relay last marked the time of each relay-registered client (see authors.ts). */
  readonly lastMark: Map<number, number>;
  /**
   * The Yjs client id of the relay's own writes in this room, fresh for each load. Not the room
   * doc's id: Yjs takes structs of its own id arriving in a remote update as a clash and re-rolls
   * (and prints a warning on stdout).
   */
  readonly notaryClient: number;
}

/** Origin of the relay's own writes (author registrations), applied after they are stored. */
const NOTARY = Symbol('apsis.relay.notary');

/**
 * The relay's registrations for an accepted update (see authors.ts), written on the scratch copy
 * under the room document's clientID so they apply to the room as they are; null when none are due.
 */
function notaryUpdate(doc: Y.Doc, scratch: Y.Doc, notaryClient: number, userId: string, register: readonly { client: number; clock: number }[], lastMark: Map<number, number>, nowMs: number): Uint8Array | null {
  const mark = relayMarksDue(stateOf(doc), scratch, nowMs, lastMark);
  if (register.length === 0 && mark.length === 0) return null;
  scratch.clientID = notaryClient;
  let written: Uint8Array | null = null;
  const capture = (u: Uint8Array, origin: unknown) => {
    if (origin === NOTARY) written = u;
  };
  scratch.on('update', capture);
  notarise(scratch, { userId, register, mark, nowMs, lastMark, origin: NOTARY });
  scratch.off('update', capture);
  return written;
}

export function createRelay(opts: RelayOptions): Relay {
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const log = opts.log ?? silentLogger;
  const now = opts.auth.now ?? (() => Date.now());
  const metrics = createMetrics();
  const store: RoomStore = createRoomStore(opts.store, opts.compactAfter ?? 500);
  const rooms = new Map<string, LiveRoom>();
  const unloading = new Map<string, Promise<void>>();
  const roomsPerUser = new Map<string, number>();
  let nextConnId = 1;
  let closing = false;

  const http = createServer((req, res) => handleHttp(req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
    } else if (req.method === 'GET' && path === '/metrics') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...metrics, roomsLoaded: rooms.size }));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'not found' }));
    }
  }

  function send(conn: Conn, frame: Uint8Array): void {
    if (conn.closed || conn.ws.readyState !== conn.ws.OPEN) return;
    metrics.bytesOut += frame.byteLength;
    conn.ws.send(frame, (err) => {
      if (err) closeConn(conn, CLOSE.storage, 'send failed');
    });
  }

  function closeConn(conn: Conn, code: number, reason: string): void {
    if (conn.closed) return;
    log.event('connection.close', { conn: conn.id, code, reason, room: conn.room.key });
    conn.ws.close(code, reason);
    detach(conn);
  }

  function detach(conn: Conn): void {
    if (conn.closed) return;
    conn.closed = true;
    metrics.connections--;
    const n = (roomsPerUser.get(conn.claims.sub) ?? 1) - 1;
    if (n <= 0) roomsPerUser.delete(conn.claims.sub);
    else roomsPerUser.set(conn.claims.sub, n);
    const room = conn.live;
    if (!room) return;
    room.conns.delete(conn);
    if (rooms.get(room.name.key) !== room) return;
    if (room.awareness && conn.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.awarenessIds], null);
    }
    if (room.conns.size === 0) scheduleUnload(room);
  }

  function scheduleUnload(room: LiveRoom): void {
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null;
      if (room.conns.size === 0) void unload(room);
    }, limits.idleUnloadSeconds * 1000);
    room.idleTimer.unref();
  }

  function unload(room: LiveRoom): Promise<void> {
    if (rooms.get(room.name.key) === room) rooms.delete(room.name.key);
    const done = room.queue
      .then(async () => {
        if (room.doc && !room.failed) await store.maybeCompact(room.name.key, room.doc, true);
      })
      .catch((err: unknown) => log.event('room.compact-failed', { room: room.name.key, error: String(err) }))
      .finally(() => {
        room.awareness?.destroy();
        room.doc?.destroy();
        room.doc = null;
        room.awareness = null;
        unloading.delete(room.name.key);
        log.event('room.unloaded', { room: room.name.key });
      });
    unloading.set(room.name.key, done);
    return done;
  }

  function getRoom(name: RoomName): LiveRoom {
    const existing = rooms.get(name.key);
    if (existing) {
      if (existing.idleTimer) clearTimeout(existing.idleTimer);
      existing.idleTimer = null;
      return existing;
    }
    const room: LiveRoom = { name, doc: null, awareness: null, conns: new Set(), queue: Promise.resolve(), idleTimer: null, failed: false, lastMark: new Map(), notaryClient: randomInt(1, 2 ** 32) };
    const prior = unloading.get(name.key) ?? Promise.resolve();
    room.queue = prior.then(async () => {
      try {
        const doc = await store.load(name.key);
        await store.maybeCompact(name.key, doc);
        const awareness = new awarenessProtocol.Awareness(doc);
        awareness.setLocalState(null);
        doc.on('update', (update: Uint8Array, origin: unknown) => {
          const frame = encodeUpdate(update);
          for (const c of room.conns) if (c !== origin) send(c, frame);
        });
        awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
          const changed = [...added, ...updated, ...removed];
          const frame = encodeAwareness(awareness, changed);
          for (const c of room.conns) send(c, frame);
        });
        room.doc = doc;
        room.awareness = awareness;
        log.event('room.loaded', { room: name.key });
      } catch (err) {
        room.failed = true;
        log.event('room.load-failed', { room: name.key, error: String(err) });
        if (rooms.get(name.key) === room) rooms.delete(name.key); // the next connection tries again
        for (const c of [...room.conns]) closeConn(c, CLOSE.storage, 'storage');
      }
    });
    rooms.set(name.key, room);
    return room;
  }

  function enqueue(room: LiveRoom, task: () => Promise<void> | void): void {
    room.queue = room.queue.then(task).catch((err: unknown) => {
      log.event('room.error', { room: room.name.key, error: String(err) });
    });
  }

  /** Applies an update to a scratch copy: null when it is malformed, else whether it changes anything. */
  function tryOnScratch(doc: Y.Doc, update: Uint8Array): { scratch: Y.Doc; changes: boolean } | null {
    const scratch = new Y.Doc({ gc: false });
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    let changes = false;
    scratch.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.deleteSet.clients.size > 0) changes = true;
      for (const [client, clock] of tr.afterState) if ((tr.beforeState.get(client) ?? 0) !== clock) changes = true;
    });
    try {
      Y.applyUpdate(scratch, update);
    } catch {
      scratch.destroy();
      return null;
    }
    if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null) changes = true;
    return { scratch, changes };
  }

  async function handleUpdate(conn: Conn, room: LiveRoom, update: Uint8Array, isStep2: boolean): Promise<void> {
    const doc = room.doc;
    if (!doc) return;
    const tried = tryOnScratch(doc, update);
    if (!tried) {
      closeConn(conn, CLOSE.malformed, 'malformed update');
      return;
    }
    const { scratch, changes } = tried;
    let notary: Uint8Array | null = null;
    try {
      if (!changes) {
        if (isStep2) send(conn, encodeSyncStep1(doc));
        return;
      }
      if (conn.access !== 'read-write') {
        metrics.updatesRefused++;
        closeConn(conn, CLOSE.forbidden, 'read-only');
        return;
      }
      const verdict = room.name.ref.kind === 'client' ? checkFourEyes(doc, scratch, conn.claims.role) : { ok: true };
      if (!verdict.ok) {
        metrics.updatesRefused++;
        log.event('update.refused', { conn: conn.id, room: room.name.key, rule: 'four-eyes', user: conn.claims.sub });
        closeConn(conn, CLOSE.forbidden, 'four-eyes');
        return;
      }
      const authors = checkAuthors(doc, scratch, conn.claims.sub);
      if (!authors.ok) {
        metrics.updatesRefused++;
        log.event('update.refused', { conn: conn.id, room: room.name.key, rule: 'author', user: conn.claims.sub });
        closeConn(conn, CLOSE.forbidden, 'author');
        return;
      }
      notary = notaryUpdate(doc, scratch, room.notaryClient, conn.claims.sub, authors.unregistered, room.lastMark, now());
    } finally {
      scratch.destroy();
    }
    try {
      // The relay's registrations go to disk with the update they are about (one durable append).
      await store.append(room.name.key, notary ? Y.mergeUpdates([update, notary]) : update, conn.claims.sub);
    } catch (err) {
      log.event('update.store-failed', { room: room.name.key, error: String(err) });
      closeConn(conn, CLOSE.storage, 'storage');
      return;
    }
    metrics.updatesStored++;
    Y.applyUpdate(doc, update, conn);
    if (notary) Y.applyUpdate(doc, notary, NOTARY); // fanned out to every connection, the sender included
    send(conn, encodeSyncStep1(doc));
    try {
      await store.maybeCompact(room.name.key, doc);
    } catch (err) {
      log.event('room.compact-failed', { room: room.name.key, error: String(err) });
    }
  }

  function handleMessage(conn: Conn, room: LiveRoom, msg: Message): Promise<void> | void {
    if (conn.closed || !room.doc || !room.awareness) return;
    switch (msg.kind) {
      case 'sync-step1':
        send(conn, encodeSyncStep2(room.doc, msg.stateVector));
        return;
      case 'sync-step2':
      case 'update':
        return handleUpdate(conn, room, msg.update, msg.kind === 'sync-step2');
      case 'awareness': {
        const ids = awarenessClients(msg.update);
        awarenessProtocol.applyAwarenessUpdate(room.awareness, msg.update, conn);
        for (const id of ids) conn.awarenessIds.add(id);
        return;
      }
      case 'query-awareness':
        send(conn, encodeAwareness(room.awareness, [...room.awareness.getStates().keys()]));
        return;
    }
  }

  function reject(ws: WebSocket, code: number, reason: string, fields: Record<string, string>): void {
    metrics.connectionsRejected++;
    log.event('connection.rejected', { code, reason, ...fields });
    ws.close(code, reason);
  }

  function onConnection(ws: WebSocket, req: IncomingMessage): void {
    ws.on('error', () => {});
    if (closing) return reject(ws, CLOSE.shutdown, 'shutting down', {});
    let parsed: { room: string; token: string | null };
    try {
      parsed = parseRequestUrl(req.url ?? '/');
    } catch {
      return reject(ws, CLOSE.malformed, 'bad url', {});
    }
    if (!parsed.token) return reject(ws, CLOSE.unauthorized, 'no token', {});
    const verified = verifyToken(opts.auth.secret, parsed.token, now());
    if (!verified.ok) return reject(ws, CLOSE.unauthorized, verified.reason, {});
    const claims = verified.claims;
    const name = parseRoomName(parsed.room);
    if (!name) return reject(ws, CLOSE.malformed, 'bad room', { user: claims.sub });
    const access = accessFor(claims, name);
    if (access === 'none') return reject(ws, CLOSE.forbidden, 'forbidden', { user: claims.sub, room: name.key });
    const open = roomsPerUser.get(claims.sub) ?? 0;
    if (open >= limits.maxRoomsPerUser) return reject(ws, CLOSE.limit, 'too many rooms', { user: claims.sub });
    roomsPerUser.set(claims.sub, open + 1);

    const conn: Conn = {
      id: nextConnId++,
      ws,
      claims,
      access,
      room: name,
      limiter: new RateLimiter(limits.messagesPerSecond),
      awarenessIds: new Set(),
      live: null,
      closed: false,
    };
    metrics.connections++;
    log.event('connection.open', { conn: conn.id, user: claims.sub, role: claims.role, room: name.key, access });
    const room = getRoom(name);
    conn.live = room;
    room.conns.add(conn);

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (conn.closed) return;
      const frame = toBytes(data);
      metrics.bytesIn += frame.byteLength;
      if (!isBinary) return closeConn(conn, CLOSE.malformed, 'text frame');
      if (frame.byteLength > limits.maxFrameBytes) return closeConn(conn, CLOSE.tooLarge, 'frame too large');
      if (!conn.limiter.take()) return closeConn(conn, CLOSE.limit, 'rate limit');
      let msg: Message;
      try {
        msg = decodeMessage(frame);
        if (msg.kind === 'awareness') awarenessClients(msg.update);
      } catch {
        return closeConn(conn, CLOSE.malformed, 'malformed frame');
      }
      enqueue(room, async () => {
        try {
          await handleMessage(conn, room, msg);
        } catch {
          closeConn(conn, CLOSE.malformed, 'malformed frame');
        }
      });
    });
    ws.on('close', () => detach(conn));
    enqueue(room, () => {
      if (room.failed) return closeConn(conn, CLOSE.storage, 'storage');
      if (conn.closed || !room.doc || !room.awareness) return;
      send(conn, encodeSyncStep1(room.doc));
      const states = [...room.awareness.getStates().keys()];
      if (states.length > 0) send(conn, encodeAwareness(room.awareness, states));
    });
  }

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req));
  });
  http.on('clientError', (_err, socket) => socket.destroy());

  const ready = new Promise<{ port: number }>((resolve, rejectReady) => {
    http.once('error', rejectReady);
    http.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      const addr = http.address();
      const port = typeof addr === 'object' && addr ? addr.port : opts.port;
      log.event('listening', { port });
      resolve({ port });
    });
  });

  return {
    ready,
    metrics: () => ({ ...metrics, roomsLoaded: rooms.size }),
    async close() {
      if (closing) return;
      closing = true;
      for (const room of rooms.values()) for (const c of [...room.conns]) closeConn(c, CLOSE.shutdown, 'shutting down');
      for (const ws of wss.clients) ws.terminate();
      await Promise.all([...rooms.values()].map((r) => unload(r)));
      await Promise.all([...unloading.values()]);
      await new Promise<void>((resolve) => {
        wss.close(() => resolve());
      });
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
