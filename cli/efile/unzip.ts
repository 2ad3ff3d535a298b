/**
 * A small ZIP reader for `apsis verify efile`: central directory, then each entry inflated and
 * hashed one at a time (the archive is never read into memory whole). Handles what archiver writes
 * (stored/deflated entries, data descriptors); not ZIP64 or encryption, which e-files never use.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipEntryInfo {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

export interface ReadEntry {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly crcOk: boolean;
}

export class ZipFormatError extends Error {}

/** Opens a ZIP and calls `each` with every entry's bytes, in central-directory order. */
export async function readZip(file: string, each: (info: ZipEntryInfo, data: Buffer) => void | Promise<void>): Promise<ZipEntryInfo[]> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipFormatError('not a ZIP file (no end of central directory)');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > size) throw new ZipFormatError('central directory lies outside the file (truncated?)');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const infos: ZipEntryInfo[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new ZipFormatError(`central directory entry ${n + 1} is damaged`);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      infos.push({
        method: cd.readUInt16LE(p + 10),
        crc: cd.readUInt32LE(p + 16),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        offset: cd.readUInt32LE(p + 42),
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    for (const info of infos) {
      const local = Buffer.alloc(30);
      await fh.read(local, 0, 30, info.offset);
      if (local.readUInt32LE(0) !== 0x04034b50) throw new ZipFormatError(`${info.name}: local header is damaged`);
      const start = info.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (start + info.compressedSize > size) throw new ZipFormatError(`${info.name}: data lies outside the file (truncated?)`);
      const raw = Buffer.alloc(info.compressedSize);
      await fh.read(raw, 0, info.compressedSize, start);
      let data: Buffer;
      if (info.method === 0) data = raw;
      else if (info.method === 8) {
        try {
          data = inflateRawSync(raw);
        } catch (err) {
          throw new ZipFormatError(`${info.name}: cannot be decompressed (${(err as Error).message})`);
        }
      } else throw new ZipFormatError(`${info.name}: unsupported compression method ${info.method}`);
      await each(info, data);
    }
    return infos;
  } finally {
    await fh.close();
  }
}

/** Every entry's path, size, SHA-256 and CRC check; `manifest` receives manifest.json's text. */
export async function hashZip(file: string, keep: (name: string) => boolean): Promise<{ entries: ReadEntry[]; kept: Map<string, Buffer> }> {
  const entries: ReadEntry[] = [];
  const kept = new Map<string, Buffer>();
  await readZip(file, (info, data) => {
    entries.push({ path: info.name, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), crcOk: crc32(data) >>> 0 === info.crc >>> 0 && data.length === info.size });
    if (keep(info.name)) kept.set(info.name, data);
  });
  return { entries, kept };
}
