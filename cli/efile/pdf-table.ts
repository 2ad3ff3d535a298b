/**
 * A PdfSpec table drawn into a pdfkit document (cli/efile/pdf.ts): a row's cells whose lines fit are
 * written as content operators (pdf-text.ts), the rest by pdfkit's line wrapper. Ten years of work
 * sheets are 11,000 rows drawn in a process that has just started, so a row is drawn by one small
 * method over plain loops and reused cell buffers: little for the compiler to warm up (the closure
 * per table it replaced was compiled four times in a fresh process), no closures made per row.
 */
import type { PdfTable, PdfTableRow } from '../../core/efile/pdf-spec.js';
import { isTableNote } from '../../core/efile/pdf-spec.js';
import type { PlacedText } from './pdf-text.js';
import { lineOps, num, showOf, widthOf, writeOps } from './pdf-text.js';

/** This module's file: part of the renderer's identity (pdf.ts `rendererIdentity`). */
export const PDF_TABLE_MODULE = import.meta.url;

/** The page geometry the renderer uses (pdf.ts). */
export interface TableGeometry {
  readonly margin: number;
  readonly contentWidth: number;
}

const TABLE_SIZE = 7.5;
const PAD = 2;

/** Table rows drawn between two turns of the event loop. */
const ROWS_PER_YIELD = 8;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A table rule's line width and colour ('#999', as pdfkit writes it: each channel / 255). */
const RULE_STYLE = `0.3 w\n/DeviceRGB CS\n${[0x99, 0x99, 0x99].map((c) => c / 255).join(' ')} SCN`;

