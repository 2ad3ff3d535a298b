/**
 * A TrueType subset's bytes as fontkit's `TTFSubset.encode` writes them, without restructure.
 * fontkit lays the subset out through restructure's generic structs, which size and write every
 * number of the font's `prep`, `cvt ` and `fpgm` programs one by one: ~1 ms of a fresh process per
 * subset, and an e-file of ten years embeds 32 of them. The layout is fixed (a `true` directory of
 * nine tables with zero checksums, the tables back to back in fontkit's order), so the parts that
 * never change are taken once from fontkit's own encoding of a one-glyph subset and the rest is
 * written here. test/efile/subset-bytes.test.ts compares the bytes with fontkit's.
 */

/** This module's file: part of the renderer's identity (pdf.ts `rendererIdentity`). */
export const SUBSET_BYTES_MODULE = import.meta.url;

/** The parts of a fontkit TrueType subset its `encode` uses (fontkit internals, version 2). */
export interface TtfSubsetParts {
  readonly font: { readonly loca: { readonly version: number } };
  readonly glyphs: number[];
  glyf: Uint8Array[];
  loca: { offsets: number[]; version: number };
  hmtx: { metrics: { advance: number; bearing: number }[]; bearings: number[] };
  offset: number;
  _addGlyph(gid: number): number;
}

/** fontkit's table order in a subset (loca, glyf and hmtx are written per subset, the others taken from the reference). */
const ORDER = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;
type Tag = (typeof ORDER)[number];
const DIRECTORY = 12 + 16 * ORDER.length;
/** Where a subset's counts sit in its tables: hhea's numberOfMetrics, maxp's numGlyphs, head's indexToLocFormat. */
const HHEA_METRICS = 34;
const MAXP_GLYPHS = 4;
const HEAD_LOC_FORMAT = 50;

/** A font's fixed subset tables (head, hhea, maxp and the three programs), as fontkit encodes them. */
export type SubsetTables = ReadonlyMap<Tag, Uint8Array>;

/**
 * The fixed tables of a font, read from fontkit's encoding of a one-glyph subset of it; null when
 * that encoding is not laid out as this module writes one (another fontkit, a font without one of
 * the tables): then fontkit encodes every subset itself.
 */
export function subsetTables(reference: Uint8Array, locaVersion: number): SubsetTables | null {
  if (reference.length < DIRECTORY) return null;
  const v = new DataView(reference.buffer, reference.byteOffset, reference.byteLength);
  if (String.fromCharCode(...reference.subarray(0, 4)) !== 'true' || v.getUint16(4) !== ORDER.length) return null;
  const tables = new Map<Tag, Uint8Array>();
  let at = DIRECTORY;
  for (const [i, tag] of ORDER.entries()) {
    const e = 12 + 16 * i;
    const offset = v.getUint32(e + 8);
    const length = v.getUint32(e + 12);
    if (String.fromCharCode(...reference.subarray(e, e + 4)) !== tag || v.getUint32(e + 4) !== 0 || offset !== at || offset + length > reference.length) return null;
    tables.set(tag, reference.slice(offset, offset + length));
    at += length;
  }
  if (at !== reference.length) return null;
  // One glyph: its counts are where this module writes a subset's own.
  const head = tables.get('head')!;
  const hhea = tables.get('hhea')!;
  const maxp = tables.get('maxp')!;
  const u16 = (b: Uint8Array, o: number) => (b.length >= o + 2 ? (b[o]! << 8) | b[o + 1]! : -1);
  if (u16(hhea, HHEA_METRICS) !== 1 || u16(maxp, MAXP_GLYPHS) !== 1 || u16(head, HEAD_LOC_FORMAT) !== locaVersion) return null;
  if (tables.get('loca')!.length !== 2 * (locaVersion === 0 ? 2 : 4) || tables.get('hmtx')!.length !== 4) return null;
  for (const tag of ['loca', 'glyf', 'hmtx'] as const) tables.delete(tag);
  return tables;
}

/** The subset's bytes: its glyphs added as fontkit's `encode` adds them, the tables written here. */
export function encodeSubset(subset: TtfSubsetParts, fixed: SubsetTables): Uint8Array {
  subset.glyf = [];
  subset.offset = 0;
  subset.loca = { offsets: [], version: subset.font.loca.version };
  subset.hmtx = { metrics: [], bearings: [] };
  // Not a for-of: adding a compound glyph appends its components to `glyphs`.
  for (let i = 0; i < subset.glyphs.length; i++) subset._addGlyph(subset.glyphs[i]!);
  subset.loca.offsets.push(subset.offset);
  const glyphs = subset.glyf.length;
  const long = subset.loca.version !== 0;
  const lengths = new Map<Tag, number>([
    ['loca', (glyphs + 1) * (long ? 4 : 2)],
    ['glyf', subset.offset],
    ['hmtx', 4 * subset.hmtx.metrics.length],
  ]);
  let total = DIRECTORY;
  for (const tag of ORDER) total += fixed.get(tag)?.length ?? lengths.get(tag)!;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  out.set([0x74, 0x72, 0x75, 0x65]); // 'true'
  // Nine tables: searchRange 8 × 16, entrySelector 3, rangeShift 9 × 16 − 128.
  v.setUint16(4, ORDER.length);
  v.setUint16(6, 128);
  v.setUint16(8, 3);
  v.setUint16(10, ORDER.length * 16 - 128);
  let at = DIRECTORY;
  for (const [i, tag] of ORDER.entries()) {
    const e = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[e + k] = tag.charCodeAt(k);
    const table = fixed.get(tag);
    const length = table?.length ?? lengths.get(tag)!;
    v.setUint32(e + 8, at);
    v.setUint32(e + 12, length);
    if (table) out.set(table, at);
    if (tag === 'hhea') v.setUint16(at + HHEA_METRICS, subset.hmtx.metrics.length);
    else if (tag === 'maxp') v.setUint16(at + MAXP_GLYPHS, glyphs);
    else if (tag === 'loca') {
      const offsets = subset.loca.offsets;
      // fontkit stores short offsets halved.
      for (let k = 0; k <= glyphs; k++) {
        if (long) v.setUint32(at + 4 * k, offsets[k]!);
        else v.setUint16(at + 2 * k, offsets[k]! >>> 1);
      }
    } else if (tag === 'glyf') {
      let g = at;
      for (const b of subset.glyf) {
        out.set(b, g);
        g += b.length;
      }
    } else if (tag === 'hmtx') {
      const metrics = subset.hmtx.metrics;
      for (let k = 0; k < metrics.length; k++) {
        v.setUint16(at + 4 * k, metrics[k]!.advance);
        v.setInt16(at + 4 * k + 2, metrics[k]!.bearing);
      }
    }
    at += length;
  }
  return out;
}
