/** Room names: `<namespace>/<docId>`, e.g. `acme/client/c-1`, `demo-1/schedule/2026-W48/g-1`, `acme/org`. */
import type { DocId } from '../core/ids.js';
import { isIdShape } from '../core/ids.js';
import type { DocRef } from '../core/doc/doc-id.js';
import { docIdOf, parseDocId } from '../core/doc/doc-id.js';

export interface RoomName {
  readonly namespace: string;
  readonly docId: DocId;
  readonly ref: DocRef;
  /** `<namespace>/<docId>`: the room key and the storage key. */
  readonly key: string;
}

/** Parses a room name (without leading slash or query); null for anything else. */
export function parseRoomName(name: string): RoomName | null {
  if (name.length > 256) return null;
  const slash = name.indexOf('/');
  if (slash <= 0) return null;
  const namespace = name.slice(0, slash);
  if (!isIdShape(namespace)) return null;
  const ref = parseDocId(name.slice(slash + 1));
  if (!ref) return null;
  const docId = docIdOf(ref);
  return { namespace, docId, ref, key: `${namespace}/${docId}` };
}

/** Splits a request URL `/<room>?token=…` into the room name and the token. */
export function parseRequestUrl(url: string): { room: string; token: string | null } {
  const u = new URL(url, 'http://relay.invalid');
  let room: string;
  try {
    room = decodeURIComponent(u.pathname.slice(1));
  } catch {
    room = '';
  }
  return { room, token: u.searchParams.get('token') };
}

export function isDemoNamespace(ns: string): boolean {
  return ns.startsWith('demo');
}
