/**
 * Plain-word layout (cli/efile/plain-layout.ts) against fontkit's own shaping, on both embedded
 * DejaVu fonts: the same glyph ids, code points and positions for every word it composes, over
 * Latvian text, dates, times, notes, punctuation and seeded random strings.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, test } from 'vitest';
import { fontFiles } from '../../cli/efile/pdf.js';
import { KNOWN_KERNING } from '../../cli/efile/known-layout.js';
import { findPlain, fontFileHash, layoutPlainWords, measureKerning, plainCodes, plainRun } from '../../cli/efile/plain-layout.js';
import type { PdfkitRun } from '../../cli/efile/plain-layout.js';
import { createRng, testSeed } from '../helpers/rng.js';

interface Embedded {
  readonly font: object;
  readonly scale: number;
  layoutRun(text: string): PdfkitRun;
  encode(text: string): [string[], unknown[]];
  widthOfString(text: string, size: number): number;
}

/** A fresh pdfkit EmbeddedFont of `file` (its own parsed font). */
function embedded(file: string): Embedded {
  return (new PDFDocument({ autoFirstPage: false, font: file }) as unknown as { _font: Embedded })._font;
}

/** pdfkit's words: each run up to and including a space or tab. */
function words(text: string): string[] {
  return text.match(/[^ \t]*[ \t]|[^ \t]+$/g) ?? [];
}

const plainRunOf = (r: PdfkitRun) => ({ glyphs: r.glyphs.map((g) => ({ id: g.id, codePoints: [...g.codePoints] })), positions: r.positions.map((p) => ({ ...p })), advanceWidth: r.advanceWidth });

const SAMPLES = [
  '2016-11-21',
  '2026-12-01',
  '08:00–08:45',
  '…–08:45',
  '07:05–…',
  '1234567890',
  '(12) 3/4, 5.6; 7:8',
  'Klientei šodien sāpēja galva; izmērīts asinsspiediens',
  'Ģirts Ķēniņš, Ļūdmila Žuravļova, Čaks, Ņina, Īrisa, Ūna',
  'ā č ē ģ ī ķ ļ ņ š ū ž Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž',
  'AVATAR To Ty Yo LT fi fl ffi -1 1- T-',
  'izpildīts daļēji atlikts pārcelts nodots atteicās',
  'Higiēna (hygiene) → Iepirkšanās (shopping) · 100 % € 12,50 „pēdiņas“ «x» § 3 № 7 45°',
  'a--b ::: ... ,,, ((( ))) ///',
];

describe('plain-word layout', () => {
  test('the kerned layout kept for the embedded fonts is what fontkit gives their pairs', () => {
    for (const file of Object.values(fontFiles())) {
      const font = embedded(file).font;
      const hash = fontFileHash(font);
      const measured = measureKerning(font);
      // On a font update or a change to measureKerning: put this entry into cli/efile/known-layout.ts.
      expect(KNOWN_KERNING[hash ?? ''], `'${hash}': ${JSON.stringify(measured)}`).toEqual(measured);
      // Every plain character is simple; the Latvian letters are, and every digit.
      for (const c of findPlain(font)) expect(measured!.simple, `${file}: ${String.fromCharCode(c)}`).toContain(String.fromCharCode(c));
      for (const c of '0123456789āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ') expect(measured!.simple).toContain(c);
    }
  });

  test('dates, times and most of the Latvian alphabet need no shaping in both fonts', () => {
    for (const file of Object.values(fontFiles())) {
      const plain = plainCodes(embedded(file).font);
      for (const c of '0123456789-:–….,/') expect(plain.has(c.charCodeAt(0)), `${file}: ${c}`).toBe(true);
      // Letters that kern or ligate are left to fontkit: the test below checks the rest.
      expect(plain.size).toBeGreaterThan(60);
    }
  });

  test('every word it composes is what fontkit lays out (glyphs, code points, positions, width)', () => {
    const seed = testSeed();
    console.log(`plain-layout seed ${seed}`);
    const rnd = createRng(seed);
    const alphabet = [...new Set(SAMPLES.join('') + 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!?"\'#&*+<=>@[]_{|}~—“”\t')];
    const random = Array.from({ length: 3000 }, () => Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(''));
    // Random strings of simple characters only (all composed, many adjacent pairs), and of the
    // letters that kern most (runs of kerned pairs, each glyph kerned with the next).
    for (const file of Object.values(fontFiles())) {
      const ref = embedded(file);
      const simple = [...KNOWN_KERNING[fontFileHash(ref.font) ?? '']!.simple];
      const kerning = [...'AVTWYLPoeay.,-„”'];
      const pick = (from: readonly string[], n: number) => Array.from({ length: n }, () => from[Math.floor(rnd() * from.length)]).join('');
      const allSimple = Array.from({ length: 4000 }, () => pick(simple, 2 + Math.floor(rnd() * 10)));
      const kerned = Array.from({ length: 2000 }, () => pick(kerning, 2 + Math.floor(rnd() * 8)));
      let composed = 0;
      let moved = 0;
      for (const text of [...SAMPLES, ...random, ...allSimple, ...kerned]) {
        for (const w of words(text)) {
          const run = plainRun(ref.font, ref.scale, w);
          if (!run) continue;
          composed++;
          if (run.positions.some((p) => p.xAdvance !== p.advanceWidth)) moved++;
          expect(plainRunOf(run), `seed ${seed}, ${file}: ${JSON.stringify(w)}`).toEqual(plainRunOf(ref.layoutRun(w)));
        }
      }
      expect(composed).toBeGreaterThan(6000);
      expect(moved).toBeGreaterThan(1000);
    }
  });

  test('a patched font encodes and measures whole texts as pdfkit does', () => {
    for (const file of Object.values(fontFiles())) {
      const fast = embedded(file);
      const ref = embedded(file);
      layoutPlainWords(fast);
      for (const text of [...SAMPLES, SAMPLES.join(' '), '']) {
        expect(fast.widthOfString(text, 7.5), text).toBe(ref.widthOfString(text, 7.5));
        expect(fast.encode(text), text).toEqual(ref.encode(text));
      }
    }
  });
});
