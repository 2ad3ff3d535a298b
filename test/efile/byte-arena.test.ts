/**
 * The text entries' byte region (cli/efile/byte-arena.ts): bytes handed out never overlap while
 * they are out, come back for reuse lowest offset first, and what the region costs is the most that
 * was out at once. Seeded random takes and gives, in the ZIP's order and out of it.
 */
import { describe, expect, it } from 'vitest';
import { arenaUse, giveBytes, takeBytes } from '../../cli/efile/byte-arena.js';
import { createRng, testSeed } from '../helpers/rng.js';

describe('text bytes (byte-arena.ts)', () => {
  it('hands out bytes that never overlap while out; given back, the lowest room is used again', () => {
    const a = takeBytes(1000);
    const b = takeBytes(2000);
    expect(b.buffer).toBe(a.buffer);
    expect(b.byteOffset).toBe(a.byteOffset + 1000);
    giveBytes(a);
    // Room for 600 where `a` was: it goes there, before `b`.
    const c = takeBytes(600);
    expect(c.byteOffset).toBe(a.byteOffset);
    // 1000 do not fit into the 400 left there: after `b`.
    const d = takeBytes(1000);
    expect(d.byteOffset).toBe(b.byteOffset + 2000);
    for (const x of [b, c, d]) giveBytes(x);
    expect(arenaUse().outstanding).toBe(0);
  });

  it('a text larger than the region gets bytes of its own, and giving them back is harmless', () => {
    const small = takeBytes(10);
    const big = takeBytes(40 << 20);
    expect(big.length).toBe(40 << 20);
    expect(big.buffer).not.toBe(small.buffer);
    giveBytes(big);
    giveBytes(small);
    expect(arenaUse().outstanding).toBe(0);
  });

  it('seeded: the bytes of every entry out stay as written until given back, in order or not; the region costs little more than the most that was out at once', () => {
    const seed = testSeed();
    const rnd = createRng(seed);
    const out: { bytes: Buffer; fill: number }[] = [];
    let outSize = 0;
    let most = 0;
    const before = arenaUse().highWater;
    for (let step = 0; step < 2000; step++) {
      if (out.length > 0 && (rnd() < 0.45 || out.length > 30)) {
        // Mostly the oldest first (the ZIP's order), sometimes another.
        const i = rnd() < 0.8 ? 0 : Math.floor(rnd() * out.length);
        const [e] = out.splice(i, 1);
        expect(e!.bytes.every((x) => x === e!.fill), `seed ${seed}, step ${step}`).toBe(true);
        outSize -= e!.bytes.length;
        giveBytes(e!.bytes);
      } else {
        const size = Math.floor(rnd() ** 3 * 200_000);
        const bytes = takeBytes(size);
        const fill = step % 251;
        bytes.fill(fill);
        out.push({ bytes, fill });
        outSize += size;
        most = Math.max(most, outSize);
      }
    }
    for (const e of out) {
      expect(e.bytes.every((x) => x === e.fill), `seed ${seed}`).toBe(true);
      giveBytes(e.bytes);
    }
    expect(arenaUse().outstanding).toBe(0);
    // First fit leaves holes, but the region's cost stays within a small multiple of the most that was out.
    expect(arenaUse().highWater, `seed ${seed}`).toBeLessThanOrEqual(Math.max(before, 3 * most));
  });
});
