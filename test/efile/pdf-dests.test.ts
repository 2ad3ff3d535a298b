/**
 * Named destinations are sorted as pdfkit sorts them (`localeCompare`), also where the renderer
 * compares them by code unit (cli/efile/pdf.ts `compareNames`): seeded random names.
 */
import { describe, expect, test } from 'vitest';
import { compareNames } from '../../cli/efile/pdf.js';
import { createRng, testSeed } from '../helpers/rng.js';

describe('named destinations', () => {
  test('sort as localeCompare sorts them (seeded)', () => {
    const seed = testSeed();
    console.log(`destination names seed ${seed}`);
    const rnd = createRng(seed);
    // Names of work-sheet months, the code-unit set, and others (capitals, dots, Latvian letters) that take localeCompare.
    const alphabets = ['0123456789-m', 'abcdefghijklmnopqrstuvwxyz0123456789-', 'aAbBzZ09-._āĀšŠ '];
    for (let i = 0; i < 20_000; i++) {
      const set = alphabets[i % alphabets.length]!;
      const name = () => Array.from({ length: Math.floor(rnd() * 10) }, () => set[Math.floor(rnd() * set.length)]).join('');
      const a = name();
      const b = name();
      expect(Math.sign(compareNames(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)} (seed ${seed})`).toBe(Math.sign(a.localeCompare(b)));
    }
    const months = ['m2026-11', 'm2017-01', 'm2026-02', 'm2019-12', 'm2017-10'];
    expect([...months].sort(compareNames)).toEqual([...months].sort((x, y) => x.localeCompare(y)));
  });
});
