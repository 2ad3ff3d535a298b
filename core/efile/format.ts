/** Text formats of the e-file as pure functions: canonical JSON, CSV, HTML escaping. */

/**
 * Plain JSON with object keys sorted at every level; `undefined` fields dropped. Ends with a newline.
 * Values nested `compactDepth` levels deep are written on one line each (long record lists stay
 * readable, one record per line, and several times smaller and faster than fully indented JSON).
 */
export function stableJson(value: unknown, compactDepth = Infinity): string {
  return collect((out) => writeStableJson(out, value, compactDepth));
}

/** Where a long text goes piece by piece (the shell encodes each piece at once: no giant string is built). */
export type TextSink = (piece: string) => void;

/**
 * A list written like an array whose items are made as they are written, one at a time: a long
 * entry (33,000 history lines) never holds an array of them all.
 */
export class LazyList<T> {
  constructor(
    readonly length: number,
    readonly at: (index: number) => T,
  ) {}

  /** The items as an array (where a list is written inside a compact line). */
  toArray(): T[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }
}

/** A LazyList of `length` items made by `at`. */
export function lazyList<T>(length: number, at: (index: number) => T): LazyList<T> {
  return new LazyList(length, at);
}

/** The pieces a writer gives, as one string. */
export function collect(write: (out: TextSink) => void): string {
  const pieces: string[] = [];
  write((p) => pieces.push(p));
  return pieces.join('');
}

/** stableJson, given to `out` in pieces (one per record line of compact lists). */
export function writeStableJson(out: TextSink, value: unknown, compactDepth = Infinity): void {
  pretty(out, value, 0, compactDepth);
  out('\n');
}

const isIndex = (k: string) => /^(?:0|[1-9]\d*)$/.test(k) && Number(k) < 4294967295;

/**
 * Defined fields of an object in the order a key-sorted copy of it has: array-index keys first,
 * ascending (JavaScript orders them so in every object), then the others sorted by code unit.
 */
function sortedKeys(v: object): string[] {
  const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
  // Object.keys lists index keys first, ascending, already.
  const indexes = keys.filter(isIndex);
  return indexes.length === 0 ? keys.sort() : [...indexes, ...keys.filter((k) => !isIndex(k)).sort()];
}

function pretty(out: TextSink, v: unknown, depth: number, compactDepth: number): void {
  if (v instanceof LazyList) return prettyList(out, v, depth, compactDepth);
  if (depth >= compactDepth || v === null || typeof v !== 'object') return out(compact(v));
  if (Array.isArray(v)) return prettyList(out, v, depth, compactDepth);
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  const keys = sortedKeys(v);
  if (keys.length === 0) return out('{}');
  out('{\n');
  keys.forEach((k, i) => {
    out(`${i ? ',\n' : ''}${pad}${JSON.stringify(k)}: `);
    pretty(out, (v as Record<string, unknown>)[k], depth + 1, compactDepth);
  });
  out(`\n${end}}`);
}

/** An array (or LazyList) at `depth`, one item per line. */
function prettyList(out: TextSink, v: readonly unknown[] | LazyList<unknown>, depth: number, compactDepth: number): void {
  if (depth >= compactDepth) return out(compact(v instanceof LazyList ? v.toArray() : v));
  const item = v instanceof LazyList ? v.at : (i: number) => v[i];
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (v.length === 0) return out('[]');
  out('[\n');
  if (depth + 1 >= compactDepth) {
    // Long record lists: one line per record, records of one shape share one key order.
    const copy = new SortedCopy();
    for (let i = 0; i < v.length; i++) out(`${i ? ',\n' : ''}${pad}${copy.compact(item(i))}`);
  } else
    for (let i = 0; i < v.length; i++) {
      out(i ? `,\n${pad}` : pad);
      pretty(out, item(i), depth + 1, compactDepth);
    }
  out(`\n${end}]`);
}

/** One-line JSON with sorted keys (what JSON.stringify of a key-sorted copy gives). */
function compact(v: unknown): string {
  return new SortedCopy().compact(v);
}

/** Thrown when a `__proto__` key turns up: a plain object copy cannot hold it as its own. */
const PROTO_KEY = Symbol('__proto__');

/**
 * Key-sorted copies of JSON data, for JSON.stringify's native fast path: copies made in the same
 * key order share one object shape, and objects with the same keys as the one before (record
 * lists) reuse its sorted key list instead of sorting again.
 */
class SortedCopy {
  private lastKeys: string[] = [];
  private lastSorted: string[] = [];
  /** Whether `lastKeys` are in sorted order already (records made in that order need no copy). */
  private lastInOrder = false;

