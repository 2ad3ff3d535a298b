/**
 * Page operators as bytes in reused blocks. A 10-year client's work sheets are ~10 MB of content
 * operators, each page's held until its document is deflated; fresh buffers for them and a joined
 * copy of each page were ~25 MB of garbage outside the heap per export, freed only by a full
 * collection — most of the export's peak RSS beyond its data when that came late. A document's
 * blocks are handed to the next one once its pages are deflated.
 */

/** Block size: a page's rows are written in one piece of ~27 kB. */
const BLOCK = 1 << 16;
/** Blocks kept between documents (a year of work sheets uses ~16). */
const FREE_MAX = 32;
const free: Buffer[] = [];

/** One document's page bytes. */
export class PageBytes {
  private readonly blocks: Buffer[] = [];
  private block: Buffer | null = null;
  private used = 0;

  /** The Latin-1 bytes of `text` (ASCII operators): a view of a block, valid until `release`. */
  latin1(text: string): Uint8Array {
    const n = text.length;
    if (n > BLOCK) return Buffer.from(text, 'latin1');
    if (this.block === null || this.used + n > BLOCK) {
      this.block = free.pop() ?? Buffer.allocUnsafeSlow(BLOCK);
      this.blocks.push(this.block);
      this.used = 0;
    }
    this.block.write(text, this.used, n, 'latin1');
    const view = this.block.subarray(this.used, this.used + n);
    this.used += n;
    return view;
  }

  /** Gives the blocks back: nothing may read the views any more. */
  release(): void {
    for (const b of this.blocks) if (free.length < FREE_MAX) free.push(b);
    this.blocks.length = 0;
    this.block = null;
  }
}

/** Joins and deflates a page's pieces through one scratch buffer (the pieces are let go of). */
let scratch = Buffer.allocUnsafeSlow(BLOCK);

/** The bytes of `pieces` in one run: the piece itself when there is one, else a view of the scratch buffer (valid until the next call). */
export function joined(pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  let total = 0;
  for (const p of pieces) total += p.length;
  if (scratch.length < total) scratch = Buffer.allocUnsafeSlow(2 ** Math.ceil(Math.log2(total)));
  let at = 0;
  for (const p of pieces) {
    scratch.set(p, at);
    at += p.length;
  }
  return scratch.subarray(0, total);
}
