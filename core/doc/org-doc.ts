/** Typed access to the organisation document: staff, care groups, absences and settings. */
import type * as Y from 'yjs';
import type { Issue, Parsed } from '../validate/issues.js';
import { parseWith } from '../validate/issues.js';
import { stampMeta } from './meta.js';
import type { CollectionName, OrgSettings, RecordOf } from './schema.js';
import { COLLECTIONS, OrgSettingsSchema } from './schema.js';
import { insertRecord, listRecords, patchRecord, patchSingleton, readRecord, singleton } from './records.js';

export type OrgCollection = CollectionName<'org'>;
export type OrgRecord<C extends OrgCollection> = RecordOf<'org', C>;

/** Initialises the organisation document (inside the creating transaction). */
export function createOrgDoc(doc: Y.Doc, settings: Partial<OrgSettings>): void {
  stampMeta(doc, 'org');
  patchSingleton(doc, 'settings', settings);
}

export function readSettings(doc: Y.Doc): Parsed<OrgSettings> {
  return parseWith(OrgSettingsSchema, singleton(doc, 'settings').toJSON(), 'settings');
}

export function patchSettings(doc: Y.Doc, patch: Partial<OrgSettings>): void {
  patchSingleton(doc, 'settings', patch);
}

export function addOrgRecord<C extends OrgCollection>(doc: Y.Doc, coll: C, record: OrgRecord<C>): Parsed<OrgRecord<C>> {
  const parsed = parseWith(COLLECTIONS.org[coll], record, coll) as Parsed<OrgRecord<C>>;
  if (!parsed.ok) return parsed;
  insertRecord(doc, coll, (parsed.value as { id: string }).id, parsed.value as Record<string, unknown>);
  return parsed;
}

export function patchOrgRecord<C extends OrgCollection>(doc: Y.Doc, coll: C, id: string, patch: Partial<OrgRecord<C>>): boolean {
  return patchRecord(doc, coll, id, patch as Record<string, unknown>);
}

export function getOrgRecord<C extends OrgCollection>(doc: Y.Doc, coll: C, id: string): Parsed<OrgRecord<C>> | null {
  return readRecord(doc, coll, id, COLLECTIONS.org[coll]) as Parsed<OrgRecord<C>> | null;
}

export function listOrgRecords<C extends OrgCollection>(doc: Y.Doc, coll: C): { records: OrgRecord<C>[]; issues: Issue[] } {
  return listRecords(doc, coll, COLLECTIONS.org[coll]) as { records: OrgRecord<C>[]; issues: Issue[] };
}
