/**
 * Lines written past pdfkit's `text()` (cli/efile/pdf-text.ts) against pdfkit's own encoding: for
 * seeded random texts (Latvian, kerned pairs, ligatures, combining marks, tabs), the TJ operator
 * pdfkit's encode and kerning split give, and the same font subset afterwards — glyphs in the same
 * order, the same widths and code points.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, test } from 'vitest';
import { showOf } from '../../cli/efile/pdf-text.js';
import { layoutPlainWords } from '../../cli/efile/plain-layout.js';
import { fontFiles } from '../../cli/efile/pdf.js';
import { createRng, testSeed } from '../helpers/rng.js';

interface Position {
  readonly xAdvance: number;
  readonly advanceWidth: number;
  readonly xOffset: number;
  readonly yOffset: number;
}
interface Embedded {
  encode(text: string): [string[], Position[]];
  readonly subset: { readonly glyphs: readonly number[] };
  readonly widths: readonly number[];
  readonly unicode: readonly (readonly number[])[];
}

const num = (n: number): number => Math.round(n * 1e6) / 1e6;

/** What pdf.ts wrote before pdf-text.ts: pdfkit's encode, split after each kerned glyph. */
function referenceShow(font: Embedded, text: string): string | null {
  const [encoded, positions] = font.encode(text);
  if (positions.some((p) => p.xOffset || p.yOffset)) return null;
  const commands: string[] = [];
  let last = 0;
  const segment = (cur: number) => {
    if (last < cur) commands.push(`<${encoded.slice(last, cur).join('')}> ${num(-(positions[cur - 1]!.xAdvance - positions[cur - 1]!.advanceWidth))}`);
    last = cur;
  };
  positions.forEach((p, i) => {
    if (p.xAdvance - p.advanceWidth !== 0) segment(i + 1);
  });
  segment(positions.length);
  const single = commands.length === 1 && commands[0]!.endsWith('> 0');
  return commands.length === 0 ? '' : single ? `${commands[0]!.slice(0, -2)} Tj` : `[${commands.join(' ')}] TJ`;
}

/** A document with the font set, its words laid out as pdf.ts lays them out. */
function docWith(file: string): { doc: PDFKit.PDFDocument; font: Embedded } {
  const doc = new PDFDocument({ autoFirstPage: false, font: file });
  const font = (doc as unknown as { _font: Embedded })._font;
  layoutPlainWords(font);
  return { doc, font };
}

const PIECES = ['Higiēna', 'izpildīts', 'AVATAR', 'To', 'Ty', 'fi', 'ffl', 'Ģirts', 'Ķēniņš', '08:00–08:45', '2016-11-21', '„pēdiņas“', 'e\u0301', 'a\u0308', '→', '·', '—', ' ', '  ', '\t', 'Wy', 'LT', '€ 12,50', 'ūdens', 'V.', 'Y,'];

describe('lines past pdfkit', () => {
  test('give pdfkit’s TJ operators and leave the same font subset', () => {
    const seed = testSeed();
    console.log(`pdf-text seed ${seed}`);
    const rnd = createRng(seed);
    const texts = Array.from({ length: 1500 }, () => Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => PIECES[Math.floor(rnd() * PIECES.length)]).join(rnd() < 0.5 ? ' ' : ''));
    texts.push('', ...PIECES);
    for (const file of Object.values(fontFiles())) {
      const ours = docWith(file);
      const ref = docWith(file);
      let drawnHere = 0;
      for (const text of texts) {
        const show = showOf(ours.doc, text);
        expect(show, `seed ${seed}, ${file}: ${JSON.stringify(text)}`).toBe(referenceShow(ref.font, text));
        if (show) drawnHere++;
        // A second time from the cache: the same.
        expect(showOf(ours.doc, text)).toBe(show);
      }
      expect(ours.font.subset.glyphs).toEqual(ref.font.subset.glyphs);
      expect(ours.font.widths).toEqual(ref.font.widths);
      expect(ours.font.unicode).toEqual(ref.font.unicode);
      expect(drawnHere).toBeGreaterThan(1000);
    }
  });
});
