/**
 * Generic record storage in Yjs: a collection is a top-level Y.Map of records, a record is a
 * nested Y.Map with one key per field. Writing patches single keys, so two people editing
 * different fields of one record offline both keep their edit.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import type { Issue, Parsed } from '../validate/issues.js';
import { parseWith } from '../validate/issues.js';

export type FieldValue = string | number | boolean | null | readonly unknown[] | { readonly [k: string]: unknown };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** Writes one field: plain objects become nested Y.Maps (merged key by key), everything else a value. */
function writeField(target: Y.Map<unknown>, key: string, value: unknown): void {
  if (value === undefined) {
    if (target.has(key)) target.delete(key);
    return;
  }
  if (isPlainObject(value)) {
    let nested = target.get(key);
    if (!(nested instanceof Y.Map)) {
      nested = new Y.Map<unknown>();
      target.set(key, nested);
    }
    const map = nested as Y.Map<unknown>;
    for (const [k, v] of Object.entries(value)) writeField(map, k, v);
    return;
  }
  const current = target.get(key);
  // Skip no-op writes: they would still create an update and a history entry.
  if (current !== undefined && !(current instanceof Y.AbstractType) && sameValue(current, value)) return;
  target.set(key, value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** The collection's top-level map (created by name, so replicas never create it concurrently). */
export function collection(doc: Y.Doc, name: string): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(name);
}

/** Creates a record under a fresh id. The id must be new: only its creator ever creates it. */
export function insertRecord(doc: Y.Doc, name: string, id: string, fields: Record<string, unknown>): void {
  const coll = collection(doc, name);
  if (coll.has(id)) throw new Error(`record ${name}/${id} already exists`);
  const rec = new Y.Map<unknown>();
  coll.set(id, rec);
  for (const [k, v] of Object.entries(fields)) writeField(rec, k, v);
}

/** Patches fields of an existing record; `undefined` removes a field. Returns false if there is no such record. */
export function patchRecord(doc: Y.Doc, name: string, id: string, patch: Record<string, unknown>): boolean {
  const rec = collection(doc, name).get(id);
  if (!(rec instanceof Y.Map)) return false;
  for (const [k, v] of Object.entries(patch)) writeField(rec, k, v);
  return true;
}

/** Removes a record. */
export function deleteRecord(doc: Y.Doc, name: string, id: string): boolean {
  const coll = collection(doc, name);
  if (!coll.has(id)) return false;
  coll.delete(id);
  return true;
}

/** The raw JSON of a record (with its id), or null. */
export function rawRecord(doc: Y.Doc, name: string, id: string): Record<string, unknown> | null {
  const rec = collection(doc, name).get(id);
  if (!(rec instanceof Y.Map)) return null;
  return { ...(rec.toJSON() as Record<string, unknown>), id };
}

/** Reads and validates one record; invalid data (e.g. from an old or foreign peer) is reported, not thrown. */
export function readRecord<S extends z.ZodType>(doc: Y.Doc, name: string, id: string, schema: S): Parsed<z.infer<S>> | null {
  const raw = rawRecord(doc, name, id);
  if (raw === null) return null;
  return parseWith(schema, raw, `${name}.${id}`);
}

/** All valid records of a collection sorted by id (Y.Map order differs between replicas), plus the issues of invalid ones. */
export function listRecords<S extends z.ZodType>(
  doc: Y.Doc,
  name: string,
  schema: S,
): { records: z.infer<S>[]; issues: Issue[] } {
  const coll = collection(doc, name);
  const ids = [...coll.keys()].sort();
  const records: z.infer<S>[] = [];
  const issues: Issue[] = [];
  for (const rid of ids) {
    const parsed = readRecord(doc, name, rid, schema);
    if (parsed === null) continue;
    if (parsed.ok) records.push(parsed.value);
    else issues.push(...parsed.issues);
  }
  return { records, issues };
}

/** A single-record map at a well-known name (profile, settings): patched field by field. */
export function singleton(doc: Y.Doc, name: string): Y.Map<unknown> {
  return doc.getMap<unknown>(name);
}

/** Patches a singleton map (see `singleton`). */
export function patchSingleton(doc: Y.Doc, name: string, patch: Record<string, unknown>): void {
  const map = singleton(doc, name);
  for (const [k, v] of Object.entries(patch)) writeField(map, k, v);
}
