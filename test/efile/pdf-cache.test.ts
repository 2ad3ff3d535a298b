/**
 * A large client's PDFs are kept from one export to the next (cli/efile/pdf-cache.ts): a PDF is
 * drawn again only when what it shows changed, and the ZIP's bytes are those of an export that
 * draws everything. PDFs are dated by the latest change to what they show (core/efile/as-of.ts).
 */
import { readdir, readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { storedPdfCache } from '../../cli/efile/pdf-cache.js';
import { writeEfile } from '../../cli/efile/write.js';
import { createFileStorage } from '../../cli/store/file-storage.js';
import { asOf, lastChanges } from '../../core/efile/as-of.js';
import type { EfileInput } from '../../core/efile/efile.js';
import type { FieldChange } from '../../core/history/collect.js';
import type { DocId } from '../../core/ids.js';
import { pdfText, zipEntry } from './helpers.js';
import { largeInput } from './large-input.js';

const DOC = 'client/c-large' as DocId;
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'apsis-pdf-cache-'));
  dirs.push(d);
  return d;
}

/** 1,200 visits from 2019-01-01: work sheets of 2019, 2020 and 2021, ~1,800 task records. */
const input = (): EfileInput => largeInput(7, 1200);

/** The input with one 2020 visit's note edited later (and the change in its history). */
function editedIn2020(base: EfileInput): EfileInput {
  const visits = base.collections.visitRecords.map((v) => (v.date === '2020-06-01' ? { ...v, note: 'Pārbaudīts vēlreiz' } : v));
  const edited = visits.find((v) => v.date === '2020-06-01')!;
  const change: FieldChange = { path: ['visitRecords', edited.id], field: 'note', old: '', new: 'Pārbaudīts vēlreiz', kind: 'set', userId: 's-ilze', at: '2026-11-22T09:30:00.000Z', action: 'visit.edit' };
  return { ...base, collections: { ...base.collections, visitRecords: visits }, history: [...base.history, change] };
}

