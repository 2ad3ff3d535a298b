/**
 * The on-disk frame of every stored Yjs blob: a magic line, a JSON header (length, SHA-256, meta)
 * and the payload. The hash lets us tell a damaged file from a valid one before applying it.
 */
import { createHash } from 'node:crypto';

const MAGIC = Buffer.from('APSIS1\n');

export interface FrameHeader {
  readonly key: string;
  readonly len: number;
  readonly sha256: string;
  readonly meta?: { readonly userId: string; readonly at: string; readonly action: string };
}

/** Encodes one frame. */
export function encodeFrame(key: string, payload: Uint8Array, meta?: FrameHeader['meta']): Buffer {
  const header: FrameHeader = { key, len: payload.byteLength, sha256: sha256(payload), ...(meta ? { meta } : {}) };
  return Buffer.concat([MAGIC, Buffer.from(`${JSON.stringify(header)}\n`), payload]);
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export type DecodedFrame = { readonly ok: true; readonly header: FrameHeader; readonly payload: Uint8Array; readonly end: number } | { readonly ok: false; readonly reason: string };

/** Decodes the frame starting at `offset`; says precisely what is wrong when it is damaged. Its payload is a copy. */
export function decodeFrame(buf: Buffer, offset = 0): DecodedFrame {
  const frame = checkFrame(buf, offset);
  return frame.ok ? { ...frame, payload: new Uint8Array(frame.payload) } : frame;
}

/** decodeFrame without the copy: the payload is a view into `buf` (for a file of one frame, or a frame only checked). */
export function checkFrame(buf: Buffer, offset = 0): DecodedFrame {
  if (buf.length - offset < MAGIC.length || !buf.subarray(offset, offset + MAGIC.length).equals(MAGIC)) {
    return { ok: false, reason: 'it does not start with the APSIS1 marker' };
  }
  const headerStart = offset + MAGIC.length;
  const nl = buf.indexOf(0x0a, headerStart);
  if (nl < 0) return { ok: false, reason: 'its header is cut off' };
  let header: FrameHeader;
  try {
    header = JSON.parse(buf.subarray(headerStart, nl).toString('utf8')) as FrameHeader;
  } catch {
    return { ok: false, reason: 'its header is not valid JSON' };
  }
  if (typeof header.len !== 'number' || typeof header.sha256 !== 'string' || typeof header.key !== 'string') {
    return { ok: false, reason: 'its header lacks key, len or sha256' };
  }
  const start = nl + 1;
  const end = start + header.len;
  if (end > buf.length) return { ok: false, reason: `it is cut off (${buf.length - start} of ${header.len} bytes)` };
  const payload = buf.subarray(start, end);
  if (sha256(payload) !== header.sha256) return { ok: false, reason: 'its content does not match its SHA-256 checksum' };
  return { ok: true, header, payload, end };
}
