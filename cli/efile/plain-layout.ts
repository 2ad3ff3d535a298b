/**
 * Text layout without shaping, where shaping provably does nothing more than kern. pdfkit lays out
 * every new word through fontkit's GSUB/GPOS engine (~60 µs each, even warm; in a fresh process the
 * engine's tables and code cost more) and caches it per word and process.
 *
 * A character is *simple* in a font when no lookup fontkit's default shaper can apply, other than
 * pair positioning (kerning), can act on a run made only of simple characters: its glyph is in no
 * coverage of such a substitution (GSUB) or positioning (GPOS) subtable — every OpenType lookup
 * first matches the current glyph against its coverage — unless the subtable is contextual and its
 * context asks for a glyph no simple character has (a combining mark after an i); it is no mark or
 * ligature glyph and no default-ignorable. The candidates are Latin and Common script only, so the
 * run is left to right whatever fontkit detects. Pair positioning acts on each glyph and the next
 * alone, so a word of simple characters is laid out as fontkit does it: each character's cmap glyph
 * at its advance width plus its pair's kerning. For the fonts APSis embeds the kerning of every pair
 * is kept (known-layout.ts, measured with fontkit itself); for any other font only the *plain*
 * characters are used — simple ones of which no pair kerns — found from its tables as it is first
 * used. test/efile/plain-layout.test.ts compares the result with fontkit's own layout.
 */

import { createHash } from 'node:crypto';
import { KNOWN_KERNING } from './known-layout.js';
import type { KnownKerning } from './known-layout.js';

/** This module's file: part of the renderer's identity (pdf.ts `rendererIdentity`). */
export const PLAIN_LAYOUT_MODULE = import.meta.url;

/** A fontkit glyph, as pdfkit uses it. */
interface Glyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}
type Coverage = { readonly version: 1; readonly glyphs: readonly number[] } | { readonly version: 2; readonly rangeRecords: readonly { readonly start: number; readonly end: number }[] };
type ClassDef = { readonly version: 1; readonly startGlyph: number; readonly classValueArray: readonly number[] } | { readonly version: 2; readonly classRangeRecord: readonly { readonly start: number; readonly end: number; readonly class: number }[] };
interface ValueRecord {
  readonly xAdvance?: number;
  readonly yAdvance?: number;
  readonly xPlacement?: number;
  readonly yPlacement?: number;
}
interface LazyList<T> {
  get(i: number): T;
  toArray(): T[];
}
/** A lookup subtable of either table, with the fields fontkit 2 decodes (only some exist per type). */
interface Subtable {
  readonly version?: number;
  readonly lookupType?: number;
  readonly extension?: Subtable;
  readonly coverage?: Coverage;
  readonly markCoverage?: Coverage;
  readonly baseCoverage?: Coverage;
  readonly ligatureCoverage?: Coverage;
  readonly mark1Coverage?: Coverage;
  readonly mark2Coverage?: Coverage;
  readonly coverages?: readonly Coverage[];
  readonly inputCoverage?: readonly Coverage[];
  readonly backtrackCoverage?: readonly Coverage[];
  readonly lookaheadCoverage?: readonly Coverage[];
  // Chained contextual, format 2 (by classes).
  readonly backtrackClassDef?: ClassDef;
  readonly inputClassDef?: ClassDef;
  readonly lookaheadClassDef?: ClassDef;
  readonly chainClassSet?: readonly (readonly { readonly backtrack: readonly number[]; readonly input: readonly number[]; readonly lookahead: readonly number[] }[] | null)[];
  // Pair positioning, formats 1 and 2.
  readonly pairSets?: LazyList<LazyList<{ readonly secondGlyph: number; readonly value1?: ValueRecord; readonly value2?: ValueRecord }>>;
  readonly classDef1?: ClassDef;
  readonly classDef2?: ClassDef;
  readonly classRecords?: LazyList<LazyList<{ readonly value1?: ValueRecord; readonly value2?: ValueRecord }>>;
}
interface OtScript {
  readonly tag: string;
  readonly script: { readonly defaultLangSys?: { readonly reqFeatureIndex?: number; readonly featureIndexes: readonly number[] } };
}
interface OtTable {
  readonly scriptList: readonly OtScript[];
  readonly featureList: readonly { readonly tag: string; readonly feature?: { readonly lookupListIndexes: readonly number[] } }[];
  readonly lookupList: LazyList<{ readonly lookupType: number; readonly flags?: { readonly ignoreBaseGlyphs?: boolean; readonly ignoreLigatures?: boolean }; readonly subTables: readonly Subtable[] }>;
}
interface FontkitFont {
  readonly GSUB?: OtTable;
  readonly GPOS?: OtTable;
  readonly GDEF?: { readonly glyphClassDef?: ClassDef };
  readonly kern?: { readonly version: number; readonly tables: readonly { readonly format: number; readonly subtable: { readonly pairs: readonly { readonly left: number; readonly right: number; readonly value: number }[] } }[] };
  readonly morx?: unknown;
  readonly _variationProcessor?: unknown;
  readonly _cmapProcessor: { lookup(codePoint: number): number };
  /** The font file's bytes. */
  readonly stream?: { readonly buffer?: Uint8Array };
  glyphForCodePoint(codePoint: number): Glyph;
}

