/**
 * Acknowledgements from the relay. The relay sends a connection a fresh sync step 1 after it has
 * durably stored that connection's sync step 2 or update; its state vector says what is stored.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/** The state vector of a sync-step-1 frame (`[0][0][sv]`); null for any other frame. */
export function serverStep1(frame: Uint8Array): Map<number, number> | null {
  try {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) !== 0 || decoding.readVarUint(d) !== 0) return null;
    return Y.decodeStateVector(decoding.readVarUint8Array(d));
  } catch {
    return null;
  }
}

/** Whether `remote` holds everything `doc` has (insertions; deletions travel with every step 2). */
export function covers(remote: Map<number, number>, doc: Y.Doc): boolean {
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
    if ((remote.get(client) ?? 0) < clock) return false;
  }
  return true;
}

export function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data instanceof Uint8Array) return data;
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]));
  return null;
}
