/**
 * The relay's side of "who changed what" (registry layout in core/doc/authors.ts): an update may
 * register sessions and time marks only for its own connection's user, may not remove or rewrite
 * another user's, and may not add structs under a clientID registered to someone else. Clients that
 * add structs without registering (a stock y-websocket client, data from before the registry) are
 * registered by the relay under the token's user, with the time the relay received them.
 */
import * as Y from 'yjs';
import { AUTHORS_MAP, AUTHOR_TIMES_MAP, MARK_EVERY_MS, markKey, parseAuthorEntry, parseMarkKey } from '../core/doc/authors.js';

export type AuthorVerdict = { readonly ok: true; readonly unregistered: readonly { client: number; clock: number }[] } | { readonly ok: false; readonly reason: string };

function stateOf(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Compares the room before and after an update (applied to a scratch copy). `unregistered` lists
 * the clients whose new structs no registration covers, with their first new clock.
 */
export function checkAuthors(before: Y.Doc, after: Y.Doc, userId: string): AuthorVerdict {
  const authorsBefore = before.getMap<unknown>(AUTHORS_MAP);
  const authorsAfter = after.getMap<unknown>(AUTHORS_MAP);
  for (const key of authorsBefore.keys()) if (!authorsAfter.has(key)) return { ok: false, reason: `removes the author of session ${key}` };
  for (const [key, value] of authorsAfter) {
    if (authorsBefore.has(key) && same(authorsBefore.get(key), value)) continue;
    const entry = parseAuthorEntry(value);
    if (!/^\d{1,10}$/.test(key) || !entry) return { ok: false, reason: `malformed author entry ${key}` };
    if (entry.userId !== userId || entry.by === 'relay') return { ok: false, reason: `registers session ${key} for another user` };
  }
  const timesBefore = before.getMap<unknown>(AUTHOR_TIMES_MAP);
  const timesAfter = after.getMap<unknown>(AUTHOR_TIMES_MAP);
  for (const key of timesBefore.keys()) if (!timesAfter.has(key)) return { ok: false, reason: `removes time mark ${key}` };
  for (const [key, value] of timesAfter) {
    if (timesBefore.has(key) && same(timesBefore.get(key), value)) continue;
    const mark = parseMarkKey(key);
    if (!mark || typeof value !== 'string' || Number.isNaN(Date.parse(value))) return { ok: false, reason: `malformed time mark ${key}` };
    const owner = parseAuthorEntry(authorsAfter.get(String(mark.client)));
    if (owner?.userId !== userId) return { ok: false, reason: `sets a time mark of another user's session ${mark.client}` };
  }
  const was = stateOf(before);
  const unregistered: { client: number; clock: number }[] = [];
  for (const [client, clock] of stateOf(after)) {
    const from = was.get(client) ?? 0;
    if (clock <= from) continue;
    const owner = parseAuthorEntry(authorsAfter.get(String(client)));
    if (!owner) unregistered.push({ client, clock: from });
    else if (owner.userId !== userId) return { ok: false, reason: `writes as session ${client} of another user` };
  }
  return { ok: true, unregistered };
}

/** The clients (with their first new clock) of relay-registered sessions that an update advanced and whose last mark is a minute old. */
export function relayMarksDue(before: Map<number, number>, doc: Y.Doc, nowMs: number, lastMark: Map<number, number>): { client: number; clock: number }[] {
  const authors = doc.getMap<unknown>(AUTHORS_MAP);
  const due: { client: number; clock: number }[] = [];
  for (const [client, clock] of stateOf(doc)) {
    const from = before.get(client) ?? 0;
    if (clock <= from) continue;
    if (parseAuthorEntry(authors.get(String(client)))?.by !== 'relay') continue;
    if (nowMs - (lastMark.get(client) ?? Number.NEGATIVE_INFINITY) < MARK_EVERY_MS) continue;
    due.push({ client, clock: from });
  }
  return due;
}

export interface Notarisation {
  readonly userId: string;
  /** Clients to register under `userId` (from checkAuthors). */
  readonly register: readonly { client: number; clock: number }[];
  /** Relay-registered clients to mark now (from relayMarksDue). */
  readonly mark: readonly { client: number; clock: number }[];
  readonly nowMs: number;
  /** Last mark per client in this room, updated here. */
  readonly lastMark: Map<number, number>;
  readonly origin: unknown;
}

/** Writes the relay's registrations and time marks in one transaction; false when there was nothing to write. */
export function notarise(doc: Y.Doc, n: Notarisation): boolean {
  if (n.register.length === 0 && n.mark.length === 0) return false;
  const authors = doc.getMap<unknown>(AUTHORS_MAP);
  const times = doc.getMap<unknown>(AUTHOR_TIMES_MAP);
  const at = new Date(n.nowMs).toISOString();
  doc.transact(() => {
    for (const { client } of n.register) authors.set(String(client), { userId: n.userId, at, by: 'relay' });
    for (const { client, clock } of n.mark) times.set(markKey(client, clock), at);
    for (const { client } of [...n.register, ...n.mark]) n.lastMark.set(client, n.nowMs);
  }, n.origin);
  return true;
}

export { stateOf };
