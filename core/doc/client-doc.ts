/** Typed access to a client document: profile, GP statements, assessments, services, plans, records. */
import type * as Y from 'yjs';
import type { ClientId } from '../ids.js';
import type { Issue, Parsed } from '../validate/issues.js';
import { parseWith } from '../validate/issues.js';
import { stampMeta } from './meta.js';
import type { CollectionName, RecordOf } from './schema.js';
import { COLLECTIONS, ClientProfileSchema } from './schema.js';
import type { ClientProfile } from './schema.js';
import { deleteRecord, insertRecord, listRecords, patchRecord, patchSingleton, readRecord, singleton } from './records.js';

export type ClientCollection = CollectionName<'client'>;
export type ClientRecord<C extends ClientCollection> = RecordOf<'client', C>;

/** Initialises a new client document (call inside the creating transaction). */
export function createClientDoc(doc: Y.Doc, clientId: ClientId, profile: ClientProfile): void {
  stampMeta(doc, 'client');
  doc.getMap('meta').set('clientId', clientId);
  patchSingleton(doc, 'profile', profile);
}

/** The client id stamped in the document, or null. */
export function clientIdOf(doc: Y.Doc): ClientId | null {
  const v = doc.getMap('meta').get('clientId');
  return typeof v === 'string' ? (v as ClientId) : null;
}

/** Reads and validates the profile. */
export function readProfile(doc: Y.Doc): Parsed<ClientProfile> {
  return parseWith(ClientProfileSchema, singleton(doc, 'profile').toJSON(), 'profile');
}

/** Patches profile fields (field by field, so concurrent edits of other fields survive). */
export function patchProfile(doc: Y.Doc, patch: Partial<ClientProfile>): void {
  patchSingleton(doc, 'profile', patch);
}

/** Adds a record to a client collection; the record is validated first and its issues returned. */
export function addClientRecord<C extends ClientCollection>(
  doc: Y.Doc,
  coll: C,
  record: ClientRecord<C>,
): Parsed<ClientRecord<C>> {
  const parsed = parseWith(COLLECTIONS.client[coll], record, coll) as Parsed<ClientRecord<C>>;
  if (!parsed.ok) return parsed;
  insertRecord(doc, coll, (parsed.value as { id: string }).id, parsed.value as Record<string, unknown>);
  return parsed;
}

/** Patches one client record; returns false when the record does not exist. */
export function patchClientRecord<C extends ClientCollection>(
  doc: Y.Doc,
  coll: C,
  id: string,
  patch: Partial<ClientRecord<C>>,
): boolean {
  return patchRecord(doc, coll, id, patch as Record<string, unknown>);
}

/** Reads one client record, or null when it does not exist. */
export function getClientRecord<C extends ClientCollection>(doc: Y.Doc, coll: C, id: string): Parsed<ClientRecord<C>> | null {
  return readRecord(doc, coll, id, COLLECTIONS.client[coll]) as Parsed<ClientRecord<C>> | null;
}

/** All records of a client collection, sorted by id, and the issues of invalid ones. */
export function listClientRecords<C extends ClientCollection>(
  doc: Y.Doc,
  coll: C,
): { records: ClientRecord<C>[]; issues: Issue[] } {
  return listRecords(doc, coll, COLLECTIONS.client[coll]) as { records: ClientRecord<C>[]; issues: Issue[] };
}

/** The whole client document as plain, validated data (for export, show --json and checks). */
export function readClientDoc(doc: Y.Doc): { clientId: ClientId | null; profile: Parsed<ClientProfile>; collections: { [C in ClientCollection]: ClientRecord<C>[] }; issues: Issue[] } {
  const issues: Issue[] = [];
  const profile = readProfile(doc);
  if (!profile.ok) issues.push(...profile.issues);
  const collections = {} as { [C in ClientCollection]: ClientRecord<C>[] };
  for (const coll of Object.keys(COLLECTIONS.client) as ClientCollection[]) {
    const { records, issues: own } = listClientRecords(doc, coll);
    (collections as Record<string, unknown>)[coll] = records;
    issues.push(...own);
  }
  return { clientId: clientIdOf(doc), profile, collections, issues };
}

/** Removes a client record; returns false when it does not exist. */
export function deleteClientRecord(doc: Y.Doc, coll: ClientCollection, id: string): boolean {
  return deleteRecord(doc, coll, id);
}
