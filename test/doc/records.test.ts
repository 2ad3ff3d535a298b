import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClientRecord, listClientRecords, readClientDoc } from '../../core/doc/client-doc.js';
import { clientDocId, parseDocId, scheduleDocId, parseIsoWeek } from '../../core/doc/doc-id.js';
import { migrate } from '../../core/doc/migrations.js';
import { readMeta } from '../../core/doc/meta.js';
import { SCHEMA_VERSION } from '../../core/doc/schema.js';
import type { CareGroupId, ClientId } from '../../core/ids.js';

describe('document ids', () => {
  it('round-trips client and schedule ids and rejects hostile names', () => {
    expect(parseDocId(clientDocId('c-1' as ClientId))).toEqual({ kind: 'client', clientId: 'c-1' });
    const week = parseIsoWeek('2026-W48')!;
    expect(parseDocId(scheduleDocId(week, 'g-north' as CareGroupId))).toEqual({ kind: 'schedule', week, careGroupId: 'g-north' });
    for (const bad of ['', 'client/', 'client/../../etc', 'client/C-1', 'schedule/2026-W54/g', 'org/x', 'client/a/b']) {
      expect(parseDocId(bad), bad).toBeNull();
    }
  });
});

describe('record validation', () => {
  it('rejects an invalid record with its path and stores nothing', () => {
    const doc = new Y.Doc();
    const res = addClientRecord(doc, 'alerts', { id: 'Bad Id', level: 'panic' } as never);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['alerts.id', 'alerts.level']));
    expect(doc.getMap('alerts').size).toBe(0);
  });

  it('reports a record damaged by a foreign peer instead of throwing', () => {
    const doc = new Y.Doc();
    const rec = new Y.Map<unknown>();
    doc.getMap('alerts').set('al-1', rec);
    rec.set('level', 42);
    const { records, issues } = listClientRecords(doc, 'alerts');
    expect(records).toEqual([]);
    expect(issues[0]?.path).toMatch(/^alerts\.al-1/);
    expect(readClientDoc(doc).issues.length).toBeGreaterThan(0);
  });
});

describe('migrations', () => {
  it('stamps a version-0 document to the current version', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('kind', 'client');
    expect(migrate(doc, 'test')).toEqual({ status: 'migrated', from: 0, to: SCHEMA_VERSION });
    expect(readMeta(doc).schemaVersion).toBe(SCHEMA_VERSION);
    expect(migrate(doc, 'test')).toEqual({ status: 'current' });
  });

  it('refuses to touch a document newer than this software', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('kind', 'client');
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    expect(migrate(doc, 'test')).toEqual({ status: 'too-new', version: SCHEMA_VERSION + 1 });
  });
});