/**
 * Printable ASCII, Latvian letters and the punctuation of notes and work sheets (all Latin or Common
 * script), the most used first: where a pair of them kerns, the later one is left to fontkit.
 */
const CANDIDATES: readonly number[] = [
  ...new Set([...'0123456789-:–…., /()', ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)), ...'āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽäöüõÄÖÜÕ—→·„“”«»€§°№']),
].map((c) => c.charCodeAt(0));

const LOOKUP_TYPES = { GSUB: { extension: 7 }, GPOS: { extension: 9, pair: 2 } } as const;

function covers(c: Coverage, gid: number): boolean {
  return c.version === 1 ? c.glyphs.includes(gid) : c.rangeRecords.some((r) => r.start <= gid && gid <= r.end);
}

/** fontkit's coverage index (pair sets are indexed by it). */
function coverageIndex(c: Coverage, gid: number): number {
  if (c.version === 1) return c.glyphs.indexOf(gid);
  let at = 0;
  for (const r of c.rangeRecords as readonly { start: number; end: number; startCoverageIndex?: number }[]) {
    if (r.start <= gid && gid <= r.end) return (r.startCoverageIndex ?? at) + gid - r.start;
    at += r.end - r.start + 1;
  }
  return -1;
}

/** fontkit's class of a glyph (0 when unlisted). */
function classOf(d: ClassDef, gid: number): number {
  if (d.version === 1) return d.classValueArray[gid - d.startGlyph] ?? 0;
  return d.classRangeRecord.find((r) => r.start <= gid && gid <= r.end)?.class ?? 0;
}

const zero = (v: ValueRecord | undefined): boolean => !v || (!v.xAdvance && !v.yAdvance && !v.xPlacement && !v.yPlacement);

/**
 * The coverages a lookup of `type` matches the current glyph against before it does anything (for
 * contextual lookups of format 3: every input position's, a superset); null for a kind not known here.
 */
function gatingCoverages(table: 'GSUB' | 'GPOS', type: number, st: Subtable): readonly (Coverage | undefined)[] | null {
  const context = table === 'GSUB' ? type === 5 : type === 7;
  const chained = table === 'GSUB' ? type === 6 : type === 8;
  if (context) return st.version === 3 ? (st.coverages ?? null) : [st.coverage];
  if (chained) return st.version === 3 ? (st.inputCoverage ?? null) : [st.coverage];
  if (table === 'GSUB') return [1, 2, 3, 4, 8].includes(type) ? [st.coverage] : null;
  if (type === 4 || type === 5) return [st.markCoverage];
  if (type === 6) return [st.mark1Coverage];
  return [1, 2, 3].includes(type) ? [st.coverage] : null;
}

/**
 * Whether a contextual lookup can never match a run of `gids`' glyphs: of format 3 (a coverage per
 * position, context included), some position no glyph of them fills; chained of format 2 (classes),
 * every rule asks somewhere for a class none of them has. Other formats: false. (The set only
 * shrinks afterwards: still true for the final one.)
 */