describe('kept PDFs', () => {
  test('a repeat export reuses every unchanged PDF; an edit in 2020 draws only 2020 again; same bytes as drawing all', async () => {
    const dir = await tmp();
    const storage = createFileStorage(join(dir, 'docs'));
    const cache = () => storedPdfCache(storage, DOC);
    const rendered = join(dir, 'docs', 'client~c-large', 'rendered');

    const fresh = await writeEfile(input(), join(dir, 'fresh.zip'));
    const first = await writeEfile(input(), join(dir, 'first.zip'), undefined, { cache: cache() });
    expect(first.pdfs).toEqual({ kept: 0, drawn: fresh.pdfs.drawn });
    // The three work-sheet years are dated by their records and kept; profile and plan have no history here: dated by the export, drawn each time.
    expect((await readdir(rendered)).length).toBe(3);
    const second = await writeEfile(input(), join(dir, 'second.zip'), undefined, { cache: cache() });
    expect(second.pdfs).toEqual({ kept: 3, drawn: fresh.pdfs.drawn - 3 });
    expect([first.sha256, second.sha256]).toEqual([fresh.sha256, fresh.sha256]);

    const before = new Set(await readdir(rendered));
    const edited = await writeEfile(editedIn2020(input()), join(dir, 'edited.zip'), undefined, { cache: cache() });
    const editedFresh = await writeEfile(editedIn2020(input()), join(dir, 'edited-fresh.zip'));
    expect(edited.pdfs).toEqual({ kept: 2, drawn: fresh.pdfs.drawn - 2 });
    expect(edited.sha256).toBe(editedFresh.sha256);
    expect(edited.sha256).not.toBe(fresh.sha256);
    // The 2020 PDF of before is dropped, its successor kept: still three files, one of them new.
    const after = await readdir(rendered);
    expect(after.length).toBe(3);
    expect(after.filter((f) => !before.has(f)).length).toBe(1);
    expect(zipEntry(edited.file, 'worksheets/2019.pdf').equals(zipEntry(fresh.file, 'worksheets/2019.pdf'))).toBe(true);
    expect(zipEntry(edited.file, 'worksheets/2020.pdf').equals(zipEntry(fresh.file, 'worksheets/2020.pdf'))).toBe(false);
  }, 120_000);

  test('a damaged kept PDF is drawn again, to the same bytes; a small client keeps nothing', async () => {
    const dir = await tmp();
    const storage = createFileStorage(join(dir, 'docs'));
    const rendered = join(dir, 'docs', 'client~c-large', 'rendered');
    const first = await writeEfile(input(), join(dir, 'first.zip'), undefined, { cache: storedPdfCache(storage, DOC) });
    const [victim] = await readdir(rendered);
    const file = join(rendered, victim!);
    const buf = await readFile(file);
    buf.writeUInt8(buf.readUInt8(buf.length - 10) ^ 0xff, buf.length - 10);
    await writeFile(file, buf);
    const again = await writeEfile(input(), join(dir, 'again.zip'), undefined, { cache: storedPdfCache(storage, DOC) });
    expect(again.pdfs.kept).toBe(2);
    expect(again.sha256).toBe(first.sha256);

    const small = await writeEfile(largeInput(7, 100), join(dir, 'small.zip'), undefined, { cache: storedPdfCache(storage, 'client/c-small' as DocId) });
    expect(small.pdfs.kept).toBe(0);
    await expect(readdir(join(dir, 'docs', 'client~c-small'))).rejects.toThrow(/ENOENT/);
  }, 120_000);

  test('a work sheet says as of when its records last changed, not the export time; an undated PDF names the export time', async () => {
    const dir = await tmp();
    const r = await writeEfile(editedIn2020(input()), join(dir, 'e.zip'));
    const sheet = await pdfText(zipEntry(r.file, 'worksheets/2020.pdf'));
    expect(sheet).toContain('as of 2026-11-22 09:30 UTC');
    expect(sheet).not.toContain('2026-11-23 07:00');
    expect(await pdfText(zipEntry(r.file, 'worksheets/2019.pdf'))).toContain('as of 2019-12-');
    expect(await pdfText(zipEntry(r.file, 'plans/pl-1.pdf'))).toContain('2026-11-23 07:00 UTC');
  }, 120_000);
});

describe('asOf', () => {
  const h = (path: string[], field: string, at: string, kind: FieldChange['kind'] = 'set'): FieldChange => ({ path, field, old: null, new: 1, kind, userId: 'u', at, action: 'a' });
  const changes = lastChanges([
    h(['visitRecords'], 'v-1', '2026-01-01T00:00:00Z', 'create'),
    h(['visitRecords', 'v-1'], 'note', '2026-01-05T00:00:00Z'),
    h(['visitRecords'], 'v-2', '2026-01-03T00:00:00Z', 'create'),
    h(['assessments', 'as-1', 'answers'], 'b1', '2026-02-01T00:00:00Z'),
    h(['profile'], 'address', '2026-03-01T00:00:00Z'),
    h(['profile', 'location'], 'lat', '2026-04-01T00:00:00Z'),
  ]);
  test('the latest change of the records shown: made, edited, in a sub-map, or anywhere in a root map', () => {
    expect(asOf(changes, [['visitRecords', 'v-2']])).toBe('2026-01-03T00:00:00Z');
    expect(asOf(changes, [['visitRecords', 'v-2'], ['visitRecords', 'v-1']])).toBe('2026-01-05T00:00:00Z');
    expect(asOf(changes, [['assessments', 'as-1']])).toBe('2026-02-01T00:00:00Z');
    expect(asOf(changes, [['profile']])).toBe('2026-04-01T00:00:00Z');
    expect(asOf(changes, [['visitRecords', 'v-9'], ['plans', 'pl-1']])).toBeNull();
  });
});
