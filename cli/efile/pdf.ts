/**
 * Draws a PdfSpec (core/efile/pdf-spec.ts) with pdfkit. Deterministic: fixed info dates (the
 * export time) make pdfkit's /ID a hash of fixed data; the DejaVu fonts are embedded (subset) so
 * Latvian diacritics print anywhere.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type PDFDocumentClass from 'pdfkit';
import type { PdfBlock, PdfSpec } from '../../core/efile/pdf-spec.js';
import { FONT_SUBSET_MODULE, reuseGlyphs } from './font-subset.js';
import { FONT_TABLES_MODULE, presetPostHeader } from './font-tables.js';
import { KNOWN_LAYOUT_MODULE } from './known-layout.js';
import { layoutPlainWords, PLAIN_LAYOUT_MODULE } from './plain-layout.js';
import { bottomLimit, drawTable, PDF_TABLE_MODULE } from './pdf-table.js';
import { SUBSET_BYTES_MODULE } from './subset-bytes.js';
import { joined } from './page-bytes.js';
import { lineOps, PDF_TEXT_MODULE, releasePageBytes, widthOf, writeOps } from './pdf-text.js';

/** A parsed font as pdfkit holds it (a fontkit font; pdfkit accepts one wherever it takes a font). */
type ParsedFont = object;
interface FontSet {
  readonly regular: ParsedFont;
  readonly bold: ParsedFont;
}
let fonts: FontSet | null = null;

/** The DejaVu Sans TTF files. */
export function fontFiles(): { regular: string; bold: string } {
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return { regular: join(dir, 'DejaVuSans.ttf'), bold: join(dir, 'DejaVuSans-Bold.ttf') };
}

/** Internals of pdfkit used for speed: the current font's parsed font and its per-word layout cache. */
interface PdfkitFontInternals {
  _font: { font: ParsedFont; layoutCache?: Record<string, unknown> };
}

type PdfkitConstructor = typeof PDFDocumentClass;
let pdfkit: Promise<PdfkitConstructor> | null = null;

/**
 * pdfkit, with fontkit and its Unicode tables (~0.3 s to load in a fresh process), imported when
 * the first PDF is drawn: an export or a command that draws none never loads it.
 */
function loadPdfkit(): Promise<PdfkitConstructor> {
  return (pdfkit ??= import('pdfkit').then((m) => m.default));
}

/**
 * Parses the fonts once per process (pdfkit would re-parse the 750 kB TTF for every document) and
 * shares the per-word layout caches between documents: layout depends only on font and text.
 */
function loadFonts(PDFDocument: PdfkitConstructor): FontSet {
  if (!fonts) {
    const files = fontFiles();
    const parse = (file: string): ParsedFont => {
      const boot = new PDFDocument({ autoFirstPage: false, font: file });
      return (boot as unknown as PdfkitFontInternals)._font.font;
    };
    fonts = { regular: parse(files.regular), bold: parse(files.bold) };
    for (const font of [fonts.regular, fonts.bold]) {
      reuseGlyphs(font);
      presetPostHeader(font);
    }
  }
  return fonts;
}

let identity: string | null = null;

/**
 * What a PDF's bytes depend on besides its spec: this renderer's code (the files it was loaded
 * from: in the bundle, a chunk named by its content hash) and the versions of pdfkit, fontkit and
 * the fonts. Part of a kept PDF's key (pdf-cache.ts), so a kept PDF is never one an older renderer drew.
 */
export function rendererIdentity(): string {
  if (identity === null) {
    const req = createRequire(import.meta.url);
    // Its package.json, or from its entry up to it (fontkit's `exports` do not offer the file).
    const version = (pkg: string): string => {
      try {
        return (req(`${pkg}/package.json`) as { version: string }).version;
      } catch {
        // Found below.
      }
      for (let dir = dirname(req.resolve(pkg)); dir !== dirname(dir); dir = dirname(dir)) {
        if (basename(dir) === pkg) return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
      }
      return 'unknown';
    };
    // This module and those that shape what it draws (one file in the bundle, eight in dist/).
    const code = createHash('sha256');
    for (const url of new Set([import.meta.url, FONT_SUBSET_MODULE, FONT_TABLES_MODULE, PLAIN_LAYOUT_MODULE, KNOWN_LAYOUT_MODULE, PDF_TEXT_MODULE, SUBSET_BYTES_MODULE, PDF_TABLE_MODULE])) code.update(readFileSync(fileURLToPath(url)));
    identity = JSON.stringify({ code: code.digest('hex'), pdfkit: version('pdfkit'), fontkit: version('fontkit'), fonts: version('dejavu-fonts-ttf') });
  }
  return identity;
}

