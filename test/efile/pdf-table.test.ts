/**
 * Tables as cli/efile/pdf.ts draws them: single-line cells on the fast path (one text object per
 * row), wrapped cells and notes by pdfkit, a header again on every page. Checked by the text a real
 * PDF reader (pdf.js) extracts.
 */
import { describe, expect, test } from 'vitest';
import { renderPdf } from '../../cli/efile/pdf.js';
import type { PdfSpec, PdfTableRow } from '../../core/efile/pdf-spec.js';
import { pdfText } from './helpers.js';

const date = new Date('2026-11-23T07:00:00.000Z');
const columns = [
  { label: 'Datums', width: 62 },
  { label: 'Uzdevums', width: 130 },
  { label: 'Piezīmes', width: 121 },
];
const table = (rows: PdfTableRow[]): PdfSpec => ({ title: 'Tabula', subtitle: 'Zane Bērziņa', footer: 'APSis · stāvoklis', blocks: [{ kind: 'table', columns, rows }] });
const LONG = 'Klientei šodien sāpēja galva, izmērīts asinsspiediens 150/95; ieteikts sazināties ar ģimenes ārstu un nākamajā apmeklējumā mērīt vēlreiz, pirms un pēc pastaigas pa pagalmu.';

describe('PDF tables', () => {
  test('every cell, wrapped cell and note is there; the header is drawn again on each page', async () => {
    const rows: PdfTableRow[] = [];
    for (let i = 0; i < 120; i++) {
      rows.push([`2026-10-${String((i % 28) + 1).padStart(2, '0')}`, `Uzdevums ${i}`, i % 10 === 0 ? `Gara piezīme ${i}: ${LONG}` : '']);
      if (i % 7 === 0) rows.push({ note: `Piezīme ${i}: ${LONG}`, from: 1 });
    }
    const text = await pdfText(await renderPdf(table(rows), date));
    for (let i = 0; i < 120; i++) expect(text).toContain(`Uzdevums ${i}`);
    // pdf.js joins wrapped lines with spaces or line ends: compare words.
    const words = text.split(/\s+/);
    for (const w of LONG.split(' ')) expect(words).toContain(w);
    expect(text).toContain('Gara piezīme 110:');
    expect(text).toContain('Piezīme 119:');
    const pages = text.split('APSis · stāvoklis').length - 1;
    expect(pages).toBeGreaterThan(2);
    expect(text.split('Datums').length - 1).toBe(pages);
  });

  test('a glyph pdfkit places itself (a combining mark) still prints, in a cell and in a note', async () => {
    const text = await pdfText(await renderPdf(table([['2026-10-01', 'e\u0301 a\u0308', ''], { note: 'o\u0303 piezīme', from: 1 }]), date));
    expect(text.normalize('NFC')).toContain('é ä');
    expect(text.normalize('NFC')).toContain('õ piezīme');
  });

  test('the same spec gives the same bytes', async () => {
    const spec = table([['2026-10-01', 'Higiēna', ''], { note: `Piezīme: ${LONG}`, from: 1 }]);
    expect((await renderPdf(spec, date)).equals(await renderPdf(spec, date))).toBe(true);
  });

  test('renders run one at a time, in call order (a long table yields as it is drawn), and give the bytes they give alone', async () => {
    const long: PdfTableRow[] = Array.from({ length: 400 }, (_, i) => [`2026-10-${String((i % 28) + 1).padStart(2, '0')}`, `Uzdevums ${i} — ūdens`, '']);
    const short: PdfTableRow[] = [['2026-10-01', 'Īss', '']];
    const alone = [await renderPdf(table(long), date), await renderPdf(table(short), date)];
    const finished: string[] = [];
    const both = await Promise.all([renderPdf(table(long), date).then((b) => (finished.push('long'), b)), renderPdf(table(short), date).then((b) => (finished.push('short'), b))]);
    expect(finished).toEqual(['long', 'short']);
    expect(both[0]!.equals(alone[0]!)).toBe(true);
    expect(both[1]!.equals(alone[1]!)).toBe(true);
  });
});
