/**
 * Font subsets written without restructure (cli/efile/subset-bytes.ts): byte for byte what
 * fontkit's own `encode` gives, for both embedded DejaVu fonts, over seeded random glyph lists with
 * compound glyphs (the Latvian letters), through the glyph reuse of cli/efile/font-subset.ts too.
 */
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, test } from 'vitest';
import { reuseGlyphs } from '../../cli/efile/font-subset.js';
import { fontFiles } from '../../cli/efile/pdf.js';
import type { TtfSubsetParts } from '../../cli/efile/subset-bytes.js';
import { encodeSubset, subsetTables } from '../../cli/efile/subset-bytes.js';
import { createRng, testSeed } from '../helpers/rng.js';

interface Subset extends TtfSubsetParts {
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
}
interface Font {
  readonly numGlyphs: number;
  glyphForCodePoint(cp: number): { readonly id: number };
  createSubset(): Subset;
}

/** A freshly parsed font of `file`, as pdfkit holds it. */
const parse = (file: string): Font => (new PDFDocument({ autoFirstPage: false, font: file }) as unknown as { _font: { font: Font } })._font.font;

/** Glyph ids of Latvian text (composites among them) and of random ids of the whole font. */
function glyphList(font: Font, rnd: () => number): number[] {
  const letters = 'AaĀāBbCcČčDdEeĒēFfGgĢģHhIiĪīJjKkĶķLlĻļMmNnŅņOoPpRrSsŠšTtUuŪūVvZzŽž0123456789 .,:;–—·→…„“"()/';
  const n = 1 + Math.floor(rnd() * 150);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(rnd() < 0.7 ? font.glyphForCodePoint(letters.codePointAt(Math.floor(rnd() * letters.length))!).id : Math.floor(rnd() * font.numGlyphs));
  return ids;
}

function subsetOf(font: Font, ids: readonly number[]): Subset {
  const s = font.createSubset();
  for (const id of ids) s.includeGlyph(id);
  return s;
}

describe('font subset bytes', () => {
  test("are fontkit's own, for random glyph lists of both fonts, and of others with short and long offsets (seeded)", () => {
    const seed = testSeed();
    console.log(`subset bytes seed ${seed}`);
    const rnd = createRng(seed);
    // ExtraLight's glyph offsets are short (16 bits), the others' long.
    const others = ['DejaVuSans-ExtraLight.ttf', 'DejaVuSerif.ttf', 'DejaVuSansMono.ttf'].map((f) => join(dirname(fontFiles().regular), f));
    for (const file of [...Object.values(fontFiles()), ...others]) {
      const font = parse(file);
      const reference = subsetOf(font, [0]);
      const tables = subsetTables(reference.encode(), reference.font.loca.version);
      expect(tables, file).not.toBeNull();
      for (let trial = 0; trial < 200; trial++) {
        const ids = glyphList(font, rnd);
        const theirs = subsetOf(font, ids).encode();
        const ours = encodeSubset(subsetOf(font, ids), tables!);
        expect(Buffer.from(ours).equals(Buffer.from(theirs)), `${file}, glyphs ${ids.join(',')} (seed ${seed})`).toBe(true);
      }
    }
  });

  test("through the glyph reuse, the same bytes as fontkit's for the same subsets", () => {
    const seed = testSeed();
    console.log(`subset reuse seed ${seed}`);
    const rnd = createRng(seed);
    for (const file of Object.values(fontFiles())) {
      const plain = parse(file);
      const reused = parse(file);
      reuseGlyphs(reused);
      for (let trial = 0; trial < 100; trial++) {
        const ids = glyphList(plain, rnd);
        expect(Buffer.from(subsetOf(reused, ids).encode()).equals(Buffer.from(subsetOf(plain, ids).encode())), `${file} (seed ${seed})`).toBe(true);
      }
    }
  });

  test('a reference not laid out as expected is refused (fontkit then encodes)', () => {
    const font = parse(fontFiles().regular);
    const reference = subsetOf(font, [0]).encode();
    const version = font.createSubset().font.loca.version;
    expect(subsetTables(reference, version)).not.toBeNull();
    expect(subsetTables(reference.subarray(0, 100), version)).toBeNull();
    expect(subsetTables(reference, 1 - version)).toBeNull();
    const otherTag = Uint8Array.from(reference);
    otherTag[0] = 0x4f; // 'Otru'
    expect(subsetTables(otherTag, version)).toBeNull();
    const nonzeroChecksum = Uint8Array.from(reference);
    nonzeroChecksum[12 + 7] = 1;
    expect(subsetTables(nonzeroChecksum, version)).toBeNull();
    // Two glyphs where one belongs: its counts are not where a subset's own are written.
    expect(subsetTables(subsetOf(font, [0, 1]).encode(), version)).toBeNull();
  });
});
