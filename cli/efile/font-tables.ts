/**
 * A font table fontkit would decode whole where a few fields serve. pdfkit reads two fields of a
 * font's `post` table (isFixedPitch, italicAngle) as it embeds the font; fontkit decodes the table
 * with its ~6,000 glyph names for that: ~25 ms of a fresh process's first PDF for the two DejaVu
 * fonts. Glyph names are never used here (TrueType subsets carry none).
 */

/** This module's file: part of the renderer's identity (pdf.ts `rendererIdentity`). */
export const FONT_TABLES_MODULE = import.meta.url;

/** fontkit internals: the font file's bytes, its table directory and the decoded tables. */
interface FontkitFont {
  readonly stream?: { readonly buffer?: Uint8Array };
  readonly directory?: { readonly tables: Record<string, { readonly offset: number; readonly length: number } | undefined> };
  readonly _tables: Record<string, unknown>;
}

/** The fixed header of a `post` table (32 bytes), as fontkit's decode gives it. */
const POST_HEADER = 32;

/**
 * Gives `font` (a parsed fontkit font) the header of its `post` table, decoded as fontkit does it,
 * in place of the whole table; a font whose table is decoded already, missing or short keeps fontkit's way.
 */
export function presetPostHeader(font: object): void {
  const f = font as FontkitFont;
  const entry = f.directory?.tables.post;
  const bytes = f.stream?.buffer;
  if (!entry || !bytes || 'post' in f._tables || entry.length < POST_HEADER || entry.offset + POST_HEADER > bytes.length) return;
  const v = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, POST_HEADER);
  // Fixed 16.16 numbers are decoded as int32 / 65536 (restructure's Fixed).
  f._tables.post = {
    version: v.getInt32(0) / 65536,
    italicAngle: v.getInt32(4) / 65536,
    underlinePosition: v.getInt16(8),
    underlineThickness: v.getInt16(10),
    isFixedPitch: v.getUint32(12),
    minMemType42: v.getUint32(16),
    maxMemType42: v.getUint32(20),
    minMemType1: v.getUint32(24),
    maxMemType1: v.getUint32(28),
  };
}
