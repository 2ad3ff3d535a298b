/** archiver's CRC-32 made native (cli/efile/native-crc32.ts): the same numbers as crc-32's JavaScript, for any bytes and running seed. */
import * as zlib from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { javascriptCrc32, useNativeCrc32 } from '../../cli/efile/native-crc32.js';
import { createRng, testSeed } from '../helpers/rng.js';
import * as crcModule from 'crc-32';

const crc32 = (crcModule as unknown as { default: { buf(data: Uint8Array | number[], seed?: number): number } }).default;

describe('native CRC-32', () => {
  test('gives what crc-32 gives, chunk by chunk with the running value as archiver feeds it', () => {
    useNativeCrc32();
    const seed = testSeed();
    console.log(`native-crc32 seed ${seed}`);
    const rnd = createRng(seed);
    for (let n = 0; n < 300; n++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(rnd() * 5000) }, () => Math.floor(rnd() * 256)));
      let ours = 0;
      let theirs = 0;
      for (let at = 0; at < bytes.length || at === 0; ) {
        const end = Math.min(bytes.length, at + 1 + Math.floor(rnd() * 700));
        const chunk = bytes.subarray(at, end);
        ours = crc32.buf(chunk, ours) >>> 0;
        theirs = javascriptCrc32(chunk, theirs) >>> 0;
        expect(ours, `seed ${seed}, buffer ${n} at ${at}`).toBe(theirs);
        at = end;
        if (bytes.length === 0) break;
      }
      expect(crc32.buf(bytes), `seed ${seed}, buffer ${n}`).toBe(javascriptCrc32(bytes));
    }
    // Plain arrays (crc-32 takes them too) go to its own code.
    expect(crc32.buf([1, 2, 3])).toBe(javascriptCrc32([1, 2, 3]));
  });

  test('is native on this Node', () => {
    expect(typeof (zlib as unknown as { crc32?: unknown }).crc32).toBe('function');
  });
});