let layoutCaches = { regular: Object.create(null) as Record<string, unknown>, bold: Object.create(null) as Record<string, unknown> };
let renders = 0;

const MARGIN = 40;
const PAGE_WIDTH = 595.28; // A4
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const TABLE_GEOMETRY = { margin: MARGIN, contentWidth: CONTENT_WIDTH } as const;

/** The render drawing now (or done): the next one waits for it. */
let drawing: Promise<unknown> = Promise.resolve();

/**
 * Renders a spec to PDF bytes. The spec's own date, else `exportDate`, is both CreationDate and
 * ModDate. Renders run one at a time, in call order: a long table yields to the event loop as it is
 * drawn, and documents drawn interleaved could meet the fonts' shared glyph and layout caches in
 * another order, which must never change a byte.
 */
export function renderPdf(spec: PdfSpec, exportDate: Date): Promise<Buffer> {
  const turn = drawing.then(() => drawPdf(spec, exportDate));
  drawing = turn.catch(() => undefined);
  return turn;
}

async function drawPdf(spec: PdfSpec, exportDate: Date): Promise<Buffer> {
  const date = spec.date === undefined ? exportDate : new Date(spec.date);
  const PDFDocument = await loadPdfkit();
  const f = loadFonts(PDFDocument);
  // Bound the shared caches: start afresh now and then (free text makes them grow).
  if (++renders % 500 === 0) layoutCaches = { regular: Object.create(null) as Record<string, unknown>, bold: Object.create(null) as Record<string, unknown> };
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    // No default font: a default one with the same name would make every later `font('regular')`
    // re-open the font and compare it (pdfkit caches it under its name, not under 'regular').
    font: '',
    compress: true,
    info: { Title: spec.title, Subject: spec.subtitle, Creator: 'APSis', Producer: 'APSis', CreationDate: date, ModDate: date },
    lang: 'lv',
  });
  codeUnitDestinations(doc);
  doc.registerFont('regular', f.regular as unknown as string);
  doc.registerFont('bold', f.bold as unknown as string);
  for (const name of ['bold', 'regular'] as const) {
    doc.font(name);
    (doc as unknown as PdfkitFontInternals)._font.layoutCache = layoutCaches[name];
    layoutPlainWords((doc as unknown as PdfkitFontInternals)._font);
  }
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  textAt(doc.font('bold').fontSize(15), spec.title, MARGIN, doc.y, CONTENT_WIDTH);
  textAt(doc.font('regular').fontSize(9.5).fillColor('#333'), spec.subtitle, MARGIN, doc.y, CONTENT_WIDTH);
  doc.fillColor('black');
  doc.moveDown(0.8);
  for (const [i, b] of spec.blocks.entries()) await drawBlock(doc, b, i === 0);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7).fillColor('#555');
    centredLine(doc, `${spec.footer} · ${i + 1}/${range.count}`, doc.page.height - MARGIN + 12);
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
  deflatePages(doc);
  doc.end();
  return done;
}

/** Names whose order by `localeCompare` is their order by code unit (test/efile/pdf-dests.test.ts). */
const CODE_UNIT_NAME = /^[a-z0-9-]*$/;

