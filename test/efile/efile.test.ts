import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { exportClient, orgInfo } from '../../cli/efile/export.js';
import { verifyEfile } from '../../cli/efile/verify.js';
import { writeZip } from '../../cli/efile/zip.js';
import { collection } from '../../core/doc/records.js';
import { compareManifest, parseManifest, worksheetRows, worksheetTableRows } from '../../core/efile/efile.js';
import { csv, lazyList, stableJson, writeCsv } from '../../core/efile/format.js';
import { buildFixture, CLIENT, CLIENT2, CLIENT_NAME, NOW, openFixture } from './fixture.js';
import { fileSha, pdfText, run, sha256, unzipTest, zipEntry, zipNames } from './helpers.js';
import { createRng, testSeed } from '../helpers/rng.js';

const tmp = () => mkdtemp(join(tmpdir(), 'apsis-efile-out-'));

describe('formats (core/efile)', () => {
  test('stableJson sorts keys at every level and drops undefined', () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{\n  "a": {\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
  });
  test('csv quotes commas, quotes and line breaks', () => {
    expect(csv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', null]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
    // Rows made as they are written give the same text.
    const rows = [['x,y', 'say "hi"', 1, { a: 1 }], ['line\nbreak', null, undefined, ''], []];
    const pieces: string[] = [];
    writeCsv((p) => pieces.push(p), ['a', 'b'], lazyList(rows.length, (i) => rows[i]!));
    expect(pieces.join('')).toBe(csv(['a', 'b'], rows));
    expect(pieces.join('')).toBe('a,b\r\n"x,y","say ""hi""",1,"{""a"":1}"\r\n"line\nbreak",,,\r\n\r\n');
  });
  test('work sheet rows: one per visit with a line per task execution, then the visit note across the columns after the date', () => {
    const visit = { id: 'v-1', date: '2026-10-06', staffId: 's-m', scheduledVisitId: null, arrivedAt: '2026-10-06T08:00:00Z', leftAt: '2026-10-06T09:00:00Z', note: 'Sāpēja galva' };
    const task = (id: string, visitRecordId: string, code: string, note = '', handedTo: string | null = null) => ({ id, visitRecordId, taskCode: code, outcome: 'done' as const, note, handedTo, recordedBy: 's-m', recordedAt: `2026-10-06T08:${id.slice(-1)}0:00Z` });
    const ctx = { staffNames: { 's-m': 'Māija', 's-j': 'Jānis' }, taskNames: new Map([['hygiene', 'Higiēna']]) };
    const rows = worksheetTableRows(worksheetRows([visit, { ...visit, id: 'v-2', note: '' }], [task('t1', 'v-1', 'hygiene'), task('t2', 'v-1', 'meals', 'Ēda maz', 's-j'), task('t3', 'v-9', 'meals')]), ctx);
    expect(rows).toEqual([
      ['2026-10-06', '08:00–09:00', 'Māija', 'Higiēna (hygiene) — izpildīts\nmeals — izpildīts · Ēda maz → Jānis'],
      { note: 'Piezīme par apmeklējumu / visit note: Sāpēja galva', from: 1 },
      ['2026-10-06', '08:00–09:00', 'Māija', '—'],
      // A task record whose visit record is missing: a row of its own.
      ['2026-10-06', '', 'Māija', 'meals — izpildīts'],
    ]);
    // With a client column first, the note starts after the date.
    expect(worksheetTableRows(worksheetRows([visit], []), ctx, () => 'Zane').at(-1)).toEqual({ note: 'Piezīme par apmeklējumu / visit note: Sāpēja galva', from: 2 });
  });
  test('work sheet rows, seeded: visits by date, arrival and id, each with its tasks by time and id, then tasks without a visit; in order or shuffled, a visit id recorded twice too', () => {
    const seed = testSeed();
    const rnd = createRng(seed);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    for (let round = 0; round < 50; round++) {
      const visits = Array.from({ length: Math.floor(rnd() * 40) }, (_, i) => ({ id: rnd() < 0.1 ? 'v-twice' : `v-${Math.floor(rnd() * 30)}-${i}`, date: pick(['2026-10-01', '2026-10-02', '2026-11-05']), staffId: 's', scheduledVisitId: null, arrivedAt: pick([null, '2026-10-01T08:00:00Z', '2026-10-01T09:00:00Z']), leftAt: null, note: '' }));
      const tasks = Array.from({ length: Math.floor(rnd() * 80) }, (_, i) => ({ id: `t-${Math.floor(rnd() * 50)}-${i}`, visitRecordId: visits.length > 0 && rnd() < 0.9 ? pick(visits).id : 'v-none', taskCode: 'x', outcome: 'done' as const, note: '', handedTo: null, recordedBy: 's', recordedAt: pick(['2026-10-01T08:30:00Z', '2026-10-01T08:40:00Z']) }));
      // Half the rounds in the rows' order already (the common case, which skips the sort).
      if (round % 2 === 0) {
        visits.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : (a.arrivedAt ?? '') < (b.arrivedAt ?? '') ? -1 : (a.arrivedAt ?? '') > (b.arrivedAt ?? '') ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      }
      const key = (v: (typeof visits)[number]) => `${v.date}\u0000${v.arrivedAt ?? ''}\u0000${v.id}`;
      const tkey = (t: (typeof tasks)[number]) => `${t.recordedAt}\u0000${t.id}`;
      const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      const expected: { visit: unknown; task: unknown }[] = [];
      for (const v of [...visits].sort((a, b) => cmp(key(a), key(b)))) {
        const ts = tasks.filter((t) => t.visitRecordId === v.id).sort((a, b) => cmp(tkey(a), tkey(b)));
        if (ts.length === 0) expected.push({ visit: v, task: null });
        for (const t of ts) expected.push({ visit: v, task: t });
      }
      for (const t of tasks.filter((t) => !visits.some((v) => v.id === t.visitRecordId)).sort((a, b) => cmp(tkey(a), tkey(b)))) expected.push({ visit: null, task: t });
      const before = JSON.stringify({ visits, tasks });
      expect(worksheetRows(visits, tasks), `seed ${seed}, round ${round}`).toEqual(expected);
      expect(JSON.stringify({ visits, tasks }), `seed ${seed}, round ${round}: inputs unchanged`).toBe(before);
    }
  });

  test('compareManifest names what differs, misses and is extra', () => {
    const m = [{ path: 'a', size: 1, sha256: 'x' }, { path: 'b', size: 1, sha256: 'y' }];
    expect(compareManifest(m, [{ path: 'a', size: 1, sha256: 'x' }, { path: 'c', size: 1, sha256: 'z' }, { path: 'manifest.json', size: 1, sha256: 'm' }])).toEqual(['missing: b', 'not in manifest: c']);
    expect(compareManifest(m, [{ path: 'a', size: 1, sha256: 'q' }, { path: 'b', size: 1, sha256: 'y' }])[0]).toMatch(/^differs: a/);
    expect(parseManifest('not json')).toBeNull();
  });
});

describe('apsis export efile <client>', () => {
  let ws: string;
  let zip: string;
  let out: string;
  beforeAll(async () => {
    process.env.APSIS_NOW = NOW;
    ws = await buildFixture();
    out = await tmp();
    const r = await run(ws, ['export', 'efile', CLIENT, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { client: string; file: string; bytes: number; sha256: string }[];
    expect(summary).toHaveLength(1);
    zip = summary[0]!.file;
    expect(zip).toBe(join(out, `efile-${CLIENT}.zip`));
    expect(summary[0]!.sha256).toBe(fileSha(zip));
  });

  test('the ZIP is valid and holds every part, in a fixed order, with no partial file left', async () => {
    expect(unzipTest(zip)).toMatch(/No errors detected/);
    expect(await readdir(out)).toEqual([`efile-${CLIENT}.zip`]);
    expect(zipNames(zip)).toEqual([
      'index.html',
      'client/profile.json',
      'client/profile.pdf',
      'assessments/as-1.pdf',
      'assessments/as-1.json',
      'decisions/as-1.pdf',
      'decisions/as-1.json',
      'plans/pl-1.pdf',
      'plans/pl-1.json',
      'evaluations/ev-1.pdf',
      'evaluations/ev-1.json',
      'worksheets/2026.pdf',
      'worksheets/2026-10.json',
      'worksheets/2026-11.json',
      'records/gp-statements.json',
      'records/services.json',
      'records/observations.json',
      'records/alerts.json',
      'records/visits-tasks.csv',
      'history.csv',
      'history.json',
      'manifest.json',
    ]);
  });

  test('manifest.json lists every other entry with its size and SHA-256, and who exported when', () => {
    const manifest = JSON.parse(zipEntry(zip, 'manifest.json').toString('utf8')) as Record<string, unknown> & { entries: { path: string; size: number; sha256: string }[] };
    const names = zipNames(zip).filter((n) => n !== 'manifest.json');
    expect(manifest.entries.map((e) => e.path)).toEqual(names);
    for (const e of manifest.entries) {
      const data = zipEntry(zip, e.path);
      expect({ path: e.path, size: data.length, sha256: sha256(data) }).toEqual(e);
    }
    expect(manifest).toMatchObject({ exportedAt: NOW, exportedBy: { id: 's-ilze', name: 'Ilze Kalniņa', role: 'coordinator' }, demo: false, software: { name: 'apsis', version: '0.1.0' }, client: { id: CLIENT, name: CLIENT_NAME } });
  });

  test('index.html opens without apsis and links to every entry', () => {
    const html = zipEntry(zip, 'index.html').toString('utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain(CLIENT_NAME);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    const links = hrefs.map((h) => h.split('#')[0]);
    for (const n of zipNames(zip).filter((x) => x !== 'index.html')) expect(links).toContain(n);
    // Each month of work sheets links to its own page of the year's PDF (a named destination there).
    expect(hrefs).toContain('worksheets/2026.pdf#nameddest=m2026-10');
    expect(hrefs).toContain('worksheets/2026.pdf#nameddest=m2026-11');
    const raw = zipEntry(zip, 'worksheets/2026.pdf').toString('latin1');
    expect(raw).toContain('(m2026-10)');
    expect(raw).toContain('(m2026-11)');
    expect(html).not.toMatch(/<script/);
  });

  test('PDFs carry Latvian text (embedded font): client name, task names, plan content', async () => {
    const sheet = await pdfText(zipEntry(zip, 'worksheets/2026.pdf'));
    expect(sheet).toContain('Darba lapa / work sheet 2026-10');
    expect(sheet).toContain('Darba lapa / work sheet 2026-11');
    expect(sheet).toContain('Bērziņa');
    expect(sheet).toContain('Palīdzība dušā');
    expect(sheet).toContain('Iepirkšanās');
    expect(sheet).toContain('Māija Ozoliņa');
    expect(sheet).toContain('atteicās');
    // A visit's note once, under its two task rows; a task's note in its own row.
    expect(sheet.split('Piezīme par apmeklējumu / visit note: Klients jūtas labi, "viss kārtībā"').length).toBe(2);
    expect(sheet).toContain('Atteicās, jo ledusskapis pilns');
    const plan = await pdfText(zipEntry(zip, 'plans/pl-1.pdf'));
    expect(plan).toContain('Nespēj pati nomazgāties');
    expect(plan).toContain(CLIENT_NAME);
    const decision = await pdfText(zipEntry(zip, 'decisions/as-1.pdf'));
    expect(decision).toContain('home_care_2');
    const raw = zipEntry(zip, 'plans/pl-1.pdf').toString('latin1');
    expect(raw).toMatch(/FontFile2/);
    expect(raw).toMatch(/DejaVuSans/);
  });

  test('JSON documents are schema-versioned with sorted keys; CSV has one row per task execution', () => {
    const a = zipEntry(zip, 'assessments/as-1.json').toString('utf8');
    const parsed = JSON.parse(a) as { schemaVersion: number; efileFormat: number; kind: string; data: { id: string } };
    expect(parsed).toMatchObject({ schemaVersion: 1, efileFormat: 2, kind: 'assessment', data: { id: 'as-1' } });
    expect(a).toBe(stableJson(parsed));
    const rows = zipEntry(zip, 'records/visits-tasks.csv').toString('utf8').trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^visit_id,date,staff_id,staff_name,/);
    expect(rows).toHaveLength(1 + 6);
    expect(rows.filter((r) => r.startsWith('v-2,'))[0]).toContain('"Klients jūtas labi, ""viss kārtībā"""');
    // Visit and task records are JSON once each, in their month's work sheet (no second copy in records/).
    type Sheet = { kind: string; data: { month: string; visits: { id: string; date: string }[]; tasks: { id: string }[] } };
    const sheets = zipNames(zip)
      .filter((n) => /^worksheets\/\d{4}-\d{2}\.json$/.test(n))
      .map((n) => JSON.parse(zipEntry(zip, n).toString('utf8')) as Sheet);
    expect(sheets.map((s) => [s.kind, s.data.month])).toEqual([['worksheet', '2026-10'], ['worksheet', '2026-11']]);
    const visits = sheets.flatMap((s) => s.data.visits.map((v) => ({ id: v.id, month: v.date.slice(0, 7), sheet: s.data.month })));
    expect(visits.map((v) => v.id).sort()).toEqual(['v-1', 'v-2', 'v-3']);
    for (const v of visits) expect(v.month).toBe(v.sheet);
    expect(sheets.flatMap((s) => s.data.tasks.map((t) => t.id)).sort()).toEqual(['v-1-t1', 'v-1-t2', 'v-2-t1', 'v-2-t2', 'v-3-t1', 'v-3-t2']);
    expect(zipNames(zip).filter((n) => n.startsWith('records/') && n.endsWith('.json'))).toEqual(['records/gp-statements.json', 'records/services.json', 'records/observations.json', 'records/alerts.json']);
  });

  test('history lists who changed what, when', () => {
    const hist = zipEntry(zip, 'history.csv').toString('utf8').split('\r\n');
    expect(hist[0]).toBe('at,user_id,user_name,action,kind,path,field,old,new');
    // A new record is one `create` line (its fields are in its JSON); singleton fields stay field by field.
    expect(hist).toContain('2026-11-20T16:00:00.000Z,s-ilze,Ilze Kalniņa,evaluation.add,create,evaluations,ev-1,,');
    expect(hist.some((l) => l.includes('client.add,set,profile,familyName,,Bērziņa'))).toBe(true);
    const json = JSON.parse(zipEntry(zip, 'history.json').toString('utf8')) as { data: { action: string }[] };
    expect(json.data.some((h) => h.action === 'client.add')).toBe(true);
    expect(json.data.some((h) => h.action === 'efile.export')).toBe(false);
  });

  test('the export is recorded in the client document (who, when, sha256), after the ZIP', async () => {
    const w = await openFixture(ws);
    try {
      const c = await w.client(CLIENT);
      if (!c.ok) throw new Error('client');
      const exports = [...collection(c.doc, 'exports').values()].map((m) => m.toJSON());
      expect(exports).toHaveLength(1);
      expect(exports[0]).toEqual({ exportedBy: 's-ilze', exportedAt: NOW, sha256: fileSha(zip), file: basename(zip) });
    } finally {
      await w.close();
    }
  });

  test('exporting the same data again gives a byte-identical ZIP', async () => {
    const out2 = await tmp();
    const r = await run(ws, ['export', 'efile', CLIENT, '--out', out2]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*efile-c-zane\.zip \(\d+ bytes, sha256 [0-9a-f]{64}\)\.\n$/);
    expect(fileSha(join(out2, `efile-${CLIENT}.zip`))).toBe(fileSha(zip));
  });

  test('verify efile: 0 for an intact file; 1 naming each entry that differs or is missing', async () => {
    const ok = await run(ws, ['verify', 'efile', zip]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/OK, 21 entries match manifest\.json/);
    // A forged copy: one entry changed, one left out, one added, the original manifest kept.
    const forged = join(await tmp(), 'forged.zip');
    const names = zipNames(zip);
    await writeZip(forged, new Date(NOW), async (add) => {
      for (const n of names) {
        if (n === 'history.csv') continue;
        const data = zipEntry(zip, n);
        await add(n, n === 'plans/pl-1.json' ? Buffer.concat([data, Buffer.from(' ')]) : data);
      }
      await add('extra.txt', Buffer.from('x'));
    });
    const bad = await run(ws, ['verify', 'efile', forged]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('differs: plans/pl-1.json');
    expect(bad.stderr).toContain('missing: history.csv');
    expect(bad.stderr).toContain('not in manifest: extra.txt');
    const notZip = join(await tmp(), 'x.zip');
    await writeFile(notZip, 'hello');
    expect((await verifyEfile(notZip)).problems[0]).toMatch(/not a ZIP/);
  });

  test('print plan and print worksheet write PDFs (into a folder given as --out, under its default name); a path through a file fails, naming it', async () => {
    const dir = await tmp();
    const plan = await run(ws, ['print', 'plan', CLIENT, '--out', join(dir, 'plan.pdf')]);
    expect(plan.code).toBe(0);
    const planText = await pdfText(await readFile(join(dir, 'plan.pdf')));
    expect(planText).toContain('Droša personīgā higiēna');
    expect(planText).toContain(CLIENT_NAME);
    const sheet = await run(ws, ['print', 'worksheet', '--worker', 's-maija', '--date', '2026-10-09', '--out', join(dir, 'w.pdf')]);
    expect(sheet.code).toBe(0);
    const text = await pdfText(await readFile(join(dir, 'w.pdf')));
    expect(text).toContain('Māija Ozoliņa');
    expect(text).toContain(CLIENT_NAME);
    expect(text).toContain('Palīdzība dušā');
    expect((await run(ws, ['print', 'worksheet', '--worker', 'nobody', '--date', '2026-10-09'])).code).toBe(1);
    const noDay = await run(ws, ['print', 'worksheet', '--worker', 's-maija', '--date', '2026-02-30']);
    expect(noDay.code).toBe(2);
    expect(noDay.stderr).toMatch(/--date YYYY-MM-DD/);
    const folder = join(dir, 'sheets');
    await mkdir(folder);
    expect((await run(ws, ['print', 'plan', CLIENT, '--out', folder])).code).toBe(0);
    expect((await run(ws, ['print', 'worksheet', '--worker', 's-maija', '--date', '2026-10-09', '--out', folder])).code).toBe(0);
    expect((await readdir(folder)).sort()).toEqual([`plan-${CLIENT}.pdf`, 'worksheet-s-maija-2026-10-09.pdf']);
    const through = join(dir, 'plan.pdf', 'x.pdf');
    for (const args of [['print', 'plan', CLIENT, '--out', through], ['print', 'worksheet', '--worker', 's-maija', '--date', '2026-10-09', '--out', through], ['export', 'efile', CLIENT, '--out', join(dir, 'plan.pdf')]]) {
      const r = await run(ws, args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/a part of that path is a file, not a folder\. Nothing was written\./);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    expect((await readdir(dir)).sort()).toEqual(['plan.pdf', 'sheets', 'w.pdf']);
  });
});

describe('golden e-file', () => {
  /*
   * The SHA-256 of the fixture's e-file is pinned in test/fixtures/efile/golden.json, so any change
   * to the bytes (layout, PDF drawing, JSON, a dependency update of pdfkit/archiver/zlib) is noticed.
   * When a change is deliberate, refresh it: `APSIS_UPDATE_GOLDEN=1 npx vitest run test/efile`, check
   * the new ZIP by hand (unzip it, open index.html and the PDFs), and commit golden.json with the change.
   */
  test('the fixture exports to the recorded bytes', async () => {
    const ws = await buildFixture();
    const w = await openFixture(ws);
    const out = await tmp();
    try {
      const res = await exportClient(w, CLIENT, out, await orgInfo(w));
      if (!res.ok) throw new Error(res.message);
      const goldenFile = join(import.meta.dirname, '..', 'fixtures', 'efile', 'golden.json');
      const actual = { sha256: res.sha256, bytes: res.bytes, entries: zipNames(res.file).length };
      if (process.env.APSIS_UPDATE_GOLDEN) {
        await mkdir(join(goldenFile, '..'), { recursive: true });
        await writeFile(goldenFile, `${JSON.stringify({ note: 'SHA-256 of the e-file of test/efile/fixture.ts exported at ' + NOW + '; refresh: APSIS_UPDATE_GOLDEN=1 npx vitest run test/efile', ...actual }, null, 2)}\n`);
      }
      const golden = JSON.parse(await readFile(goldenFile, 'utf8')) as typeof actual;
      expect(actual).toEqual({ sha256: golden.sha256, bytes: golden.bytes, entries: golden.entries });
    } finally {
      await w.close();
    }
  });
});

describe('access', () => {
  test.each([
    ['volunteer', 's-ilze', false, CLIENT, 'volunteers cannot export'],
    ['trainer', 's-ilze', false, CLIENT, 'trainers can export e-files only in demo workspaces'],
    ['trainer', 's-ilze', true, CLIENT, null],
    ['caregiver', 's-maija', false, CLIENT, null],
    ['caregiver', 's-maija', false, CLIENT2, 'caregivers can export e-files only of clients they have visit records for'],
    ['auditor', 's-ilze', false, CLIENT2, null],
  ] as const)('%s (demo %s) exporting %s', async (role, userId, demo, client, refusal) => {
    process.env.APSIS_NOW = NOW;
    const ws = await buildFixture({ role, userId, demo });
    const out = await tmp();
    const r = await run(ws, ['export', 'efile', client, '--out', out]);
    if (refusal) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(refusal);
      expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
    } else {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(await readdir(out)).toEqual([`efile-${client}.zip`]);
    }
  });
});

describe('batch', () => {
  test('--all with one damaged client: reported, the others exported, exit 1', async () => {
    process.env.APSIS_NOW = NOW;
    const ws = await buildFixture();
    const docDir = join(ws, 'docs', `client~${CLIENT2}`);
    const upd = (await readdir(docDir)).filter((f) => /^u-.*\.yupd$/.test(f));
    await writeFile(join(docDir, upd[0]!), Buffer.from('garbage, not a Yjs update'));
    const out = await tmp();
    const r = await run(ws, ['export', 'efile', '--all', '--out', out, '--json']);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout) as ({ client: string; file: string; sha256: string } | { client: string; error: string })[];
    expect(summary.map((s) => s.client).sort()).toEqual([CLIENT2, CLIENT].sort());
    const bad = summary.find((s) => s.client === CLIENT2);
    expect(bad && 'error' in bad ? bad.error : '').toMatch(/damaged/);
    const good = summary.find((s) => s.client === CLIENT);
    expect(good && 'file' in good ? fileSha(good.file) : '').toBe(good && 'sha256' in good ? good.sha256 : 'x');
    expect(await readdir(out)).toEqual([`efile-${CLIENT}.zip`]);
    expect(r.stderr).toBe(''); // no progress: stderr is not a terminal
  });

  test('--group and --clients FILE select clients; unknown ids are failures of their own; a client listed twice is exported once', async () => {
    process.env.APSIS_NOW = NOW;
    const ws = await buildFixture();
    const out = await tmp();
    const g = await run(ws, ['export', 'efile', '--group', 'g-other', '--out', out, '--json']);
    expect(g.code).toBe(0);
    expect((JSON.parse(g.stdout) as { client: string }[]).map((s) => s.client)).toEqual([CLIENT2]);
    const list = join(out, 'clients.txt');
    // Also by a prefix of its id: the same client, one export (two at once would write one file).
    await writeFile(list, `# wanted\n${CLIENT}\nc-nobody\n${CLIENT}\n${CLIENT.slice(0, -1)}\n`);
    const l = await run(ws, ['export', 'efile', '--clients', list, '--out', join(out, 'l'), '--json']);
    expect(l.code).toBe(1);
    const s = JSON.parse(l.stdout) as Record<string, string>[];
    expect(s).toHaveLength(2);
    expect(s[0]).toMatchObject({ client: CLIENT });
    expect(s[0]!.error).toBeUndefined();
    expect(s[1]).toMatchObject({ client: 'c-nobody' });
    expect(s[1]!.error).toMatch(/no such client/);
    expect((await run(ws, ['export', 'efile', '--all', CLIENT])).code).toBe(2);
  });
});

describe('interrupt', () => {
  test('Ctrl-C (SIGINT) during an export leaves no partial file and no file under a final name', async () => {
    process.env.APSIS_NOW = NOW;
    const ws = await buildFixture({ extraVisits: 3000 });
    const out = await tmp();
    const seen: string[] = [];
    const watch = setInterval(() => {
      void readdir(out).then((f) => seen.push(...f), () => undefined);
    }, 5);
    let fired = false;
    const fire = setInterval(() => {
      // Interrupt once the partial file exists, i.e. in the middle of writing the ZIP.
      if (!fired && seen.some((f) => f.includes('.partial-'))) {
        fired = true;
        process.emit('SIGINT');
      }
    }, 2);
    try {
      const r = await run(ws, ['export', 'efile', '--all', '--out', out]);
      expect(fired).toBe(true);
      expect(r.code).toBe(130);
      expect(r.stderr).toMatch(/interrupted/);
      expect(await readdir(out)).toEqual([]);
    } finally {
      clearInterval(watch);
      clearInterval(fire);
    }
  });
});

describe('stableJson against a sorted copy (seeded)', () => {
  test('compact lines equal JSON.stringify of a key-sorted copy', () => {
    const seed = Number(process.env.SEED ?? 7);
    console.log(`stableJson property seed ${seed}`);
    let s = seed;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const gen = (d: number): unknown => {
      const r = rnd();
      if (d > 3 || r < 0.3) return [null, true, 1.5, -3, 'ā"\\\n', '', undefined][Math.floor(rnd() * 7)];
      if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => gen(d + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 5) }, () => [['b', 'a', 'Z', 'ž', '10', '9', '__proto__'][Math.floor(rnd() * 7)]!, gen(d + 1)]));
    };
    const sorted = (v: unknown): unknown => (Array.isArray(v) ? v.map(sorted) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v);
    for (let i = 0; i < 300; i++) {
      const v = { data: [gen(0), gen(0)] };
      expect(stableJson(v, 2)).toBe(`{\n  "data": [\n${v.data.map((x) => `    ${JSON.stringify(sorted(x)) ?? 'null'}`).join(',\n')}\n  ]\n}\n`);
    }
  });

  test('record lists of one shape (the key order reused), of a few, and with a stray __proto__', () => {
    const seed = Number(process.env.SEED ?? Date.now() % 100_000);
    console.log(`stableJson record-list seed ${seed}`);
    let s = seed;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    // Shapes in sorted order already (written without a copy when their values are flat) among them.
    const shapes = [['id', 'at', 'note', 'path'], ['b', 'a', '2', '10'], ['z', 'Ž', 'a'], ['id', 'at', 'note', 'path', '__proto__'], ['at', 'id', 'note', 'path'], ['2', '10', 'a', 'b']];
    const value = (): unknown => [null, 'ā"\\\n', 3, true, undefined, ['x', { q: 1, p: [2] }], { y: undefined, x: 'é' }, ['x', 2, null, undefined], new Date(0)][Math.floor(rnd() * 9)];
    const sorted = (v: unknown): unknown => (Array.isArray(v) ? v.map(sorted) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v);
    for (let i = 0; i < 50; i++) {
      const data = Array.from({ length: Math.floor(rnd() * 40) }, () => {
        const shape = shapes[rnd() < 0.8 ? 0 : Math.floor(rnd() * shapes.length)]!;
        return Object.fromEntries(shape.map((k) => [k, value()]));
      });
      const expected = data.length === 0 ? '[]' : `[\n${data.map((x) => `    ${JSON.stringify(sorted(x))}`).join(',\n')}\n  ]`;
      expect(stableJson({ data }, 2), `seed ${seed}, list ${i}`).toBe(`{\n  "data": ${expected}\n}\n`);
      // The same list made as it is written.
      expect(stableJson({ data: lazyList(data.length, (k) => data[k]) }, 2), `seed ${seed}, lazy list ${i}`).toBe(`{\n  "data": ${expected}\n}\n`);
    }
  });
});