  /** JSON.stringify of the key-sorted copy of `v` ('null' where JSON.stringify gives nothing). */
  compact(v: unknown): string {
    if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
    try {
      return JSON.stringify(this.copy(v)) ?? 'null';
    } catch (err) {
      if (err === PROTO_KEY) return compactEach(v);
      throw err;
    }
  }

  /**
   * The key-sorted copy of `v`, or `v` itself where JSON.stringify gives the same for both: its
   * keys in order already, no toJSON, and only primitives or arrays of primitives in it.
   */
  private copy(v: object): unknown {
    if (v instanceof LazyList) return this.copy(v.toArray());
    if (Array.isArray(v)) return primitiveArray(v) ? v : v.map((x: unknown) => (x !== null && typeof x === 'object' ? this.copy(x) : x));
    const src = v as Record<string, unknown>;
    const sorted = this.order(Object.keys(src));
    if (this.lastInOrder && !('toJSON' in src) && flatValues(src, sorted)) return src;
    const out: Record<string, unknown> = {};
    for (const k of sorted) {
      const x = src[k];
      out[k] = x !== null && typeof x === 'object' ? this.copy(x) : x;
    }
    return out;
  }

  /** `keys` (Object.keys order: index keys first, ascending) with the others sorted by code unit. */
  private order(keys: string[]): string[] {
    const last = this.lastKeys;
    if (sameKeys(keys, last)) return this.lastSorted;
    let firstName = 0;
    while (firstName < keys.length && isIndex(keys[firstName]!)) firstName++;
    const sorted = firstName === 0 ? [...keys].sort() : [...keys.slice(0, firstName), ...keys.slice(firstName).sort()];
    if (sorted.includes('__proto__')) throw PROTO_KEY;
    this.lastKeys = keys;
    this.lastSorted = sorted;
    this.lastInOrder = sorted.every((k, i) => k === keys[i]);
    return sorted;
  }
}

const isPrimitive = (x: unknown): boolean => x === null || typeof x !== 'object';

// The checks below run for every record of a 10-year e-file (~55,000): plain loops, no callbacks.

/** An array JSON.stringify writes as its copy: primitives only, no toJSON. */
function primitiveArray(a: readonly unknown[]): boolean {
  if ('toJSON' in a) return false;
  for (let i = 0; i < a.length; i++) if (!isPrimitive(a[i])) return false;
  return true;
}

/** Whether every value of `src` under `keys` is a primitive or an array of primitives. */
function flatValues(src: Record<string, unknown>, keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) {
    const x = src[keys[i]!];
    if (!isPrimitive(x) && !(Array.isArray(x) && primitiveArray(x))) return false;
  }
  return true;
}

/** The same keys in the same order. */
function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** compact() key by key, for the rare data the key list cannot serve. */
function compactEach(v: unknown): string {
  if (v instanceof LazyList) return compactEach(v.toArray());
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + (v[i] === undefined ? 'null' : compactEach(v[i]));
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  for (const k of sortedKeys(v)) {
    out += `${first ? '' : ','}${JSON.stringify(k)}:${compactEach((v as Record<string, unknown>)[k])}`;
    first = false;
  }
  return `${out}}`;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document: header + rows, CRLF line ends (RFC 4180). */
export function csv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return collect((out) => writeCsv(out, header, rows));
}

/** csv(), given to `out` one line at a time; rows as an array or a LazyList (made as written). */
export function writeCsv(out: TextSink, header: readonly string[], rows: readonly (readonly unknown[])[] | LazyList<readonly unknown[]>): void {
  out(csvLine(header));
  const row = rows instanceof LazyList ? rows.at : (i: number) => rows[i]!;
  for (let i = 0; i < rows.length; i++) out(csvLine(row(i)));
}

/** A line's fields, reused from line to line (a CSV of ten years has 55,000 lines). */
const lineFields: string[] = [];

/**
 * One CSV line with its CRLF (`r.map(csvField).join(',')`): joined once, not built field by field
 * (16 intermediate strings a line, most of them short enough to be copied whole).
 */
function csvLine(r: readonly unknown[]): string {
  lineFields.length = r.length;
  for (let i = 0; i < r.length; i++) lineFields[i] = csvField(r[i]);
  return `${lineFields.join(',')}\r\n`;
}

/** Escapes text for HTML content and attribute values. */
export function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A string as a safe file-name part (ids are already safe; this guards anything else). */
export function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80) || '_';
}

/** Compares strings by code unit (locale-free, so the order never depends on the machine). */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
