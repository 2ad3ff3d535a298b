/** The bundle's styledCharsToString joins styled characters exactly as @alcalzone/ansi-tokenize's does. */
import { describe, expect, it } from 'vitest';
import { ansiCodesToString, diffAnsiCodes, styledCharsFromTokens, styledCharsToString, tokenize } from '@alcalzone/ansi-tokenize';
import { fastStyledCharsToString } from '../../cli/bundle/fast-styled-chars.js';
import { createRng, testSeed } from '../helpers/rng.js';

const helpers = { diffAnsiCodes, ansiCodesToString };
// Codes Ink and chalk write: SGR styles and resets, intensity pairs, 16/256/24-bit colours, links.
const CODES = ['\x1b[1m', '\x1b[2m', '\x1b[22m', '\x1b[3m', '\x1b[23m', '\x1b[4m', '\x1b[24m', '\x1b[7m', '\x1b[27m', '\x1b[31m', '\x1b[32m', '\x1b[39m', '\x1b[44m', '\x1b[49m', '\x1b[38;5;208m', '\x1b[48;2;10;20;30m', '\x1b[0m', '\x1b]8;;https://example.lv\x07', '\x1b]8;;\x07'];
const TEXT = ['a', 'ā', 'Š', ' ', '│', '─', 'ž', '1', '中'];

describe('fast styledCharsToString', () => {
  it('gives the library output on random styled lines (seeded)', () => {
    const seed = testSeed();
    const rnd = createRng(seed);
    for (let i = 0; i < 2000; i++) {
      let line = '';
      const n = Math.floor(rnd() * 60);
      for (let j = 0; j < n; j++) line += rnd() < 0.15 ? CODES[Math.floor(rnd() * CODES.length)]! : TEXT[Math.floor(rnd() * TEXT.length)]!;
      const chars = styledCharsFromTokens(tokenize(line));
      expect(fastStyledCharsToString(chars, helpers), `seed ${seed}: ${JSON.stringify(line)}`).toBe(styledCharsToString(chars));
    }
  });

  it('writes no codes between characters of equal styles, and resets what is open at the end', () => {
    const chars = styledCharsFromTokens(tokenize('\x1b[1m\x1b[31mabc'));
    expect(fastStyledCharsToString(chars, helpers)).toBe('\x1b[1m\x1b[31mabc\x1b[39m\x1b[22m');
    expect(fastStyledCharsToString(styledCharsFromTokens(tokenize('plain')), helpers)).toBe('plain');
    expect(fastStyledCharsToString([], helpers)).toBe('');
  });
});
