/** Text formats of the e-file as pure functions: canonical JSON, CSV, HTML escaping. */

/**
 * Plain JSON with object keys sorted at every level; `undefined` fields dropped. Ends with a newline.
 * Values nested `compactDepth` levels deep are written on one line each (long record lists stay
 * readable, one record per line, and several times smaller and faster than fully indented JSON).
 */
export function stableJson(value: unknown, compactDepth = Infinity): string {
  return `${pretty(value, 0, compactDepth)}\n`;
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

function pretty(v: unknown, depth: number, compactDepth: number): string {
  if (depth >= compactDepth || v === null || typeof v !== 'object') return compact(v, null);
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    // Elements written compact share one key list (long record lists: one collection pass).
    const keys = depth + 1 >= compactDepth ? allKeys(v) : null;
    return `[\n${v.map((x) => pad + (keys ? compact(x, keys) : pretty(x, depth + 1, compactDepth))).join(',\n')}\n${end}]`;
  }
  const keys = sortedKeys(v);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${pad}${JSON.stringify(k)}: ${pretty((v as Record<string, unknown>)[k], depth + 1, compactDepth)}`).join(',\n')}\n${end}}`;
}

/** Every object key anywhere inside `v`, in sorted-copy order (index keys ascending, then by code unit). */
function allKeys(v: unknown): string[] {
  const seen = new Set<string>();
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) for (const e of x) walk(e);
    else
      for (const k of Object.keys(x)) {
        seen.add(k);
        walk((x as Record<string, unknown>)[k]);
      }
  };
  walk(v);
  const keys = [...seen];
  const indexes = keys.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...keys.filter((k) => !isIndex(k)).sort()];
}

/**
 * One-line JSON with sorted keys: what JSON.stringify of a key-sorted copy gives, without making the
 * copy. JSON.stringify with a key list writes every object's keys in the list's order (and drops
 * undefined ones), so a sorted list of all keys inside `v` gives each object's keys sorted.
 */
function compact(v: unknown, keys: string[] | null): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  const list = keys ?? allKeys(v);
  // A listed key is read with a plain get: `__proto__` would find the prototype where it is not own.
  return list.includes('__proto__') ? compactEach(v) : (JSON.stringify(v, list) ?? 'null');
}

/** compact() key by key, for the rare data the key list cannot serve. */
function compactEach(v: unknown): string {
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
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) lines.push(r.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
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