/** Compares two names as pdfkit's name tree does (`localeCompare`), without ICU where the order is the same by code unit. */
export function compareNames(a: string, b: string): number {
  if (CODE_UNIT_NAME.test(a) && CODE_UNIT_NAME.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}

/**
 * The document's named destinations (the work sheets' months, `m2026-11`) sorted by `compareNames`:
 * pdfkit sorts them with `localeCompare`, whose first call starts ICU's collator (~14 ms of a fresh
 * process) for names that sort the same by code unit.
 */
function codeUnitDestinations(doc: PDFKit.PDFDocument): void {
  const dests = (doc as unknown as { _root?: { data?: { Names?: { data?: { Dests?: { _compareKeys?: unknown } } } } } })._root?.data?.Names?.data?.Dests;
  if (dests && typeof dests._compareKeys === 'function') dests._compareKeys = compareNames;
}

/** pdfkit internals: a buffered page's content stream (a PDFReference) as `doc.end()` finalises it. */
interface PdfkitContent {
  buffer: Uint8Array[];
  compress: boolean;
}

/**
 * Deflates the pages' content streams as `doc.end()` would (their Filter is set as they are
 * written), at level 1 instead of zlib's 6: a tenth of drawing a long work sheet instead of a third,
 * for ~20 % more bytes. (Deflating them on libuv's threads cost this thread more in zlib's stream
 * callbacks than it saved.)
 */
function deflatePages(doc: PDFKit.PDFDocument): void {
  for (const { content } of (doc as unknown as { _pageBuffer: { content: PdfkitContent }[] })._pageBuffer) {
    if (content.buffer.length === 0) continue;
    // (An uncompressed page keeps a copy: the pieces' blocks go to the next document.)
    content.buffer = [content.compress ? deflateSync(joined(content.buffer), { level: 1 }) : Buffer.concat(content.buffer)];
    content.compress = false;
  }
  releasePageBytes(doc);
}

/** One line centred across the content width, as `text(s, MARGIN, y, { width, align: 'center', lineBreak: false })` draws it. */
function centredLine(doc: PDFKit.PDFDocument, text: string, y: number): void {
  const w = widthOf(doc, text);
  const ops = w <= CONTENT_WIDTH ? lineOps(doc, [{ text, x: MARGIN + (CONTENT_WIDTH - w) / 2 }], y) : null;
  if (ops === null) doc.text(text, MARGIN, y, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
  else writeOps(doc, [ops]);
}

/**
 * `text(s, x, y, { width })`: a line that fits drawn here (pdfkit's line wrapper costs ~50 µs a
 * call, more while cold), at the same place, moving down as pdfkit does; anything else by pdfkit.
 */
function textAt(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number): void {
  const lineH = doc.currentLineHeight(true);
  // pdfkit starts a new page first when the line would not fit on this one.
  const fits = text !== '' && text.indexOf('\n') < 0 && widthOf(doc, text) <= width && y + lineH <= bottomLimit(doc);
  const ops = fits ? lineOps(doc, [{ text, x }], y) : null;
  if (ops === null) {
    doc.text(text, x, y, { width });
    return;
  }
  writeOps(doc, [ops]);
  doc.x = x;
  doc.y = y + lineH;
}

function heading(doc: PDFKit.PDFDocument, text: string | undefined): void {
  if (!text) return;
  if (doc.y + 40 > bottomLimit(doc)) doc.addPage();
  textAt(doc.font('bold').fontSize(11), text, MARGIN, doc.y, CONTENT_WIDTH);
  doc.moveDown(0.3);
}

async function drawBlock(doc: PDFKit.PDFDocument, b: PdfBlock, first: boolean): Promise<void> {
  if (b.kind === 'section') {
    if (!first) doc.addPage();
    doc.addNamedDestination(b.anchor, 'XYZ', MARGIN, doc.y, null);
    doc.outline.addItem(b.heading);
    textAt(doc.font('bold').fontSize(12), b.heading, MARGIN, doc.y, CONTENT_WIDTH);
    doc.moveDown(0.4);
    return;
  }
  heading(doc, b.heading);
  if (b.kind === 'text') {
    if (b.text) doc.font('regular').fontSize(9.5).text(b.text, MARGIN, doc.y, { width: CONTENT_WIDTH });
  } else if (b.kind === 'fields') {
    const labelW = 190;
    doc.fontSize(9);
    for (const [label, value] of b.fields) {
      const h = Math.max(cellHeight(doc, 'regular', label, labelW), cellHeight(doc, 'regular', value, CONTENT_WIDTH - labelW));
      if (doc.y + h > bottomLimit(doc)) doc.addPage();
      const y = doc.y;
      textAt(doc.font('bold'), label, MARGIN, y, labelW - 6);
      textAt(doc.font('regular'), value, MARGIN + labelW, y, CONTENT_WIDTH - labelW);
      doc.y = y + h + 2;
    }
  } else {
    await drawTable(doc, b, TABLE_GEOMETRY);
  }
  doc.x = MARGIN;
  doc.moveDown(0.8);
}

/** Height of a wrapped cell; single-line text skips pdfkit's line layout (the common case, and fast). */
function cellHeight(doc: PDFKit.PDFDocument, font: string, text: string, width: number): number {
  doc.font(font);
  if (text.indexOf('\n') < 0 && doc.widthOfString(text) <= width) return doc.currentLineHeight(true);
  return doc.heightOfString(text, { width });
}
