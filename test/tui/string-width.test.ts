/** The bundle's fast string width agrees with string-width on every character it takes the fast path for. */
import realStringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import stringWidth, { NARROW_TEXT } from '../../cli/bundle/string-width-fast.js';
import { createRng, testSeed } from '../helpers/rng.js';

const fastChars: string[] = [];
for (let cp = 0; cp <= 0xffff; cp++) {
  const ch = String.fromCharCode(cp);
  if (NARROW_TEXT.test(ch)) fastChars.push(ch);
}

describe('fast string width', () => {
  it('agrees with string-width on every single character of the fast path', () => {
    expect(fastChars.length).toBeGreaterThan(500);
    for (const ch of fastChars) expect(stringWidth(ch), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(realStringWidth(ch));
  });
  it('agrees on mixed strings, including ones that leave the fast path (seeded)', () => {
    const seed = testSeed();
    const rnd = createRng(seed);
    const others = ['\u0301', '\u00ad', '\u200b', '😀', '中', '✔', '\u001b[7m', '\u001b[1;31m', '\u001b[39m', '\u001b[2K', '\u001b]8;;x\u0007', '\u001b', '⏱', '\t'];
    for (let i = 0; i < 2000; i++) {
      let s = '';
      const n = Math.floor(rnd() * 30);
      for (let j = 0; j < n; j++) s += rnd() < 0.05 ? others[Math.floor(rnd() * others.length)]! : fastChars[Math.floor(rnd() * fastChars.length)]!;
      expect(stringWidth(s), `seed ${seed}: ${JSON.stringify(s)}`).toBe(realStringWidth(s));
    }
    expect(stringWidth('Anna Bērziņa · koordinators › ā')).toBe(31);
    expect(stringWidth('\u001b[1mAnna\u001b[22m Bērziņa')).toBe(12);
  });
});
