/**
 * A PDF's bytes are a function of its spec alone, not of what the process rendered before: a kept
 * PDF (cli/efile/pdf-cache.ts), a batch worker's and this thread's must be the same bytes.
 * The trap was fontkit's glyph cache: a compound glyph's component (the `Y` of `Ŷ`) met first in a
 * font subset was kept without its code point, and a later document's `Y` lost its ToUnicode entry.
 */
import { describe, expect, test } from 'vitest';
import { renderPdf } from '../../cli/efile/pdf.js';
import type { PdfSpec } from '../../core/efile/pdf-spec.js';
import { pdfText } from './helpers.js';

const date = new Date('2026-11-23T07:00:00.000Z');
const spec = (text: string): PdfSpec => ({ title: 'T', subtitle: 's', footer: 'f', blocks: [{ kind: 'text', text }] });

describe('PDF bytes and rendering history', () => {
  test('a letter first met as a component of another still extracts, and the bytes do not change', async () => {
    // This file's process has rendered nothing before: Ŷ and ŵ make Y and w components first.
    await renderPdf(spec('Ŷŵ'), date);
    const after = await renderPdf(spec('Yw Ŷŵ'), date);
    expect(await pdfText(after)).toContain('Yw Ŷŵ');
    expect((await renderPdf(spec('Yw Ŷŵ'), date)).equals(after)).toBe(true);
  });
});