function neverFires(table: 'GSUB' | 'GPOS', type: number, st: Subtable, gids: ReadonlyMap<number, number>): boolean {
  const context = table === 'GSUB' ? type === 5 : type === 7;
  const chained = table === 'GSUB' ? type === 6 : type === 8;
  if (!(context || chained)) return false;
  const glyphs = [...new Set(gids.values())];
  if (st.version === 3) {
    const positions = context ? st.coverages : [...(st.backtrackCoverage ?? []), ...(st.inputCoverage ?? []), ...(st.lookaheadCoverage ?? [])];
    return positions !== undefined && positions.some((c) => !glyphs.some((g) => covers(c, g)));
  }
  // Chained, by classes: each rule of the classes its first glyph can have asks for a class no
  // glyph of `gids` has at some position (fontkit: an unlisted glyph is of class 0).
  if (st.version !== 2 || !chained || !st.coverage || !st.backtrackClassDef || !st.inputClassDef || !st.lookaheadClassDef || !st.chainClassSet) return false;
  const classes = (d: ClassDef) => new Set(glyphs.map((g) => classOf(d, g)));
  const back = classes(st.backtrackClassDef);
  const input = classes(st.inputClassDef);
  const ahead = classes(st.lookaheadClassDef);
  for (const g of glyphs) {
    if (!covers(st.coverage, g)) continue;
    for (const rule of st.chainClassSet[classOf(st.inputClassDef, g)] ?? []) {
      if (rule.backtrack.every((c) => back.has(c)) && rule.input.every((c) => input.has(c)) && rule.lookahead.every((c) => ahead.has(c))) return false;
    }
  }
  return true;
}

/** fontkit's fallback when a font has no entry for a run's script. */
const DEFAULT_SCRIPTS = ['DFLT', 'dflt', 'latn'];

/**
 * The pairs (first, second) of `gids` to which pair positioning subtable `st` gives a nonzero value
 * (fontkit: the first glyph in its coverage, the second the next one); null for a format not known here.
 * Class-based values are read once per pair of classes: decoding them all costs ~0.1 s.
 */
function movingPairs(st: Subtable, gids: readonly number[]): [number, number][] | null {
  const cov = st.coverage;
  if (!cov) return null;
  const firsts = gids.filter((g) => coverageIndex(cov, g) >= 0);
  const pairs: [number, number][] = [];
  if (st.version === 1 && st.pairSets) {
    const wanted = new Set(gids);
    for (const a of firsts) for (const p of st.pairSets.get(coverageIndex(cov, a)).toArray()) if (wanted.has(p.secondGlyph) && !(zero(p.value1) && zero(p.value2))) pairs.push([a, p.secondGlyph]);
    return pairs;
  }
  if (st.version !== 2 || !st.classDef1 || !st.classDef2 || !st.classRecords) return null;
  const group = (list: readonly number[], d: ClassDef) => {
    const m = new Map<number, number[]>();
    for (const g of list) {
      const c = classOf(d, g);
      const l = m.get(c);
      if (l) l.push(g);
      else m.set(c, [g]);
    }
    return m;
  };
  const seconds = group(gids, st.classDef2);
  for (const [c1, as] of group(firsts, st.classDef1)) {
    const row = st.classRecords.get(c1);
    for (const [c2, bs] of seconds) {
      const rec = row.get(c2);
      if (!(zero(rec?.value1) && zero(rec?.value2))) for (const x of as) for (const y of bs) pairs.push([x, y]);
    }
  }
  return pairs;
}

/**
 * The *simple* characters of a parsed font (code → glyph id): no lookup but pair positioning can
 * act on a run made only of them. Null when its tables are not of a kind this understands. With
 * them, the pair positioning subtables that can (the kerning), in lookup order.
 */
