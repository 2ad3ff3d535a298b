/**
 * Streams entries into a ZIP with archiver: written to `<final>.partial-<pid>`, renamed when
 * complete, removed on failure or abort. Entries are produced one at a time, so only one entry is in
 * memory. Fixed order, fixed dates, fixed mode and compression level: same entries, same bytes.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import * as archiverModule from 'archiver';
import type { Archiver, ArchiverOptions } from 'archiver';
import { useNativeCrc32 } from './native-crc32.js';

useNativeCrc32();

// archiver 7 is CommonJS (`module.exports = archiver`); @types/archiver describes v8's named exports.
const archiver = (archiverModule as unknown as { default: (format: 'zip', options: ArchiverOptions) => Archiver }).default;

/** The size of the ZIP's writes to its file. */
const ZIP_BLOCK = 256 << 10;

export interface ZipResult {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** The partial file a ZIP is written to before it gets its final name. */
export function partialName(final: string): string {
  return `${final}.partial-${process.pid}`;
}

/** Partial files currently being written (removed by the SIGINT handler). */
export const openPartials = new Set<string>();

/**
 * Writes a ZIP at `final`. `produce` is called with `add(name, bytes)`; awaiting `add` waits until
 * the entry is compressed and handed to the file, so memory stays flat whatever the ZIP's size.
 */
export async function writeZip(final: string, date: Date, produce: (add: (name: string, data: Buffer, options?: { store?: boolean }) => Promise<void>) => Promise<void>, signal?: AbortSignal): Promise<ZipResult> {
  const partial = partialName(final);
  openPartials.add(partial);
  const hash = createHash('sha256');
  let bytes = 0;
  const file = createWriteStream(partial, { flags: 'wx' });
  try {
    await new Promise<void>((resolve, reject) => {
      file.once('open', () => resolve());
      file.once('error', reject);
    });
  } catch (err) {
    openPartials.delete(partial);
    throw err;
  }
  // archiver writes a ZIP in thousands of small pieces (each header field is one: ~5,000 for a
  // 10-year client); they are gathered into blocks, so the file gets a few writes, not ~1,000.
  let block = Buffer.allocUnsafe(ZIP_BLOCK);
  let used = 0;
  const writeOut = (data: Buffer, cb: (err?: Error | null) => void) => {
    hash.update(data);
    if (file.write(data)) cb();
    else file.once('drain', () => cb());
  };
  const flushBlock = (cb: (err?: Error | null) => void) => {
    if (used === 0) return cb();
    const full = block.subarray(0, used);
    block = Buffer.allocUnsafe(ZIP_BLOCK);
    used = 0;
    writeOut(full, cb);
  };
  const tee = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (file.destroyed) return cb();
      bytes += chunk.length;
      if (used + chunk.length <= ZIP_BLOCK) {
        chunk.copy(block, used);
        used += chunk.length;
        return used === ZIP_BLOCK ? flushBlock(cb) : cb();
      }
      // A piece that does not fit: the block so far, then the piece itself when it is large.
      flushBlock((err) => {
        if (err) return cb(err);
        if (chunk.length >= ZIP_BLOCK / 2) return writeOut(chunk, cb);
        chunk.copy(block, 0);
        used = chunk.length;
        cb();
      });
    },
    final(cb) {
      flushBlock(() => file.end(() => cb()));
    },
  });
  // Level 1: the e-file's texts (JSON, CSV, history) are repetitive enough that it costs ~15 % in
  // size, and archiver deflates it three times as fast as level 6 (a 10-year client: ~24 MB of text).
  const zip = archiver('zip', { zlib: { level: 1 }, forceLocalTime: false, comment: '' });
  let failed: Error | null = null;
  const fail = (err: Error) => {
    failed ??= err;
  };
  zip.on('error', fail);
  zip.on('warning', fail);
  file.on('error', fail);
  const finished = new Promise<void>((resolve, reject) => {
    tee.on('finish', resolve);
    tee.on('error', reject);
    file.on('error', reject);
    zip.on('error', reject);
  });
  finished.catch(() => undefined); // observed below; never an unhandled rejection on abort
  zip.pipe(tee);
  try {
    await produce(
      (name, data, options) =>
        new Promise<void>((resolve, reject) => {
          if (signal?.aborted) return reject(new Error('aborted'));
          if (failed) return reject(failed);
          const onEntry = () => {
            zip.off('error', onError);
            resolve();
          };
          const onError = (err: Error) => {
            zip.off('entry', onEntry);
            reject(err);
          };
          zip.once('entry', onEntry);
          zip.once('error', onError);
          zip.append(data, { name, date, mode: 0o644, store: options?.store ?? false });
        }),
    );
    if (signal?.aborted) throw new Error('aborted');
    await zip.finalize();
    await finished;
    if (failed) throw failed;
    await rename(partial, final);
    openPartials.delete(partial);
    return { file: final, bytes, sha256: hash.digest('hex') };
  } catch (err) {
    zip.unpipe(tee);
    zip.abort();
    tee.destroy();
    file.destroy();
    await new Promise<void>((r) => (file.closed ? r() : file.once('close', () => r())));
    await rm(partial, { force: true });
    openPartials.delete(partial);
    throw err;
  }
}
