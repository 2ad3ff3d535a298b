/**
 * The e-file's text writers (core/efile/format.ts, cli/efile/utf8-sink.ts) against plain reference
 * implementations, on seeded random data: unicode, quotes, commas, line breaks, control characters,
 * lone surrogates, nulls, odd numbers, index-like and `__proto__` keys, nested arrays, record lists
 * of one shape and of many. The writers take shortcuts for speed; these tests prove they give the
 * same text as the obvious code.
 */
import { describe, expect, test } from 'vitest';
import { utf8Of } from '../../cli/efile/utf8-sink.js';
import { csv, lazyList, stableJson, writeCsv, writeStableJson } from '../../core/efile/format.js';
import { createRng, testSeed } from '../helpers/rng.js';

type Rng = () => number;

/** A key-sorted deep copy, undefined fields dropped: what stableJson must write. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  // fromEntries makes own properties (also `__proto__`) and puts index keys first, ascending.
  return Object.fromEntries(
    Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => [k, sorted(o[k])]),
  );
}

/** The reference stableJson: indented JSON of the sorted copy, one line per value `compactDepth` deep. */
function referenceJson(v: unknown, compactDepth: number): string {
  const write = (x: unknown, depth: number): string => {
    if (depth >= compactDepth || x === null || typeof x !== 'object') return JSON.stringify(sorted(x)) ?? 'null';
    const pad = '  '.repeat(depth + 1);
    const end = '  '.repeat(depth);
    if (Array.isArray(x)) return x.length === 0 ? '[]' : `[\n${x.map((item) => pad + write(item, depth + 1)).join(',\n')}\n${end}]`;
    const copy = sorted(x) as Record<string, unknown>;
    const keys = Object.keys(copy);
    // The original's values (a Date inside stays a Date for the line writer below it).
    const o = x as Record<string, unknown>;
    return keys.length === 0 ? '{}' : `{\n${keys.map((k) => `${pad}${JSON.stringify(k)}: ${write(o[k], depth + 1)}`).join(',\n')}\n${end}}`;
  };
  return `${write(v, 0)}\n`;
}

const TEXTS = ['', 'a', 'ā', 'Ž', 'Ģertrūdes iela 5, Rīga', 'say "hi"', 'back\\slash', 'x,y', 'line\nbreak', 'cr\r\nlf', 'cr\r', 'tab\t', '\u0000', '\u001f', '\u007f', '\u2028', '😀', '\ud83d', '\ude00', '€', '},{', '":', 'null'];
const KEYS = ['id', 'at', 'note', 'path', 'b', 'a', 'Z', 'ž', '', '0', '2', '10', '9', '01', '4294967295', '4294967294', '__proto__', 'toJSON', 'userName'];
const NUMBERS = [0, -0, 1, -3, 1.5, 1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity];

function text(rnd: Rng): string {
  let s = '';
  const n = Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) s += TEXTS[Math.floor(rnd() * TEXTS.length)];
  return s;
}

function pick<T>(rnd: Rng, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

/** A random JSON-like value (plus undefined and the odd Date), at most `depth` levels of nesting. */
function value(rnd: Rng, depth: number): unknown {
  const r = rnd();
  if (depth <= 0 || r < 0.45) {
    const k = Math.floor(rnd() * 7);
    return k === 0 ? null : k === 1 ? undefined : k === 2 ? rnd() < 0.5 : k === 3 ? pick(rnd, NUMBERS) : k === 4 && rnd() < 0.1 ? new Date(0) : text(rnd);
  }
  if (r < 0.7) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(rnd, depth - 1));
  return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 5) }, () => [pick(rnd, KEYS), value(rnd, depth - 1)]));
}

/** A record list: mostly one shape (as the e-file's lists are), in sorted key order or not, flat or nested. */
function records(rnd: Rng): Record<string, unknown>[] {
  const shapes = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => {
    const keys = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => pick(rnd, KEYS)))];
    return rnd() < 0.4 ? keys.sort() : keys;
  });
  const flat = rnd() < 0.6;
  return Array.from({ length: Math.floor(rnd() * 30) }, () => {
    const shape = rnd() < 0.85 ? shapes[0]! : pick(rnd, shapes);
    return Object.fromEntries(shape.map((k) => [k, flat ? (rnd() < 0.2 ? [text(rnd), null, 1] : value(rnd, 0)) : value(rnd, 2)]));
  });
}

