/** The `post` header preset for pdfkit (cli/efile/font-tables.ts): what fontkit's own decode of the table gives, for both embedded fonts. */
import PDFDocument from 'pdfkit';
import { describe, expect, test } from 'vitest';
import { presetPostHeader } from '../../cli/efile/font-tables.js';
import { fontFiles } from '../../cli/efile/pdf.js';

type Font = { readonly post: Record<string, unknown>; readonly italicAngle: number; readonly _tables: Record<string, unknown> };
const parse = (file: string): Font => (new PDFDocument({ autoFirstPage: false, font: file }) as unknown as { _font: { font: Font } })._font.font;
const HEADER = ['version', 'italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch', 'minMemType42', 'maxMemType42', 'minMemType1', 'maxMemType1'];

describe('post table header', () => {
  test('gives the fields fontkit decodes, and fontkit keeps a table it decoded already', () => {
    for (const file of Object.values(fontFiles())) {
      const full = parse(file);
      const light = parse(file);
      presetPostHeader(light);
      expect(Object.keys(light.post)).toEqual(HEADER);
      for (const k of HEADER) expect(light.post[k], `${file}: ${k}`).toBe(full.post[k]);
      expect(light.italicAngle).toBe(full.italicAngle);
      // Already decoded: left as it is.
      const decoded = full.post;
      presetPostHeader(full);
      expect(full.post).toBe(decoded);
    }
  });
});
