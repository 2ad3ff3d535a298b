/**
 * A fast path in front of `string-width` in the bundle: text made only of characters one column
 * wide in every terminal (ASCII, Latin-1, Latin Extended with Latvian, common punctuation, box
 * drawing) is as wide as it is long. The real function segments graphemes and tests an emoji
 * regex whose first use alone costs ~40 ms of the first frame. test/tui/string-width.test.ts
 * checks that both agree on every character of the fast path.
 */
import realStringWidth from 'string-width';

/** Characters the fast path accepts (no controls, no combining or invisible marks, no emoji). */
export const NARROW_TEXT = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u024F\u2010-\u2027\u2039\u203A\u2190-\u2193\u2500-\u257F]*$/;

/** Colour and style codes (SGR), which take no columns; Ink wraps styled text in them. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const SGR = /\u001B\[[0-9;]*m/g;

/** Same answer as `string-width`, without its slow path for plain Latin text. */
export default function stringWidth(input: string, options?: Parameters<typeof realStringWidth>[1]): number {
  if (typeof input === 'string' && !options?.countAnsiEscapeCodes && options?.ambiguousIsNarrow !== false) {
    const text = input.includes('\u001B') ? input.replace(SGR, '') : input;
    if (NARROW_TEXT.test(text)) return text.length;
  }
  return realStringWidth(input, options);
}
