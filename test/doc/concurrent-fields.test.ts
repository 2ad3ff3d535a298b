/** Records are nested Y.Maps so that offline edits of different fields of one record both survive. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClientRecord, getClientRecord, patchClientRecord } from '../../core/doc/client-doc.js';
import { act, LocalOrigin } from '../../core/doc/origin.js';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const alert = {
  id: 'al-1',
  observationId: null,
  level: 'inform_gp' as const,
  raisedAt: '2026-11-22T09:00',
  raisedBy: 's-anna',
  reason: 'fever',
  status: 'open' as const,
  handledBy: null,
  handledAt: null,
  actionTaken: '',
};

describe('concurrent edits of one record', () => {
  it('keeps both edits of different fields (nested Y.Map records)', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    act(a, new LocalOrigin('s-anna', 'alert.raise'), () => addClientRecord(a, 'alerts', alert));
    sync(a, b);
    // Offline: A records what was done, B changes the reason.
    act(a, new LocalOrigin('s-anna', 'alert.handle'), () => patchClientRecord(a, 'alerts', 'al-1', { actionTaken: 'called the GP' }));
    act(b, new LocalOrigin('s-maris', 'alert.edit'), () => patchClientRecord(b, 'alerts', 'al-1', { reason: 'fever 38.5' }));
    sync(a, b);
    for (const doc of [a, b]) {
      const rec = getClientRecord(doc, 'alerts', 'al-1');
      expect(rec?.ok && rec.value).toMatchObject({ actionTaken: 'called the GP', reason: 'fever 38.5' });
    }
  });

  it('keeps both answers given offline to different items of one assessment', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    act(a, new LocalOrigin('s-anna', 'assess'), () =>
      addClientRecord(a, 'assessments', {
        id: 'as-1', instrumentId: 'barthel', instrumentVersion: '1', answers: { feeding: '2' }, status: 'draft',
        assessorId: 's-anna', createdAt: '2026-11-22T09:00', submittedAt: null, approverId: null, decidedAt: null,
        returnReason: '', ruleTable: '', reassessDue: null, note: '',
      }),
    );
    sync(a, b);
    act(a, new LocalOrigin('s-anna', 'answer'), () => patchClientRecord(a, 'assessments', 'as-1', { answers: { bathing: '0' } }));
    act(b, new LocalOrigin('s-maris', 'answer'), () => patchClientRecord(b, 'assessments', 'as-1', { answers: { stairs: '1' } }));
    sync(a, b);
    const rec = getClientRecord(b, 'assessments', 'as-1');
    expect(rec?.ok && rec.value.answers).toEqual({ feeding: '2', bathing: '0', stairs: '1' });
  });

  it('shows why: a plain-object record loses one side of the same edits', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getMap('alerts').set('al-1', { ...alert });
    sync(a, b);
    a.getMap('alerts').set('al-1', { ...(a.getMap('alerts').get('al-1') as object), actionTaken: 'called the GP' });
    b.getMap('alerts').set('al-1', { ...(b.getMap('alerts').get('al-1') as object), reason: 'fever 38.5' });
    sync(a, b);
    const merged = a.getMap('alerts').get('al-1') as typeof alert;
    expect(merged).toEqual(b.getMap('alerts').get('al-1'));
    // Exactly one of the two edits survived: the whole object is last-writer-wins.
    const kept = [merged.actionTaken === 'called the GP', merged.reason === 'fever 38.5'].filter(Boolean).length;
    expect(kept).toBe(1);
  });

  it('one user action is one transaction and one update', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    act(doc, new LocalOrigin('s-anna', 'alert.raise'), () => {
      addClientRecord(doc, 'alerts', alert);
      patchClientRecord(doc, 'alerts', 'al-1', { status: 'handled', handledBy: 's-anna' });
    });
    expect(updates).toBe(1);
  });
});
