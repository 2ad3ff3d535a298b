/** Every document carries a `meta` map: its kind, schema version and (for demo worlds) a generation. */
import type * as Y from 'yjs';
import type { DocKind } from './doc-id.js';
import { SCHEMA_VERSION } from './schema.js';

export interface DocMeta {
  readonly kind: DocKind | null;
  readonly schemaVersion: number;
}

/** Reads the meta map; a brand-new (empty) document has kind null and version 0. */
export function readMeta(doc: Y.Doc): DocMeta {
  const meta = doc.getMap<unknown>('meta');
  const kind = meta.get('kind');
  const version = meta.get('schemaVersion');
  return {
    kind: kind === 'org' || kind === 'client' || kind === 'schedule' || kind === 'volunteer' ? kind : null,
    schemaVersion: typeof version === 'number' ? version : 0,
  };
}

/** Stamps kind and current schema version; call inside the transaction that creates the document. */
export function stampMeta(doc: Y.Doc, kind: DocKind): void {
  const meta = doc.getMap<unknown>('meta');
  if (meta.get('kind') !== kind) meta.set('kind', kind);
  if (meta.get('schemaVersion') !== SCHEMA_VERSION) meta.set('schemaVersion', SCHEMA_VERSION);
}
