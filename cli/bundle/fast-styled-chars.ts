/**
 * Ink joins every line of every frame with @alcalzone/ansi-tokenize's styledCharsToString, which
 * diffs the styles of each character against the previous one (three Sets and four arrays per
 * character). Neighbouring characters almost always carry the same styles, and the diff of equal
 * styles is empty: skip it then. On the first frame, while the code still runs cold, this was the
 * largest share of Ink's output step. The bundle (cli/bundle/build.ts) routes the library's
 * function here; test/tui/fast-styled-chars.test.ts checks both agree on random styled lines.
 */

/** One ANSI code as the tokenizer reduces it: the code that starts a style and the one that ends it. */
export interface AnsiCode {
  readonly code: string;
  readonly endCode: string;
}

/** One character of a line with the styles active on it. */
export interface StyledChar<C extends AnsiCode = AnsiCode> {
  readonly value: string;
  readonly styles: C[];
}

/** The library's helpers the join needs (passed in, so this file does not import the library it patches). */
export interface AnsiHelpers<C extends AnsiCode = AnsiCode> {
  readonly diffAnsiCodes: (from: C[], to: C[]) => C[];
  readonly ansiCodesToString: (codes: C[]) => string;
}

function sameStyles(a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
  return true;
}

/** styledCharsToString with the same output, diffing styles only where they change. */
export function fastStyledCharsToString<C extends AnsiCode>(chars: readonly StyledChar<C>[], helpers: AnsiHelpers<C>): string {
  const { diffAnsiCodes, ansiCodesToString } = helpers;
  let ret = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (i === 0) ret += ansiCodesToString(char.styles);
    else {
      const prev = chars[i - 1]!.styles;
      if (!sameStyles(prev, char.styles)) ret += ansiCodesToString(diffAnsiCodes(prev, char.styles));
    }
    ret += char.value;
    // Reset the styles still active at the end of the line.
    if (i === chars.length - 1 && char.styles.length > 0) ret += ansiCodesToString(diffAnsiCodes(char.styles, []));
  }
  return ret;
}
