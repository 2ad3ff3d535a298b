/**
 * Single lines of text as content operators, written past pdfkit's `text()` (its line wrapper and
 * per-call text objects cost more than drawing a work sheet's rows). What this writes is what pdfkit
 * writes for the same line: the glyphs of the document's own font subset, included in the same
 * order, with the same kerning adjustments (test/efile/pdf-text.test.ts compares the two).
 */

import { PageBytes } from './page-bytes.js';
import type { PdfkitRun } from './plain-layout.js';

/** This module's file: part of the renderer's identity (pdf.ts `rendererIdentity`). */
export const PDF_TEXT_MODULE = import.meta.url;

type PdfkitGlyph = PdfkitRun['glyphs'][number];

/** pdfkit internals used here: a document's font (one per document and font) and its state. */
interface PdfkitEmbeddedFont {
  readonly id: string;
  /** The parsed font, shared by every document. */
  readonly font: object;
  readonly scale: number;
  readonly ascender: number;
  readonly subset: { includeGlyph(glyphId: number): number };
  readonly widths: number[];
  readonly unicode: (readonly number[])[];
  ref(): unknown;
  layoutCached(word: string): PdfkitRun;
  widthOfString(text: string, size: number): number;
}
interface PdfkitState {
  readonly _font: PdfkitEmbeddedFont;
  readonly _fontSize: number;
  readonly page: { readonly height: number; readonly fonts: Record<string, unknown>; write(data: string | Uint8Array): void };
}

/** pdfkit's number format in content streams. */
export const num = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Per parsed font: text → advance width at 1000 units (pure font metrics, shared by all documents). */
let advances = new WeakMap<object, Map<string, number>>();
let advanceCount = 0;

/** Width of `text` in the current font and size; what `doc.widthOfString` gives, cached by text. */
export function widthOf(doc: PDFKit.PDFDocument, text: string): number {
  const st = doc as unknown as PdfkitState;
  const font = st._font;
  let m = advances.get(font.font);
  if (!m) advances.set(font.font, (m = new Map()));
  let adv = m.get(text);
  if (adv === undefined) {
    // Bound the cache: free text (notes) makes it grow.
    if (++advanceCount > 200_000) {
      advances = new WeakMap();
      advanceCount = 0;
    }
    adv = font.widthOfString(text, 1000);
    m.set(text, adv);
  }
  return adv * (st._fontSize / 1000);
}

/** A document font's glyphs as this writes them: TJ operators by text, the subset's hex code by glyph id. */
interface ShowCache {
  readonly shows: Map<string, string | null>;
  readonly hex: (string | undefined)[];
}
const showCaches = new WeakMap<object, ShowCache>();

/**
 * The hex code of a glyph in the document's subset, as pdfkit's `encode` makes it: included on its
 * first use, its width and code points noted for the font's /W and /ToUnicode.
 */
function hexOf(font: PdfkitEmbeddedFont, cache: ShowCache, glyph: PdfkitGlyph): string {
  let hex = cache.hex[glyph.id];
  if (hex === undefined) {
    const gid = font.subset.includeGlyph(glyph.id);
    hex = `0000${gid.toString(16)}`.slice(-4);
    if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
    cache.hex[glyph.id] = hex;
  }
  return hex;
}

/**
 * The TJ operator pdfkit writes for `text` in the current font, built once per distinct text and
 * document (glyph ids belong to the document's own font subset). pdfkit lays out a text word by
 * word (each word up to and including a space or tab, from its shared per-word cache) and splits the
 * glyph run after each glyph its kerning moves. Null when a glyph needs its own offset (then pdfkit
 * draws it: its glyphs are in the subset already, as pdfkit's own measuring would have put them).
 */
export function showOf(doc: PDFKit.PDFDocument, text: string): string | null {
  const font = (doc as unknown as PdfkitState)._font;
  let cache = showCaches.get(font);
  if (!cache) showCaches.set(font, (cache = { shows: new Map(), hex: [] }));
  let show = cache.shows.get(text);
  if (show !== undefined) return show;
  const commands: string[] = [];
  let run = '';
  let offset = false;
  let last = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    // pdfkit's word boundaries: after each space or tab, and the end.
    if (c !== 32 && c !== 9 && !(c === -1 && last < i)) continue;
    const word = font.layoutCached(text.slice(last, c === -1 ? i : i + 1));
    last = i + 1;
    for (let j = 0; j < word.glyphs.length; j++) {
      run += hexOf(font, cache, word.glyphs[j]!);
      const p = word.positions[j]!;
      if (p.xOffset || p.yOffset) offset = true;
      const kern = p.xAdvance - p.advanceWidth;
      if (kern !== 0) {
        commands.push(`<${run}> ${num(-kern)}`);
        run = '';
      }
    }
  }
  if (run) commands.push(`<${run}> 0`);
  // One run without kerning needs no array (pdfkit writes `[<…> 0] TJ`).
  const single = commands.length === 1 && commands[0]!.endsWith('> 0');
  show = offset ? null : commands.length === 0 ? '' : single ? `${commands[0]!.slice(0, -2)} Tj` : `[${commands.join(' ')}] TJ`;
  cache.shows.set(text, show);
  return show;
}

/** A single-line, left-aligned piece of text at (x, y) (top left, in pdfkit's coordinates) in the current font. */
export interface PlacedText {
  readonly text: string;
  readonly x: number;
  /** Its TJ operator when known (showOf). */
  readonly show?: string;
}

/**
 * The content operators for single-line texts on one baseline (a table row's cells) in the current
 * font and size: one text object, each text placed in it (pdfkit writes one text object, with its
 * own transformation and font, per `text` call). Null when one of them needs pdfkit.
 */
export function lineOps(doc: PDFKit.PDFDocument, texts: readonly PlacedText[], y: number): string | null {
  const st = doc as unknown as PdfkitState;
  const font = st._font;
  const h = st.page.height;
  const baseline = num(h - y - (font.ascender / 1000) * st._fontSize);
  let ops = `q\n1 0 0 -1 0 ${num(h)} cm\nBT\n/${font.id} ${num(st._fontSize)} Tf`;
  // The first text placed absolutely, each next one by its offset from the one before.
  let at: number | null = null;
  for (const t of texts) {
    const show = t.show ?? showOf(doc, t.text);
    if (show === null) return null;
    if (!show) continue;
    ops += at === null ? `\n1 0 0 1 ${num(t.x)} ${baseline} Tm\n${show}` : `\n${num(t.x - at)} 0 Td\n${show}`;
    at = t.x;
  }
  if (st.page.fonts[font.id] == null) st.page.fonts[font.id] = font.ref();
  return `${ops}\nET\nQ`;
}

const pageBytes = new WeakMap<object, PageBytes>();

/**
 * Writes content operators as pdfkit's `page.write(ops.join('\n'))` would: it appends a line end
 * and takes each char's low byte in a JavaScript loop; the operators are ASCII, so Node's native
 * latin1 encoding gives those very bytes, several times faster. The bytes are in the document's
 * reused blocks (page-bytes.ts) until `releasePageBytes`.
 */
export function writeOps(doc: PDFKit.PDFDocument, ops: readonly string[]): void {
  let bytes = pageBytes.get(doc);
  if (!bytes) pageBytes.set(doc, (bytes = new PageBytes()));
  (doc as unknown as PdfkitState).page.write(bytes.latin1(`${ops.join('\n')}\n`));
}

/** Gives a document's page bytes back, once no page holds them (its pages are deflated or copied). */
export function releasePageBytes(doc: PDFKit.PDFDocument): void {
  pageBytes.get(doc)?.release();
  pageBytes.delete(doc);
}
