/**
 * archiver takes its CRC-32s (crc32-stream for deflated entries, compress-commons for stored ones)
 * from the crc-32 package, in JavaScript: ~30 ms of a large e-file's 25 MB. Node's zlib.crc32
 * (Node 20.15 and later) computes the same checksum natively, ~10× faster. `useNativeCrc32` puts it
 * behind crc-32's `buf`, the one function archiver calls; on an older Node nothing changes.
 */
import * as crcModule from 'crc-32';
import * as zlib from 'node:zlib';

interface Crc32 {
  buf(data: Uint8Array | number[], seed?: number): number;
}

/** crc-32's exports object, as archiver's `require('crc-32')` gets it (also in the bundle). */
const crc32 = (crcModule as unknown as { default: Crc32 }).default;
const native = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
const javascript = crc32.buf;

/** crc-32's `buf` by zlib: the same number (signed, as crc-32 returns it) for bytes and a running seed. */
function nativeBuf(data: Uint8Array | number[], seed?: number): number {
  if (!(data instanceof Uint8Array) || native === undefined) return javascript(data, seed);
  return native(data, (seed ?? 0) >>> 0) | 0;
}

/** Makes archiver's CRC-32s native (idempotent). */
export function useNativeCrc32(): void {
  crc32.buf = nativeBuf;
}

/** crc-32's own JavaScript `buf` (for the test that compares the two). */
export const javascriptCrc32 = javascript;