/** pdfkit's bottom edge for content on the current page. */
export function bottomLimit(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Draws `t` at the document's current position (the caller has drawn its heading). */
export async function drawTable(doc: PDFKit.PDFDocument, t: PdfTable, g: TableGeometry): Promise<void> {
  const table = new TableDrawer(doc, t, g);
  if (t.rows.length === 0) {
    doc.font('regular').fontSize(9).text(t.empty ?? '—', g.margin, doc.y, { width: g.contentWidth });
    return;
  }
  table.drawRow(table.header, 'bold', true);
  let drawn = 0;
  for (const r of t.rows) {
    table.drawRow(r, 'regular', false);
    // A long table lets the ZIP's deflate and file writes (libuv's threads, which wait for this
    // thread's callbacks) go on while it is drawn.
    if (++drawn % ROWS_PER_YIELD === 0) await yieldToIo();
  }
  table.flush();
}

/** One row's cells, reused from row to row (a note is one cell from its column to the table's right edge). */
class RowCells {
  count = 0;
  readonly texts: string[] = [];
  readonly xs: number[] = [];
  readonly ws: number[] = [];
  /** Each cell's lines when every one fits its width, else null (pdfkit wraps the cell). */
  readonly lines: (readonly string[] | null)[] = [];
  /** Each cell's TJ operators, line by line, when every line can be drawn here, else null. */
  readonly shows: (string[] | null)[] = [];
}

class TableDrawer {
  readonly header: readonly string[];
  private readonly widths: readonly number[];
  private readonly lefts: readonly number[];
  /** Operators of rows drawn here, written as one piece before pdfkit draws anything (a page, a shade, a wrapped cell). */
  private readonly pending: string[] = [];
  /** The header's cells apart: it is drawn in the middle of a row, when the row starts a page. */
  private readonly headerCells = new RowCells();
  private readonly rowCells = new RowCells();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    t: PdfTable,
    private readonly g: TableGeometry,
  ) {
    const total = t.columns.reduce((s, c) => s + c.width, 0);
    const scale = g.contentWidth / total;
    this.widths = t.columns.map((c) => c.width * scale);
    this.lefts = this.widths.map((_, i) => g.margin + this.widths.slice(0, i).reduce((s, w) => s + w, 0));
    this.header = t.columns.map((c) => c.label);
    doc.fontSize(TABLE_SIZE);
  }

  /** Writes what is pending (with the rules' line width and colour, set once per write). */
  flush(): void {
    if (this.pending.length === 0) return;
    writeOps(this.doc, [RULE_STYLE, ...this.pending]);
    this.pending.length = 0;
  }

  private setCells(c: RowCells, row: PdfTableRow): void {
    const { margin, contentWidth } = this.g;
    if (isTableNote(row)) {
      const x = this.lefts[row.from] ?? margin;
      c.texts[0] = row.note;
      c.xs[0] = x;
      c.ws[0] = margin + contentWidth - x;
      c.count = 1;
      return;
    }
    for (let i = 0; i < row.length; i++) {
      c.texts[i] = row[i]!;
      c.xs[i] = this.lefts[i] ?? margin;
      c.ws[i] = this.widths[i] ?? 50;
    }
    c.count = row.length;
  }

  drawRow(row: PdfTableRow, font: string, shade: boolean): void {
    const doc = this.doc;
    const c = row === this.header ? this.headerCells : this.rowCells;
    doc.font(font);
    const lineH = doc.currentLineHeight(true);
    this.setCells(c, row);
    const { count: n, texts, xs, ws, lines, shows } = c;
    // Each cell's height: its lines when each fits (drawn here), else pdfkit's wrapped height.
    let h = 0;
    for (let i = 0; i < n; i++) {
      const text = texts[i]!;
      const ls = text.indexOf('\n') < 0 ? [text] : text.split('\n');
      const room = ws[i]! - 2 * PAD;
      let fit = true;
      for (const l of ls) {
        if (!(widthOf(doc, l) <= room)) {
          fit = false;
          break;
        }
      }
      h = Math.max(h, fit ? ls.length * lineH : doc.heightOfString(text, { width: room }));
      lines[i] = fit ? ls : null;
    }
    h += 2 * PAD;
    if (doc.y + h > bottomLimit(doc)) {
      this.flush();
      doc.addPage();
      if (font !== 'bold') this.drawRow(this.header, 'bold', true);
    }
    const y = doc.y;
    if (shade) {
      this.flush();
      doc.rect(this.g.margin, y, this.g.contentWidth, h).fill('#e8e8e8').fillColor('black');
    }
    doc.font(font);
    // Cells drawn here: every line fits and needs no glyph placed by pdfkit; the others pdfkit wraps.
    // (A cell's lines are tried in order up to the first one pdfkit must draw, as pdfkit would meet them.)
    let depth = 0;
    for (let i = 0; i < n; i++) {
      const ls = lines[i]!;
      let out: string[] | null = null;
      if (ls !== null) {
        out = [];
        for (const l of ls) {
          const show = showOf(doc, l);
          if (show === null) {
            out = null;
            break;
          }
          out.push(show);
        }
      }
      shows[i] = out;
      if (out !== null && out.length > depth) depth = out.length;
    }
    // The k-th lines of the cells share a baseline: one text object each.
    for (let k = 0; k < depth; k++) {
      const placed: PlacedText[] = [];
      for (let i = 0; i < n; i++) {
        const show = shows[i]?.[k];
        const line = lines[i]?.[k];
        if (show !== undefined && line) placed.push({ text: line, x: xs[i]! + PAD, show });
      }
      if (placed.length > 0) this.pending.push(lineOps(doc, placed, y + PAD + k * lineH)!);
    }
    for (let i = 0; i < n; i++) {
      if (!texts[i] || shows[i]) continue;
      this.flush();
      doc.text(texts[i]!, xs[i]! + PAD, y + PAD, { width: ws[i]! - 2 * PAD, lineBreak: true });
    }
    // The rule under the row.
    const { margin, contentWidth } = this.g;
    this.pending.push(`${num(margin)} ${num(y + h)} m\n${num(margin + contentWidth)} ${num(y + h)} l\nS`);
    doc.y = y + h;
  }
}