function findSimple(f: FontkitFont): { readonly gids: Map<number, number>; readonly pairTables: readonly Subtable[] } | null {
  // AAT fonts, variable fonts and fonts without GPOS take other paths in fontkit.
  if (f.morx || f._variationProcessor || !f.GPOS) return null;
  const gids = new Map<number, number>();
  for (const code of CANDIDATES) {
    const gid = f._cmapProcessor.lookup(code);
    // Marks (class 3) and ligatures (class 2) are skipped by some lookups: runs of them are not pairwise.
    const cls = f.GDEF?.glyphClassDef ? classOf(f.GDEF.glyphClassDef, gid) : 0;
    if (gid !== 0 && cls !== 2 && cls !== 3) gids.set(code, gid);
  }
  const pairTables: Subtable[] = [];
  for (const table of ['GSUB', 'GPOS'] as const) {
    const types = LOOKUP_TYPES[table];
    const t = f[table];
    if (!t) continue;
    const reachable = reachableLookups(t);
    if (!reachable) return null;
    for (const index of reachable) {
      const lookup = t.lookupList.get(index);
      if (!lookup) return null;
      for (let st of lookup.subTables) {
        let type = lookup.lookupType;
        if (type === types.extension) {
          if (!st.extension || st.lookupType === undefined) return null;
          type = st.lookupType;
          st = st.extension;
        }
        if ('pair' in types && type === types.pair) {
          // A pair lookup that skips base glyphs or ligatures could pair glyphs that are not neighbours.
          if (lookup.flags?.ignoreBaseGlyphs || lookup.flags?.ignoreLigatures) return null;
          pairTables.push(st);
          continue;
        }
        const covs = gatingCoverages(table, type, st);
        if (!covs || covs.length === 0 || covs.some((c) => c === undefined)) return null;
        // A contextual lookup whose context asks, somewhere, for a glyph that is not simple (a
        // combining mark after an i) never fires on a run of simple glyphs: it gates nothing.
        if (neverFires(table, type, st, gids)) continue;
        for (const [code, gid] of gids) if (covs.some((c) => covers(c!, gid))) gids.delete(code);
      }
    }
  }
  return { gids, pairTables };
}

/** The plain character codes of a parsed font (empty when its tables are not of a kind this understands). */
export function findPlain(font: object): Set<number> {
  const f = font as FontkitFont;
  const simple = findSimple(f);
  if (!simple) return new Set();
  const { gids, pairTables } = simple;
  // Pairs that move: of each, the later candidate goes (digits and date punctuation come first).
  const moving: [number, number][] = [];
  const plainGids = [...new Set(gids.values())];
  for (const st of pairTables) {
    const pairs = movingPairs(st, plainGids);
    if (!pairs) return new Set();
    moving.push(...pairs);
  }
  // fontkit applies the old kern table only when the script's GPOS features have no kern.
  if (f.kern && !gposKerns(f.GPOS!)) {
    if (f.kern.version !== 0 || f.kern.tables.some((t) => t.format !== 0)) return new Set();
    const wanted = new Set(plainGids);
    for (const t of f.kern.tables) for (const p of t.subtable.pairs) if (p.value !== 0 && wanted.has(p.left) && wanted.has(p.right)) moving.push([p.left, p.right]);
  }
  const rank = new Map<number, number>();
  CANDIDATES.forEach((code, i) => {
    const gid = gids.get(code);
    if (gid !== undefined && !rank.has(gid)) rank.set(gid, i);
  });
  const out = new Set(plainGids);
  for (const [a, b] of moving) if (out.has(a) && out.has(b)) out.delete(rank.get(a)! > rank.get(b)! ? a : b);
  for (const [code, gid] of gids) if (!out.has(gid)) gids.delete(code);
  return new Set(gids.keys());
}

/**
 * Measures a font's kerning of simple characters with fontkit itself: every pair laid out as a
 * two-letter word. With only pair positioning acting on them (findSimple), a longer word's
 * layout is each letter at its advance plus the kerning of it and the next. ~0.4 s a font: done once,
 * kept in known-layout.ts and checked by test/efile/plain-layout.test.ts.
 */
