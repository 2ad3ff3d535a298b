/**
 * Faster font subsets for pdfkit. Every PDF embeds a subset of DejaVu Sans, and fontkit builds it by
 * decoding each used glyph from the TTF again, for every document: in a batch of thousands of
 * e-files that was a quarter of the time. The bytes and metrics of a glyph depend only on the font
 * and the glyph (a compound glyph's also on its components' ids in the subset, written into a copy
 * as fontkit does), so they are kept per parsed font and reused; so is a whole encoded subset, by
 * its glyph list, which is written without restructure (subset-bytes.ts). Same subset bytes as before.
 */

import type { SubsetTables, TtfSubsetParts } from './subset-bytes.js';
import { encodeSubset, subsetTables } from './subset-bytes.js';

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
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
}
interface FontkitFont {
  readonly _variationProcessor?: unknown;
  /** fontkit's glyph objects by id; the first one made keeps the code points it was made with. */
  readonly _glyphs: Record<number, unknown>;
  getGlyph(gid: number): { _decode(): { numberOfContours: number; components?: readonly { readonly pos: number; readonly glyphID: number }[] } | null };
  createSubset(): TtfSubset;
}

interface CachedGlyph {
  readonly buffer: Uint8Array;
  readonly advance: number;
  readonly bearing: number;
  /** A compound glyph's components: where their ids go in `buffer`, and the font's ids of them. */
  readonly components: readonly { readonly pos: number; readonly glyphID: number }[] | undefined;
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
  // The font's fixed subset tables, from fontkit's own encoding of a one-glyph subset (made at the
  // first encode); null: fontkit encodes every subset.
  let fixed: SubsetTables | null | undefined;
  const fixedTables = (): SubsetTables | null => {
    if (fixed !== undefined) return fixed;
    const fresh = !f._glyphs[0];
    const reference = create();
    if (typeof reference._addGlyph !== 'function') return (fixed = null);
    reference.includeGlyph(0);
    fixed = subsetTables(reference.encode(), (reference as unknown as TtfSubsetParts).font.loca.version);
    // As below: a glyph made here has no code points, and must not be what a later layout meets.
    if (fresh) delete f._glyphs[0];
    return fixed;
  };
  f.createSubset = () => {
    const subset = create();
    // Only TrueType subsets have glyf tables; anything else is left as fontkit made it.
    if (typeof subset._addGlyph !== 'function') return subset;
    const add = subset._addGlyph.bind(subset);
    subset._addGlyph = (gid: number): number => {
      const hit = cache.get(gid);
      if (hit) {
        let buffer = hit.buffer;
        if (hit.components) {
          // As fontkit does it: a copy with this subset's ids of the components (which it includes first).
          buffer = new Uint8Array(buffer);
          const view = new DataView(buffer.buffer);
          for (const c of hit.components) view.setUint16(c.pos, subset.includeGlyph(c.glyphID));
        }
        subset.glyf.push(buffer);
        subset.loca.offsets.push(subset.offset);
        subset.hmtx.metrics.push({ advance: hit.advance, bearing: hit.bearing });
        subset.offset += buffer.length;
        return subset.glyf.length - 1;
      }
      // A glyph first met here (a compound glyph's component: the `u` of `ū`) is made without code
      // points; kept, it would give a later document's text layout that glyph, and that document a
      // ToUnicode entry without its letter: the PDF's bytes would depend on what this process
      // rendered before. So it is forgotten again, and made afresh by the first layout that needs it.
      const fresh = !f._glyphs[gid];
      const decoded = f.getGlyph(gid)._decode();
      const index = add(gid);
      if (fresh) delete f._glyphs[gid];
      const m = subset.hmtx.metrics[index]!;
      // A compound glyph's bytes carry its components' ids in this subset: kept with where they go.
      const components = decoded && decoded.numberOfContours < 0 ? (decoded.components ?? []).map((c) => ({ pos: c.pos, glyphID: c.glyphID })) : undefined;
      cache.set(gid, { buffer: subset.glyf[index]!, advance: m.advance, bearing: m.bearing, components });
      return index;
    };
    // The subset's bytes are a function of the font and its glyph list: encode each list once.
    const encode = subset.encode.bind(subset);
    subset.encode = (): Uint8Array => {
      const key = subset.glyphs.join(',');
      let bytes = encoded.get(key);
      if (!bytes) {
        const tables = fixedTables();
        bytes = tables ? encodeSubset(subset as unknown as TtfSubsetParts, tables) : encode();
        if (encoded.size >= ENCODED_MAX) encoded.clear();
        encoded.set(key, bytes);
      }
      return bytes;
    };
    return subset;
  };
}
