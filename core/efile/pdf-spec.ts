/**
 * A printable document as plain data. core/ decides what a PDF says; cli/efile/pdf.ts draws it
 * with pdfkit. Keeping content here makes it testable without a PDF library.
 */

export interface PdfFieldList {
  readonly kind: 'fields';
  readonly heading?: string;
  readonly fields: readonly (readonly [label: string, value: string])[];
}

/** A line of free text across a table's columns from `from` to the last: a note under the rows it belongs to. */
export interface PdfTableNote {
  readonly note: string;
  readonly from: number;
}

/** A table row: a text per column, or a note across columns. */
export type PdfTableRow = readonly string[] | PdfTableNote;

/** Whether a row is a note. */
export function isTableNote(row: PdfTableRow): row is PdfTableNote {
  return !Array.isArray(row);
}

export interface PdfTable {
  readonly kind: 'table';
  readonly heading?: string;
  readonly columns: readonly { readonly label: string; readonly width: number }[];
  readonly rows: readonly PdfTableRow[];
  /** Shown instead of an empty table. */
  readonly empty?: string;
}

export interface PdfParagraph {
  readonly kind: 'text';
  readonly heading?: string;
  readonly text: string;
}

/**
 * A part of a longer PDF: starts on a new page (unless the document is still empty) under a heading,
 * and is reachable from outside as `file.pdf#nameddest=<anchor>` and from the PDF's bookmarks.
 */
export interface PdfSection {
  readonly kind: 'section';
  readonly heading: string;
  readonly anchor: string;
}

export type PdfBlock = PdfFieldList | PdfTable | PdfParagraph | PdfSection;

export interface PdfSpec {
  /** Document title (also the PDF's /Title). */
  readonly title: string;
  /** One line under the title: client name and id, period … */
  readonly subtitle: string;
  readonly blocks: readonly PdfBlock[];
  /** Footer on every page (e.g. "APSis e-file · exported 2026-11-23 07:00 UTC"). */
  readonly footer: string;
  /**
   * ISO time the document is dated by (its CreationDate and ModDate): when what it shows last
   * changed. Absent: the time of the export or print. A dated spec's PDF is a function of the spec
   * alone, so it can be kept and reused (cli/efile/pdf-cache.ts).
   */
  readonly date?: string;
}