export function measureKerning(font: object): KnownKerning | null {
  const f = font as FontkitFont & { layout(text: string): { glyphs: readonly Glyph[]; positions: readonly { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] } };
  const simple = findSimple(f);
  if (!simple) return null;
  const codes = [...simple.gids.keys()];
  let pairs = '';
  let complex = '';
  for (const a of codes) {
    for (const b of codes) {
      const text = String.fromCharCode(a, b);
      const run = f.layout(text);
      const ga = f.glyphForCodePoint(a);
      const gb = f.glyphForCodePoint(b);
      const [p, q] = run.positions;
      const same = run.glyphs.length === 2 && run.glyphs[0]!.id === ga.id && run.glyphs[1]!.id === gb.id;
      if (!same || !p || !q || p.yAdvance || p.xOffset || p.yOffset || q.yAdvance || q.xOffset || q.yOffset || q.xAdvance !== gb.advanceWidth) complex += text;
      else if (p.xAdvance !== ga.advanceWidth) pairs += `${text}${p.xAdvance - ga.advanceWidth};`;
    }
  }
  return { simple: String.fromCharCode(...codes), pairs, complex };
}

/**
 * The script entries fontkit's selectScript picks for a run of plain characters: for 'latn' (a
 * Latin letter in it) and for 'zzzz' (none: its fallback list); null when there is no fallback
 * (fontkit would keep whatever script the run before had).
 */
function plainScripts(t: OtTable): readonly OtScript[] | null {
  const find = (tags: readonly string[]) => {
    for (const tag of tags) for (const e of t.scriptList) if (e.tag === tag) return e;
    return null;
  };
  const fallback = find(DEFAULT_SCRIPTS);
  return fallback ? [find(['latn']) ?? fallback, fallback] : null;
}

/**
 * The features fontkit's default shaper (Latin and Common script) can switch on, pdfkit asking for
 * none of its own: fontkit's VARIATION, DIRECTIONAL (ltr), FRACTIONAL, COMMON and HORIZONTAL features.
 */
const SHAPER_FEATURES: ReadonlySet<string> = new Set(['rvrn', 'ltra', 'ltrm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern']);

/**
 * The lookups the shaper's features (and a required one) of those scripts' default language systems
 * (pdfkit names no language) can apply. Lookups that contextual ones call apply only where those
 * fire, which their own coverage decides.
 */
function reachableLookups(t: OtTable): number[] | null {
  const scripts = plainScripts(t);
  if (!scripts) return null;
  const lookups = new Set<number>();
  for (const e of scripts) {
    const ls = e.script.defaultLangSys;
    if (!ls) continue;
    const required = ls.reqFeatureIndex !== undefined && ls.reqFeatureIndex !== 0xffff ? ls.reqFeatureIndex : null;
    for (const i of required === null ? ls.featureIndexes : [required, ...ls.featureIndexes]) {
      const entry = t.featureList[i];
      if (!entry?.feature) return null;
      if (i !== required && !SHAPER_FEATURES.has(entry.tag)) continue;
      for (const l of entry.feature.lookupListIndexes) lookups.add(l);
    }
  }
  return [...lookups].sort((a, b) => a - b);
}

/** Whether GPOS has a kern feature for each script a run of plain characters can get. */
function gposKerns(gpos: OtTable): boolean {
  return plainScripts(gpos)?.every((e) => e.script.defaultLangSys?.featureIndexes.some((i) => gpos.featureList[i]?.tag === 'kern') ?? false) ?? false;
}

const plainByFont = new WeakMap<object, ReadonlySet<number>>();

/** The SHA-256 of a parsed font's file, when fontkit kept its bytes. */
export function fontFileHash(font: object): string | null {
  const bytes = (font as FontkitFont).stream?.buffer;
  return bytes ? createHash('sha256').update(bytes).digest('hex') : null;
}

/** The character codes of `font` (a parsed fontkit font) whose words need no shaping; found once per font. */
export function plainCodes(font: object): ReadonlySet<number> {
  let set = plainByFont.get(font);
  if (!set) plainByFont.set(font, (set = findPlain(font)));
  return set;
}

