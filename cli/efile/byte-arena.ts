/**
 * Reused byte blocks for an export's text entries. A 10-year client's e-file has ~25 MB of JSON and
 * CSV; each entry's bytes live until the ZIP has deflated them, long enough to outlive the young
 * generation, so fresh buffers pile up as garbage until the next full collection — when that came
 * late, the export's peak RSS was ~40 MB higher. Blocks given back are handed out again instead.
 */

/** Smallest block: most entries of a small client are a few kB. */
const MIN_BLOCK = 1 << 16;

export class ByteArena {
  private readonly free: Buffer[] = [];

  /** `size` writable bytes, in a block of their own (reused once given back). */
  take(size: number): Buffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) if (this.free[i]!.length >= size && (best < 0 || this.free[i]!.length < this.free[best]!.length)) best = i;
    const block = best >= 0 ? this.free.splice(best, 1)[0]! : Buffer.allocUnsafeSlow(blockSize(size));
    return block.subarray(0, size);
  }

  /** Gives back bytes `take` made: nothing may read or write them afterwards. */
  give(bytes: Buffer): void {
    this.free.push(Buffer.from(bytes.buffer, 0, bytes.buffer.byteLength));
  }
}

/** A block for `size` bytes: a power of two up to 1 MiB, whole MiBs above. */
function blockSize(size: number): number {
  if (size <= MIN_BLOCK) return MIN_BLOCK;
  if (size <= 1 << 20) return 2 ** Math.ceil(Math.log2(size));
  return Math.ceil(size / (1 << 20)) * (1 << 20);
}
