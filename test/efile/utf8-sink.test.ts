/** utf8Of (cli/efile/utf8-sink.ts): text in pieces → the bytes Buffer.from of the whole text gives. */
import { describe, expect, test } from 'vitest';
import { utf8Of } from '../../cli/efile/utf8-sink.js';
import { createRng, testSeed } from '../helpers/rng.js';

describe('utf8Of', () => {
  test('random pieces (multi-byte, surrogate pairs split across batches, lone halves, past one block) give the same bytes', () => {
    const seed = testSeed();
    console.log(`utf8Of seed ${seed}`);
    const rnd = createRng(seed);
    const alphabet = ['a', 'ā', 'Ž', '€', '😀', '\ud83d', '\ude00', '"', '\n', 'x'.repeat(5000)];
    for (let round = 0; round < 20; round++) {
      const pieces = Array.from({ length: Math.floor(rnd() * 2000) }, () => {
        const n = Math.floor(rnd() * 8);
        let s = '';
        for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
        return s;
      });
      // A pair split between two pieces, exactly where a batch may end.
      pieces.push('y'.repeat(16_383) + '\ud83d', '\ude00z');
      const whole = pieces.join('');
      expect(utf8Of((out) => pieces.forEach(out)).equals(Buffer.from(whole, 'utf8')), `seed ${seed}, round ${round}`).toBe(true);
    }
    expect(utf8Of(() => undefined).length).toBe(0);
    const big = 'ļ'.repeat(700_000);
    expect(utf8Of((out) => out(big)).equals(Buffer.from(big, 'utf8'))).toBe(true);
  });
});