/** A laid-out word as pdfkit's EmbeddedFont keeps it: positions in its 1000-unit scale. */
export interface PdfkitRun {
  readonly glyphs: readonly Glyph[];
  readonly positions: readonly { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  readonly advanceWidth: number;
}

/** How a font's words are laid out here: which characters, the kerning of their pairs, the pairs left to fontkit. */
interface WordLayout {
  readonly simple: ReadonlySet<number>;
  /** Pair (first × 65536 + second) → the first's advance change in font units. */
  readonly kern: ReadonlyMap<number, number>;
  readonly complex: ReadonlySet<number>;
}

const layoutByFont = new WeakMap<object, WordLayout>();

/** A known font's kerned layout (known-layout.ts), else its plain characters alone (they never kern). */
function wordLayout(font: object): WordLayout {
  let w = layoutByFont.get(font);
  if (!w) {
    const hash = fontFileHash(font);
    const known = hash === null ? undefined : KNOWN_KERNING[hash];
    w = known ? parseKerning(known) : { simple: plainCodes(font), kern: new Map(), complex: new Set() };
    layoutByFont.set(font, w);
  }
  return w;
}

function parseKerning(k: KnownKerning): WordLayout {
  const kern = new Map<number, number>();
  for (let i = 0; i < k.pairs.length; ) {
    const end = k.pairs.indexOf(';', i + 2);
    kern.set(k.pairs.charCodeAt(i) * 65536 + k.pairs.charCodeAt(i + 1), Number(k.pairs.slice(i + 2, end)));
    i = end + 1;
  }
  const complex = new Set<number>();
  for (let i = 0; i + 1 < k.complex.length; i += 2) complex.add(k.complex.charCodeAt(i) * 65536 + k.complex.charCodeAt(i + 1));
  return { simple: new Set(Array.from(k.simple, (c) => c.charCodeAt(0))), kern, complex };
}

/**
 * What pdfkit's `layoutRun(text)` gives (fontkit's layout, scaled by `scale`) when every character
 * of `text` is simple (plain, for a font whose kerning is not known here) and no pair of them is
 * left to fontkit; null otherwise. The same glyph objects, the same numbers, summed in the same order.
 */
export function plainRun(font: object, scale: number, text: string): PdfkitRun | null {
  const w = wordLayout(font);
  for (let i = 0; i < text.length; i++) if (!w.simple.has(text.charCodeAt(i))) return null;
  if (w.complex.size > 0) for (let i = 0; i + 1 < text.length; i++) if (w.complex.has(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1))) return null;
  const f = font as FontkitFont;
  const glyphs: Glyph[] = [];
  const positions: PdfkitRun['positions'][number][] = [];
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const g = f.glyphForCodePoint(c);
    // fontkit's position: the glyph's advance plus its kerning with the next, in font units; pdfkit scales both.
    const kern = i + 1 < text.length ? (w.kern.get(c * 65536 + text.charCodeAt(i + 1)) ?? 0) : 0;
    const xAdvance = (g.advanceWidth + kern) * scale;
    glyphs.push(g);
    positions.push({ xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: g.advanceWidth * scale });
    width += xAdvance;
  }
  return { glyphs, positions, advanceWidth: width };
}

/** pdfkit's EmbeddedFont: the parsed font, its scale and its per-word layout cache. */
interface EmbeddedFont {
  readonly font: object;
  readonly scale: number;
  layoutCache?: Record<string, unknown>;
  layoutCached(text: string): unknown;
}

/** Makes a pdfkit EmbeddedFont (a document's `_font`) lay out plain words without shaping; its other words as before. */
export function layoutPlainWords(embedded: object): void {
  const e = embedded as EmbeddedFont;
  if (typeof e.layoutCached !== 'function' || wordLayout(e.font).simple.size === 0) return;
  const shaped = e.layoutCached.bind(e);
  e.layoutCached = (text: string): unknown => {
    const cache = e.layoutCache;
    const hit = cache?.[text];
    if (hit) return hit;
    const run = plainRun(e.font, e.scale, text);
    if (!run) return shaped(text);
    if (cache) cache[text] = run;
    return run;
  };
}
