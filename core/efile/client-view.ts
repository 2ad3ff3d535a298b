/**
 * The view of a client document (core/store/view.ts): the client read as plain data and its history,
 * without the export records (access metadata that the e-file leaves out), so an e-file of ten years
 * is written from one stored file instead of a replay of every update.
 */
import { readClientDoc } from '../doc/client-doc.js';
import { COLLECTIONS, SCHEMA_VERSION } from '../doc/schema.js';
import type { ViewSpec } from '../store/view.js';
import { EXPORTS_COLLECTION } from './efile.js';

/** A client as its view holds it: what readClientDoc returns. */
export type ClientViewData = ReturnType<typeof readClientDoc>;

export const CLIENT_VIEW: ViewSpec = {
  wants: (docId) => docId.startsWith('client/'),
  read: (doc) => readClientDoc(doc),
  omitRoots: new Set([EXPORTS_COLLECTION]),
  roots: ['meta', 'profile', EXPORTS_COLLECTION, ...Object.keys(COLLECTIONS.client)],
  schemaVersion: SCHEMA_VERSION,
};
