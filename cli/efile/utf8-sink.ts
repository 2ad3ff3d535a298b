/**
 * UTF-8 bytes of a text given in pieces (core/efile/format.ts TextSink): pieces are gathered into
 * short strings and encoded into blocks (up to 1 MiB) as they come, so a long entry (history.json: 33,000
 * lines) never exists as one giant string, and the small strings die young (cheap to collect).
 */
import type { TextSink } from '../../core/efile/format.js';

/** Block sizes: small first (most entries of a small client are a few kB), doubling up to 1 MiB. */
const FIRST_BLOCK = 1 << 16;
const MAX_BLOCK = 1 << 20;
/** Characters gathered before they are encoded (one write call per batch, not per piece). */
const BATCH = 1 << 14;

/**
 * Full-size blocks kept between texts: they never leave utf8Of (the result is a copy), and an export's
 * long texts would otherwise leave megabytes of them to the garbage collector, one text after another.
 */
const spare: Buffer[] = [];
const SPARE_MAX = 4;

function newBlock(size: number): Buffer {
  return (size === MAX_BLOCK ? spare.pop() : undefined) ?? Buffer.allocUnsafe(size);
}

/**
 * The bytes `write` gives, encoded piece by piece; the same bytes as Buffer.from(whole text, 'utf8').
 * `into` gives the buffer they end up in (a fresh one when not given).
 */
export function utf8Of(write: (out: TextSink) => void, into: (size: number) => Buffer = (size) => Buffer.allocUnsafe(size)): Buffer {
  const blocks: Buffer[] = [];
  let size = FIRST_BLOCK;
  let block = newBlock(size);
  let used = 0;
  let pending = '';
  const flush = (last: boolean) => {
    // A surrogate pair split between two batches would be encoded as two broken halves: the high half waits.
    const code = pending.charCodeAt(pending.length - 1);
    const keep = !last && code >= 0xd800 && code <= 0xdbff ? pending.slice(-1) : '';
    if (keep) pending = pending.slice(0, -1);
    // A UTF-16 code unit takes at most 3 bytes; a surrogate pair, 2 units, 4 bytes.
    if (pending.length * 3 > block.length - used) {
      blocks.push(block.subarray(0, used));
      size = Math.min(MAX_BLOCK, size * 2);
      block = newBlock(Math.max(size, pending.length * 3));
      used = 0;
    }
    used += block.write(pending, used, 'utf8');
    pending = keep;
  };
  write((piece) => {
    pending += piece;
    if (pending.length >= BATCH) flush(false);
  });
  flush(true);
  blocks.push(block.subarray(0, used));
  let total = 0;
  for (const b of blocks) total += b.length;
  const bytes = into(total);
  let at = 0;
  for (const b of blocks) at += b.copy(bytes, at);
  for (const b of blocks) if (b.byteOffset === 0 && b.buffer.byteLength === MAX_BLOCK && spare.length < SPARE_MAX) spare.push(Buffer.from(b.buffer, 0, MAX_BLOCK));
  return bytes;
}
