/**
 * Document migrations. Each step upgrades a document from version N to N+1 inside one transaction.
 * A document newer than this software is never touched: it is reported so the user can upgrade.
 */
import type * as Y from 'yjs';
import { readMeta } from './meta.js';
import { SCHEMA_VERSION } from './schema.js';

type Step = (doc: Y.Doc) => void;

/** steps[n] upgrades version n to n+1. Version 0 → 1 only stamps the version (no layout change). */
const steps: Record<number, Step> = {
  0: (doc) => {
    doc.getMap('meta').set('schemaVersion', 1);
  },
};

export type MigrationResult =
  | { readonly status: 'current' }
  | { readonly status: 'migrated'; readonly from: number; readonly to: number }
  | { readonly status: 'too-new'; readonly version: number };

/** Brings a loaded document to SCHEMA_VERSION; empty documents (no kind yet) are left alone. */
export function migrate(doc: Y.Doc, origin: unknown): MigrationResult {
  const { kind, schemaVersion } = readMeta(doc);
  if (kind === null) return { status: 'current' };
  if (schemaVersion > SCHEMA_VERSION) return { status: 'too-new', version: schemaVersion };
  if (schemaVersion === SCHEMA_VERSION) return { status: 'current' };
  doc.transact(() => {
    for (let v = schemaVersion; v < SCHEMA_VERSION; v++) {
      const step = steps[v];
      if (!step) throw new Error(`no migration step from schema version ${v}`);
      step(doc);
    }
  }, origin);
  return { status: 'migrated', from: schemaVersion, to: SCHEMA_VERSION };
}
