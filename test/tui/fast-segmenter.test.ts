/** The bundle's fast grapheme segmenter agrees with Intl.Segmenter on everything it takes the fast path for. */
import { describe, expect, it } from 'vitest';
import { FastGraphemeSegmenter, SINGLE_UNIT_GRAPHEMES } from '../../cli/bundle/fast-segmenter.js';
import { createRng, testSeed } from '../helpers/rng.js';

const real = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const fast = new FastGraphemeSegmenter(undefined, { granularity: 'grapheme' });
const plain = (xs: Iterable<{ segment: string; index: number }>) => [...xs].map((s) => [s.segment, s.index]);

const fastChars: string[] = [];
for (let cp = 0; cp <= 0xffff; cp++) if (SINGLE_UNIT_GRAPHEMES.test(String.fromCharCode(cp))) fastChars.push(String.fromCharCode(cp));

describe('fast grapheme segmenter', () => {
  it('splits like Intl.Segmenter, and answers containing() alike, on random text (seeded)', () => {
    const seed = testSeed();
    const rnd = createRng(seed);
    const others = ['\r\n', '\r', 'e\u0301', '\u200d', '👍🏽', '🇱🇻', '中', '\ufe0f', '\u1100\u1161'];
    for (let i = 0; i < 3000; i++) {
      let s = '';
      const n = Math.floor(rnd() * 40);
      for (let j = 0; j < n; j++) s += rnd() < 0.04 ? others[Math.floor(rnd() * others.length)]! : fastChars[Math.floor(rnd() * fastChars.length)]!;
      const what = `seed ${seed}: ${JSON.stringify(s)}`;
      expect(plain(fast.segment(s)), what).toEqual(plain(real.segment(s)));
      for (const at of [0, Math.floor(s.length / 2), s.length - 1, s.length]) {
        const a = fast.segment(s).containing(at);
        const b = real.segment(s).containing(at);
        expect(a && [a.segment, a.index], `${what} at ${at}`).toEqual(b && [b.segment, b.index]);
      }
    }
  });
  it('covers every character of the fast path, next to any other', () => {
    expect(fastChars.length).toBeGreaterThan(600);
    const all = fastChars.join('');
    expect(plain(fast.segment(all))).toEqual(plain(real.segment(all)));
    expect(plain(fast.segment([...all].reverse().join('')))).toEqual(plain(real.segment([...all].reverse().join(''))));
  });
});
