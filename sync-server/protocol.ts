/**
 * The y-websocket wire protocol (y-protocols sync + awareness), decoded strictly so that a
 * malformed frame is rejected before it reaches a document.
 *   [0 sync][0 step1][sv]   [0 sync][1 step2][update]   [0 sync][2 update][update]
 *   [1 awareness][update]   [3 query awareness]
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

export type Message =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2' | 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

/** Decodes one frame; throws on anything malformed (including trailing bytes). */
export function decodeMessage(frame: Uint8Array): Message {
  const d = decoding.createDecoder(frame);
  const type = decoding.readVarUint(d);
  let msg: Message;
  if (type === MESSAGE_SYNC) {
    const sub = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (sub === syncProtocol.messageYjsSyncStep1) {
      Y.decodeStateVector(payload); // validates
      msg = { kind: 'sync-step1', stateVector: payload };
    } else if (sub === syncProtocol.messageYjsSyncStep2) msg = { kind: 'sync-step2', update: payload };
    else if (sub === syncProtocol.messageYjsUpdate) msg = { kind: 'update', update: payload };
    else throw new Error('unknown sync message');
  } else if (type === MESSAGE_AWARENESS) {
    msg = { kind: 'awareness', update: decoding.readVarUint8Array(d) };
  } else if (type === MESSAGE_QUERY_AWARENESS) {
    msg = { kind: 'query-awareness' };
  } else throw new Error('unknown message type');
  if (decoding.hasContent(d)) throw new Error('trailing bytes');
  return msg;
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(e, doc, stateVector);
  return encoding.toUint8Array(e);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(e);
}

/** Client ids an awareness update speaks for (throws when malformed). */
export function awarenessClients(update: Uint8Array): number[] {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  if (n > 10_000) throw new Error('too many awareness entries');
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(decoding.readVarUint(d));
    decoding.readVarUint(d);
    JSON.parse(decoding.readVarString(d));
  }
  if (decoding.hasContent(d)) throw new Error('trailing bytes');
  return ids;
}

/** Reads the state vector out of a server sync-step-1 frame; null for any other frame. */
export function stateVectorOfStep1(frame: Uint8Array): Map<number, number> | null {
  try {
    const m = decodeMessage(frame);
    return m.kind === 'sync-step1' ? Y.decodeStateVector(m.stateVector) : null;
  } catch {
    return null;
  }
}