describe('stableJson and writeStableJson against the reference (seeded)', () => {
  test('random values at every compact depth, whole and in pieces, as text and as UTF-8', () => {
    const seed = testSeed();
    console.log(`format json seed ${seed}`);
    const rnd = createRng(seed);
    for (let round = 0; round < 400; round++) {
      const v = value(rnd, 5);
      for (const depth of [0, 1, 2, 3, Infinity]) {
        const expected = referenceJson(v, depth);
        const where = `seed ${seed}, round ${round}, compact depth ${depth}`;
        expect(stableJson(v, depth), where).toBe(expected);
        const pieces: string[] = [];
        writeStableJson((p) => pieces.push(p), v, depth);
        expect(pieces.join(''), where).toBe(expected);
        expect(utf8Of((out) => writeStableJson(out, v, depth)).equals(Buffer.from(expected, 'utf8')), where).toBe(true);
      }
    }
  });

  test('record lists in envelopes (the e-file shape), as arrays and as lazy lists', () => {
    const seed = testSeed();
    console.log(`format record-list seed ${seed}`);
    const rnd = createRng(seed);
    for (let round = 0; round < 300; round++) {
      const data = records(rnd);
      const where = `seed ${seed}, round ${round}`;
      // records/*.json (services, alerts …): the list one level down; worksheets: two lists two levels down.
      const envelope = { kind: 'services', data, clientId: 'c-1', efileFormat: 2 };
      expect(stableJson(envelope, 2), where).toBe(referenceJson(envelope, 2));
      const nested = { data: { month: '2026-11', visits: data.slice(0, 5), tasks: data }, kind: 'worksheet' };
      expect(stableJson(nested, 3), where).toBe(referenceJson(nested, 3));
      const lazy = { data: lazyList(data.length, (i) => data[i]), kind: 'history' };
      expect(stableJson(lazy, 2), `${where} (lazy)`).toBe(referenceJson({ data, kind: 'history' }, 2));
      expect(utf8Of((out) => writeStableJson(out, lazy, 2)).equals(Buffer.from(referenceJson({ data, kind: 'history' }, 2), 'utf8')), `${where} (UTF-8)`).toBe(true);
    }
  });
});

/** A CSV value's text: empty for null and undefined, JSON for objects. */
function fieldText(v: unknown): string {
  return v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The reference CSV field: RFC 4180 quoting of the value's text. */
function referenceField(v: unknown): string {
  const s = fieldText(v);
  return [',', '"', '\r', '\n'].some((c) => s.includes(c)) ? `"${s.split('"').join('""')}"` : s;
}

/** Reads a CSV document back (RFC 4180): rows of field texts. */
function parseCsv(doc: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < doc.length) {
    let field = '';
    if (doc[i] === '"') {
      i++;
      for (;;) {
        const q = doc.indexOf('"', i);
        if (doc[q + 1] === '"') {
          field += doc.slice(i, q + 1);
          i = q + 2;
        } else {
          field += doc.slice(i, q);
          i = q + 1;
          break;
        }
      }
    } else {
      const stop = doc.slice(i).search(/,|\r\n/);
      field = doc.slice(i, i + stop);
      i += stop;
    }
    row.push(field);
    if (doc.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else i++; // the comma
  }
  return rows;
}

describe('csv and writeCsv against the reference (seeded)', () => {
  test('random rows: the same text as the reference, read back field for field', () => {
    const seed = testSeed();
    console.log(`format csv seed ${seed}`);
    const rnd = createRng(seed);
    for (let round = 0; round < 300; round++) {
      const width = 1 + Math.floor(rnd() * 9);
      const header = Array.from({ length: width }, () => text(rnd) || 'h');
      const rows = Array.from({ length: Math.floor(rnd() * 20) }, () => Array.from({ length: width }, () => (rnd() < 0.15 ? value(rnd, 2) : text(rnd))));
      const expected = [header, ...rows].map((r) => `${r.map(referenceField).join(',')}\r\n`).join('');
      const where = `seed ${seed}, round ${round}`;
      expect(csv(header, rows), where).toBe(expected);
      const pieces: string[] = [];
      writeCsv((p) => pieces.push(p), header, lazyList(rows.length, (i) => rows[i]!));
      expect(pieces.join(''), where).toBe(expected);
      expect(utf8Of((out) => writeCsv(out, header, rows)).equals(Buffer.from(expected, 'utf8')), where).toBe(true);
      // Read back: every field's text, whatever it holds.
      expect(parseCsv(expected), where).toEqual([header, ...rows].map((r) => r.map(fieldText)));
    }
  });
});
