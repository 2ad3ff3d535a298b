/**
 * A grapheme segmenter for the bundle's terminal-text libraries (Ink's ANSI tokenizer, slice-ansi):
 * text of one-code-unit graphemes only (controls but CR, ASCII, Latin-1, Latin Extended with
 * Latvian, common punctuation, box drawing) is split per character without ICU, whose first use
 * costs ~20 ms of the first frame; any other text goes to Intl.Segmenter.
 * test/tui/fast-segmenter.test.ts checks both agree on every character of the fast path.
 */

/** Characters that are each a grapheme of their own, whatever stands next to them. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
export const SINGLE_UNIT_GRAPHEMES = /^[\u0000-\u000C\u000E-\u007E\u00A0-\u024F\u2010-\u2027\u2039\u203A\u2190-\u2193\u2500-\u257F]*$/;

interface Segment {
  readonly segment: string;
  readonly index: number;
  readonly input: string;
}

/** What `segment()` returns: iterable, with `containing(index)`. */
class UnitSegments implements Iterable<Segment> {
  constructor(private readonly input: string) {}
  containing(index = 0): Segment | undefined {
    const i = Math.trunc(Number(index) || 0);
    return i >= 0 && i < this.input.length ? { segment: this.input[i]!, index: i, input: this.input } : undefined;
  }
  *[Symbol.iterator](): Iterator<Segment> {
    for (let i = 0; i < this.input.length; i++) yield { segment: this.input[i]!, index: i, input: this.input };
  }
}

/** Drop-in for `new Intl.Segmenter(locale, { granularity: 'grapheme' })`. */
export class FastGraphemeSegmenter {
  private real: Intl.Segmenter | null = null;
  constructor(
    private readonly locales?: string | string[],
    private readonly options?: Intl.SegmenterOptions,
  ) {}
  segment(input: string): Iterable<Segment> & { containing(index?: number): Segment | undefined } {
    if ((this.options?.granularity ?? 'grapheme') === 'grapheme' && SINGLE_UNIT_GRAPHEMES.test(input)) return new UnitSegments(input);
    this.real ??= new Intl.Segmenter(this.locales, this.options);
    return this.real.segment(input);
  }
  resolvedOptions(): Intl.ResolvedSegmenterOptions {
    this.real ??= new Intl.Segmenter(this.locales, this.options);
    return this.real.resolvedOptions();
  }
}
