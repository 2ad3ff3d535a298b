/**
 * Reused bytes for an export's text entries. A 10-year client's e-file has ~25 MB of JSON and CSV;
 * each entry's bytes live until the ZIP has deflated them, long enough to outlive the young
 * generation, so fresh buffers pile up as garbage until the next full collection — when that came
 * late, the export's peak RSS was ~40 MB higher.
 *
 * Entries are handed out of one region, each at the lowest offset with room for it. The region is
 * reserved once and costs memory only where it has been written, so what it costs is the most that
 * was ever outstanding at once (the entry being deflated and those made ahead of it), whatever the
 * sizes: blocks of their own, reused by size, took twice that (a 6 MB history.json fits none of
 * the 2–4 MB blocks given back before it).
 */

/** Reserved once per thread; a text that finds no room in it gets bytes of its own. */
const REGION = 32 << 20;

let region: Buffer | null = null;
/** The bytes handed out of the region and not yet given back, by offset. */
const live: { readonly start: number; readonly end: number }[] = [];
/** The end of the furthest bytes ever handed out: the part of the region that has cost memory. */
let highWater = 0;

/** `size` writable bytes (of the region when it has room). */
export function takeBytes(size: number): Buffer {
  region ??= Buffer.allocUnsafeSlow(REGION);
  let at = 0;
  let i = 0;
  for (; i < live.length; i++) {
    if (live[i]!.start - at >= size) break;
    at = live[i]!.end;
  }
  if (i === live.length && REGION - at < size) return Buffer.allocUnsafeSlow(size);
  live.splice(i, 0, { start: at, end: at + size });
  highWater = Math.max(highWater, at + size);
  return region.subarray(at, at + size);
}

/** Gives back bytes `takeBytes` made: nothing may read or write them afterwards. */
export function giveBytes(bytes: Buffer): void {
  if (!region || bytes.buffer !== region.buffer) return;
  const i = live.findIndex((e) => e.start === bytes.byteOffset && e.end === bytes.byteOffset + bytes.length);
  if (i >= 0) live.splice(i, 1);
}

/** How far into the region bytes have ever been handed out (what it costs in memory), and how many are out now. */
export function arenaUse(): { readonly highWater: number; readonly outstanding: number } {
  return { highWater, outstanding: live.length };
}
