/**
 * Faster font subsets for pdfkit. Every PDF embeds a subset of DejaVu Sans, and fontkit builds it by
 * decoding each used glyph from the TTF again, for every document: in a batch of thousands of
 * e-files that was a quarter of the time. The bytes and metrics of a simple glyph depend only on
 * the font and the glyph, so they are kept per parsed font and reused; so is a whole encoded subset,
 * by its glyph list. Same subset bytes as before.
 */

/** This module's file: part of the renderer's identity (pdf.ts `rendererIdentity`). */
export const FONT_SUBSET_MODULE = import.meta.url;

/** The parts of a fontkit TrueType subset `_addGlyph` touches (fontkit internals, version 2). */
interface TtfSubset {
  font: FontkitFont;
  /** Glyph ids in subset order (what `encode` writes, besides the font's own tables). */
  glyphs: number[];
  encode(): Uint8Array;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  _addGlyph(gid: number): number;
}
interface FontkitFont {
  readonly _variationProcessor?: unknown;
  /** fontkit's glyph objects by id; the first one made keeps the code points it was made with. */
  readonly _glyphs: Record<number, unknown>;
  getGlyph(gid: number): { _decode(): { numberOfContours: number } | null };
  createSubset(): TtfSubset;
}

interface CachedGlyph {
  readonly buffer: Uint8Array;
  readonly advance: number;
  readonly bearing: number;
}

const patched = new WeakSet<object>();

/** Encoded subsets kept per font: the bold one (titles, labels) is the same in most documents. */
const ENCODED_MAX = 128;

/** Makes the subsets of `font` (a parsed fontkit font, as pdfkit holds it) reuse glyph data between documents. */
export function reuseGlyphs(font: object): void {
  const f = font as FontkitFont;
  if (patched.has(f) || f._variationProcessor || typeof f.createSubset !== 'function') return;
  patched.add(f);
  const cache = new Map<number, CachedGlyph>();
  const encoded = new Map<string, Uint8Array>();
  const create = f.createSubset.bind(f);
  f.createSubset = () => {
    const subset = create();
    // Only TrueType subsets have glyf tables; anything else is left as fontkit made it.
    if (typeof subset._addGlyph !== 'function') return subset;
    const add = subset._addGlyph.bind(subset);
    subset._addGlyph = (gid: number): number => {
      const hit = cache.get(gid);
      if (hit) {
        subset.glyf.push(hit.buffer);
        subset.loca.offsets.push(subset.offset);
        subset.hmtx.metrics.push({ advance: hit.advance, bearing: hit.bearing });
        subset.offset += hit.buffer.length;
        return subset.glyf.length - 1;
      }
      // A glyph first met here (a compound glyph's component: the `u` of `ū`) is made without code
      // points; kept, it would give a later document's text layout that glyph, and that document a
      // ToUnicode entry without its letter: the PDF's bytes would depend on what this process
      // rendered before. So it is forgotten again, and made afresh by the first layout that needs it.
      const fresh = !f._glyphs[gid];
      // Compound glyphs carry their components' ids in this subset: never shared.
      const decoded = f.getGlyph(gid)._decode();
      const index = add(gid);
      if (fresh) delete f._glyphs[gid];
      if (!decoded || decoded.numberOfContours >= 0) {
        const m = subset.hmtx.metrics[index]!;
        cache.set(gid, { buffer: subset.glyf[index]!, advance: m.advance, bearing: m.bearing });
      }
      return index;
    };
    // The subset's bytes are a function of the font and its glyph list: encode each list once.
    const encode = subset.encode.bind(subset);
    subset.encode = (): Uint8Array => {
      const key = subset.glyphs.join(',');
      let bytes = encoded.get(key);
      if (!bytes) {
        bytes = encode();
        if (encoded.size >= ENCODED_MAX) encoded.clear();
        encoded.set(key, bytes);
      }
      return bytes;
    };
    return subset;
  };
}
