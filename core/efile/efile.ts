/**
 * The client e-file as data: which entries the ZIP holds, in which order, and what each says.
 * Pure: the shell (cli/efile/) reads the workspace, renders PDF specs, hashes and zips. Same input,
 * same entries, same bytes: that is what makes a re-export byte-identical.
 */
import type { ClientCollection, ClientRecord } from '../doc/client-doc.js';
import type { ClientProfile, PlanItem, TaskRecord, VisitRecord } from '../doc/schema.js';
import { SCHEMA_VERSION } from '../doc/schema.js';
import type { FieldChange } from '../history/replay.js';
import type { LastChanges, RecordRef } from './as-of.js';
import { asOf, changedAt, lastChanges, later } from './as-of.js';
import type { TextSink } from './format.js';
import { byString, collect, html, lazyList, safeName, stableJson, writeCsv, writeStableJson } from './format.js';
import type { PdfBlock, PdfSpec, PdfTableRow } from './pdf-spec.js';
import { isTableNote } from './pdf-spec.js';

/** Version of the e-file layout (entry paths, JSON envelopes, manifest); bump when it changes. */
export const EFILE_FORMAT = 2;

export interface EfilePerson {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

export interface EfileInput {
  readonly clientId: string;
  readonly profile: ClientProfile;
  readonly collections: { readonly [C in ClientCollection]: readonly ClientRecord<C>[] };
  /** Field changes in append order (from replayHistory). */
  readonly history: readonly FieldChange[];
  /** Staff id → name (from the organisation document). */
  readonly staffNames: Readonly<Record<string, string>>;
  readonly orgName: string;
  /** ISO date-time of the export: the entry dates, PDF dates and manifest time. */
  readonly exportedAt: string;
  readonly exportedBy: EfilePerson;
  readonly software: { readonly name: string; readonly version: string };
  readonly demo: boolean;
}

/**
 * Entry content, produced on demand: the shell renders one entry at a time, so memory stays flat.
 * Long texts also come as `write` (the same text in pieces), which the shell encodes as they come.
 */
export type EntryContent = { readonly kind: 'text'; readonly text: () => string; readonly write?: (out: TextSink) => void } | { readonly kind: 'pdf'; readonly spec: () => PdfSpec };

type Lazy<T> = T | (() => T);
const force = <T>(v: Lazy<T>): T => (typeof v === 'function' ? (v as () => T)() : v);

export interface EfileEntry {
  readonly path: string;
  readonly content: EntryContent;
}

/** One line of the index: a document and its files (PDF, JSON …). */
export interface IndexItem {
  readonly section: string;
  readonly title: string;
  readonly detail: string;
  readonly files: readonly { readonly label: string; readonly path: string }[];
}

export interface HashedEntry {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export const MANIFEST_PATH = 'manifest.json';
export const INDEX_PATH = 'index.html';

/** The change log of exports is access metadata, not care content: left out so re-exports are identical. */
export const EXPORTS_COLLECTION = 'exports';

export function clientName(p: Pick<ClientProfile, 'givenName' | 'familyName'>): string {
  return `${p.givenName} ${p.familyName}`;
}

const OUTCOME_LV: Record<string, string> = {
  done: 'izpildīts',
  partly: 'daļēji',
  postponed: 'atlikts',
  moved: 'pārcelts',
  handed_over: 'nodots',
  refused: 'atteicās',
};
const RESULT_LV: Record<string, string> = { achieved: 'sasniegts', partly: 'daļēji', not_achieved: 'nav sasniegts' };

/** "2026-11-23T07:00:00.000Z" → "2026-11-23 07:00" (UTC, as stored). */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '';
  // Most times are UTC ("…Z"): no zone to look for (a work sheet formats two per row).
  const zone = iso.endsWith('Z') ? null : /([+-]\d{2}:\d{2})$/.exec(iso);
  return `${iso.slice(0, 16).replace('T', ' ')}${zone ? ` ${zone[1]}` : ''}`;
}

function envelope(input: EfileInput, kind: string, data: unknown, compactDepth = Infinity): string {
  return stableJson({ clientId: input.clientId, data, efileFormat: EFILE_FORMAT, kind, schemaVersion: SCHEMA_VERSION }, compactDepth);
}

/** envelope(), in pieces. */
function writeEnvelope(out: TextSink, input: EfileInput, kind: string, data: unknown, compactDepth: number): void {
  writeStableJson(out, { clientId: input.clientId, data, efileFormat: EFILE_FORMAT, kind, schemaVersion: SCHEMA_VERSION }, compactDepth);
}

/** Work sheet rows: one per task execution; a visit without tasks still gives one row. */
export interface WorksheetRow {
  readonly visit: VisitRecord | null;
  readonly task: TaskRecord | null;
}

export function worksheetRows(visits: readonly VisitRecord[], tasks: readonly TaskRecord[]): WorksheetRow[] {
  const byVisit = new Map<string, TaskRecord[]>();
  for (const t of tasks) {
    const list = byVisit.get(t.visitRecordId);
    if (list) list.push(t);
    else byVisit.set(t.visitRecordId, [t]);
  }
  // Records are mostly stored in the order they were made, which is this order: checked, not sorted again.
  const sortedVisits = inOrder(visits, byVisitTime) ? visits : [...visits].sort(byVisitTime);
  const rows: WorksheetRow[] = [];
  const seen = new Set<string>();
  let placed = 0;
  for (const v of sortedVisits) {
    const first = !seen.has(v.id);
    seen.add(v.id);
    const ts = byVisit.get(v.id);
    if (!ts) {
      rows.push({ visit: v, task: null });
      continue;
    }
    if (!inOrder(ts, byRecordTime)) ts.sort(byRecordTime);
    for (const t of ts) rows.push({ visit: v, task: t });
    // Each task is counted once, under the first record of its visit.
    if (first) placed += ts.length;
  }
  // Every task under its visit: none without one.
  if (placed === tasks.length) return rows;
  const orphans = tasks.filter((t) => !seen.has(t.visitRecordId)).sort(byRecordTime);
  for (const t of orphans) rows.push({ visit: null, task: t });
  return rows;
}

const byVisitTime = (a: VisitRecord, b: VisitRecord) => byString(a.date, b.date) || byString(a.arrivedAt ?? '', b.arrivedAt ?? '') || byString(a.id, b.id);
const byRecordTime = (a: TaskRecord, b: TaskRecord) => byString(a.recordedAt, b.recordedAt) || byString(a.id, b.id);

/** Whether `list` is in `order` already (a sort would leave it as it is). */
function inOrder<T>(list: readonly T[], order: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (order(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

/** Named destination of a month in its year's work-sheet PDF (`2026-11` → `m2026-11`). */
export function worksheetAnchor(month: string): string {
  return `m${safeName(month)}`;
}

function rowMonth(r: WorksheetRow): string {
  return (r.visit?.date ?? r.task?.recordedAt ?? '0000-00').slice(0, 7);
}

/** Task code → readable name, from the client's plan items (the code itself when unknown). */
export function taskNames(items: readonly PlanItem[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const i of [...items].sort((a, b) => byString(a.id, b.id))) if (i.taskCode && i.taskText && !m.has(i.taskCode)) m.set(i.taskCode, i.taskText);
  return m;
}

export interface WorksheetContext {
  readonly staffNames: Readonly<Record<string, string>>;
  readonly taskNames: ReadonlyMap<string, string>;
}

function staff(ctx: { readonly staffNames: Readonly<Record<string, string>> }, id: string | null | undefined): string {
  if (!id) return '';
  return ctx.staffNames[id] ?? id;
}

function taskLabel(ctx: WorksheetContext, code: string): string {
  const name = ctx.taskNames.get(code);
  return name ? `${name} (${code})` : code;
}

const WORKSHEET_COLUMNS = [
  { label: 'Datums', width: 62 },
  { label: 'Laiks', width: 62 },
  { label: 'Darbinieks', width: 85 },
  { label: 'Uzdevumi un izpilde / tasks and outcome', width: 306 },
] as const;

/** A task execution on one line: the task, its outcome, its note and to whom it was handed. */
function taskLine(ctx: WorksheetContext, t: TaskRecord): string {
  const note = t.note ? ` · ${t.note}` : '';
  const handed = t.handedTo ? ` → ${staff(ctx, t.handedTo)}` : '';
  return `${taskLabel(ctx, t.taskCode)} — ${OUTCOME_LV[t.outcome] ?? t.outcome}${note}${handed}`;
}

/**
 * A work sheet's table rows: one per visit (date, time, worker, then each task execution on a line
 * of its own), then the visit's note across the columns after the date; a task record without its
 * visit is a row of its own. `withClient` puts a client column first.
 */
export function worksheetTableRows(rows: readonly WorksheetRow[], ctx: WorksheetContext, withClient?: (r: WorksheetRow) => string): PdfTableRow[] {
  const out: PdfTableRow[] = [];
  for (let i = 0; i < rows.length; ) {
    const r = rows[i]!;
    // The rows of one visit are consecutive (worksheetRows).
    let end = i + 1;
    if (r.visit) while (end < rows.length && rows[end]!.visit === r.visit) end++;
    const tasks: string[] = [];
    for (let k = i; k < end; k++) {
      const t = rows[k]!.task;
      if (t) tasks.push(taskLine(ctx, t));
    }
    const time = r.visit ? [r.visit.arrivedAt, r.visit.leftAt].map((t) => (t ? t.slice(11, 16) : '…')).join('–') : '';
    const cells = [r.visit?.date ?? (r.task ? r.task.recordedAt.slice(0, 10) : ''), time, staff(ctx, r.visit?.staffId ?? r.task?.recordedBy), tasks.length > 0 ? tasks.join('\n') : '—'];
    out.push(withClient ? [withClient(r), ...cells] : cells);
    if (r.visit?.note) out.push({ note: `${VISIT_NOTE}: ${r.visit.note}`, from: withClient ? 2 : 1 });
    i = end;
  }
  return out;
}

/** The label of a visit's note in a work sheet. */
const VISIT_NOTE = 'Piezīme par apmeklējumu / visit note';

export function worksheetTable(rows: readonly WorksheetRow[], ctx: WorksheetContext): PdfBlock {
  return { kind: 'table', columns: WORKSHEET_COLUMNS, rows: worksheetTableRows(rows, ctx), empty: 'Nav ierakstu / no records' };
}

/**
 * Every page's footer: organisation, software, and a time — the state the document shows when it
 * is dated by it (`asOf`, as-of.ts), else the export or print time.
 */
function footer(input: Pick<EfileInput, 'exportedAt' | 'demo' | 'software' | 'orgName'>, asOf: string | null = null): string {
  const when = asOf === null ? shortTime(input.exportedAt) : `stāvoklis / as of ${shortTime(asOf)}`;
  return `${input.orgName ? `${input.orgName} · ` : ''}APSis ${input.software.version} · ${when} UTC${input.demo ? ' · DEMO' : ''}`;
}

function fields(pairs: readonly (readonly [string, string | number | boolean | null | undefined])[], heading?: string): PdfBlock {
  const list = pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'jā' : 'nē') : String(v)] as const);
  return heading === undefined ? { kind: 'fields', fields: list } : { kind: 'fields', heading, fields: list };
}

/** Builds the PDF spec of plans (one client), used for the e-file and `apsis print plan`. */
export function planBlocks(input: Pick<EfileInput, 'collections' | 'staffNames'>, planId: string): PdfBlock[] {
  const plan = input.collections.plans.find((p) => p.id === planId);
  if (!plan) return [];
  const items = input.collections.planItems.filter((i) => i.planId === planId).sort((a, b) => a.order - b.order || byString(a.id, b.id));
  const evals = input.collections.evaluations.filter((e) => e.planId === planId).sort((a, b) => byString(a.evaluatedAt, b.evaluatedAt) || byString(a.id, b.id));
  return [
    fields([
      ['Plāna veids / kind', plan.kind],
      ['Statuss / status', plan.status],
      ['Izveidots / created', shortTime(plan.createdAt)],
      ['Izveidoja / created by', staff(input, plan.createdBy)],
      ['Novērtējums / assessment', plan.assessmentId],
      ['Saskaņots ar klientu / agreed', plan.agreedWithClient],
      ['Saskaņots / agreed on', plan.agreedOn],
    ]),
    {
      kind: 'table',
      heading: 'Problēmas, mērķi, uzdevumi',
      columns: [
        { label: 'Problēma', width: 95 },
        { label: 'Mērķis', width: 95 },
        { label: 'Uzdevums', width: 105 },
        { label: 'Biežums', width: 60 },
        { label: 'Termiņš', width: 58 },
        { label: 'Sagaidāmais rezultāts', width: 102 },
      ],
      rows: items.map((i) => [
        i.problem,
        i.goal,
        [i.taskText || i.taskCode, i.durationMin ? `${i.durationMin} min` : '', i.responsibleId ? staff(input, i.responsibleId) : ''].filter((s) => s).join(', '),
        [i.frequency, i.timeOfDay].filter((s) => s).join(', '),
        i.deadline ?? '',
        i.expectedResult,
      ]),
      empty: 'Plānā nav ierakstu / no items',
    },
    {
      kind: 'table',
      heading: 'Izvērtējumi / evaluations',
      columns: [
        { label: 'Datums', width: 90 },
        { label: 'Rezultāts', width: 80 },
        { label: 'Izvērtēja', width: 100 },
        { label: 'Pamatojums', width: 245 },
      ],
      rows: evals.map((e) => [shortTime(e.evaluatedAt), RESULT_LV[e.result] ?? e.result, staff(input, e.evaluatedBy), e.reason]),
      empty: 'Nav izvērtējumu / none yet',
    },
  ];
}

function subtitle(input: Pick<EfileInput, 'profile' | 'clientId'>): string {
  const p = input.profile;
  return `${clientName(p)}${p.personalCode ? `, p.k. ${p.personalCode}` : ''}${p.birthDate ? `, dz. ${p.birthDate}` : ''} · ${input.clientId}`;
}

/** The PDF spec for `apsis print plan`: every plan of the client, active ones first. */
export function planPrintSpec(input: Pick<EfileInput, 'collections' | 'staffNames' | 'profile' | 'clientId' | 'exportedAt' | 'demo' | 'software' | 'orgName'>): PdfSpec {
  const plans = [...input.collections.plans].sort((a, b) => byString(a.status, b.status) || byString(b.createdAt, a.createdAt) || byString(a.id, b.id));
  const blocks: PdfBlock[] = [];
  for (const p of plans) blocks.push({ kind: 'text', heading: `Plāns ${p.id}`, text: '' }, ...planBlocks(input, p.id));
  if (plans.length === 0) blocks.push({ kind: 'text', text: 'Klientam nav plāna / the client has no plan.' });
  return { title: 'Aprūpes plāns / care plan', subtitle: subtitle(input), blocks, footer: footer(input) };
}

/**
 * A line of history.json: the change and its user's name (what `{ ...h, userName }` gives), made
 * in sorted key order so that it is written without a sorted copy; the type names every field.
 */
function historyLine(h: FieldChange, userName: string): { readonly [K in keyof FieldChange | 'userName']: unknown } {
  return { action: h.action, at: h.at, field: h.field, kind: h.kind, new: h.new, old: h.old, path: h.path, userId: h.userId, userName };
}

const HISTORY_HEADER = ['at', 'user_id', 'user_name', 'action', 'kind', 'path', 'field', 'old', 'new'] as const;

/** Every entry of the e-file in ZIP order, without manifest.json (which needs the hashes). */
export function planEfile(input: EfileInput): { entries: EfileEntry[]; index: IndexItem[] } {
  const c = input.collections;
  const entries: EfileEntry[] = [];
  const index: IndexItem[] = [];
  let changes: LastChanges | null = null;
  // Each PDF is dated by the latest change to the records it shows: `dated` finds it (null: none
  // recorded, then the export dates it).
  const pdf = (path: string, title: string, blocks: Lazy<PdfBlock[]>, dated: (changes: LastChanges) => string | null) =>
    entries.push({
      path,
      content: {
        kind: 'pdf',
        spec: () => {
          const at = dated((changes ??= lastChanges(input.history)));
          const base = { title, subtitle: subtitle(input), blocks: force(blocks), footer: footer(input, at) };
          return at === null ? base : { ...base, date: at };
        },
      },
    });
  const text = (path: string, t: Lazy<string>) => entries.push({ path, content: { kind: 'text', text: () => force(t) } });
  const long = (path: string, write: (out: TextSink) => void) => entries.push({ path, content: { kind: 'text', text: () => collect(write), write } });
  const name = clientName(input.profile);

  // Client profile.
  text('client/profile.json', envelope(input, 'profile', { id: input.clientId, ...input.profile }));
  pdf('client/profile.pdf', 'Klienta dati / client', [
    fields([
      ['Vārds, uzvārds / name', name],
      ['Personas kods / personal code', input.profile.personalCode],
      ['Dzimšanas datums / birth date', input.profile.birthDate],
      ['Adrese / address', input.profile.address],
      ['Tālrunis / phone', input.profile.phone],
      ['Aprūpes grupa / care group', input.profile.careGroupId],
      ['Dzīvo viens / lives alone', input.profile.livesAlone],
      ['Statuss / status', input.profile.status],
      ['Reģistrēts / created', shortTime(input.profile.createdAt)],
    ]),
  ], (ch) => changedAt(ch, 'profile'));
  index.push({ section: 'Klients / client', title: name, detail: input.clientId, files: [{ label: 'PDF', path: 'client/profile.pdf' }, { label: 'JSON', path: 'client/profile.json' }] });

  // Assessments, and decisions (approved assessments).
  for (const a of c.assessments) {
    const base = `assessments/${safeName(a.id)}`;
    pdf(`${base}.pdf`, 'Novērtējums / assessment', [
      fields([
        ['Instruments', `${a.instrumentId} ${a.instrumentVersion}`],
        ['Statuss / status', a.status],
        ['Novērtēja / assessor', staff(input, a.assessorId)],
        ['Izveidots / created', shortTime(a.createdAt)],
        ['Iesniegts / submitted', shortTime(a.submittedAt)],
        ['Apstiprināja / approver', staff(input, a.approverId)],
        ['Lēmums / decided', shortTime(a.decidedAt)],
        ['Atgriešanas iemesls / returned because', a.returnReason],
        ['Atkārtots novērtējums / reassess due', a.reassessDue],
        ['Piezīmes / note', a.note],
      ]),
      {
        kind: 'table',
        heading: 'Atbildes / answers',
        columns: [
          { label: 'Jautājums / item', width: 260 },
          { label: 'Atbilde / answer', width: 255 },
        ],
        rows: Object.keys(a.answers)
          .sort(byString)
          .map((k) => [k, a.answers[k] ?? '']),
        empty: 'Nav atbilžu / no answers',
      },
    ], (ch) => changedAt(ch, 'assessments', a.id));
    text(`${base}.json`, envelope(input, 'assessment', a));
    index.push({ section: 'Novērtējumi / assessments', title: `${a.instrumentId} ${a.instrumentVersion}`, detail: `${a.status}, ${shortTime(a.createdAt)}`, files: [{ label: 'PDF', path: `${base}.pdf` }, { label: 'JSON', path: `${base}.json` }] });
  }
  for (const a of c.assessments.filter((x) => x.status === 'approved')) {
    const base = `decisions/${safeName(a.id)}`;
    const services = c.services.filter((s) => s.assessmentId === a.id).sort((x, y) => byString(x.from, y.from) || byString(x.id, y.id));
    pdf(`${base}.pdf`, 'Lēmums / decision', [
      fields([
        ['Novērtējums / assessment', `${a.id} (${a.instrumentId} ${a.instrumentVersion})`],
        ['Lēmuma datums / decided', shortTime(a.decidedAt)],
        ['Apstiprināja / approver', staff(input, a.approverId)],
        ['Noteikumu tabula / rule table', a.ruleTable],
        ['Atkārtots novērtējums / reassess due', a.reassessDue],
      ]),
      {
        kind: 'table',
        heading: 'Piešķirtie pakalpojumi / services granted',
        columns: [
          { label: 'Pakalpojums', width: 110 },
          { label: 'No', width: 65 },
          { label: 'Līdz', width: 65 },
          { label: 'h/ned.', width: 45 },
          { label: 'Statuss', width: 50 },
          { label: 'Pamatojums', width: 180 },
        ],
        rows: services.map((s) => [s.serviceCode, s.from, s.until ?? '', s.hoursPerWeek === null ? '' : String(s.hoursPerWeek), s.status, s.reason]),
        empty: 'Nav piešķirtu pakalpojumu / none',
      },
    ], (ch) => asOf(ch, [['assessments', a.id], ...services.map((x): RecordRef => ['services', x.id])]));
    text(`${base}.json`, envelope(input, 'decision', { assessment: a, services }));
    index.push({ section: 'Lēmumi / decisions', title: `${a.instrumentId} ${a.instrumentVersion}`, detail: shortTime(a.decidedAt), files: [{ label: 'PDF', path: `${base}.pdf` }, { label: 'JSON', path: `${base}.json` }] });
  }

  // Plans and evaluations.
  for (const p of c.plans) {
    const base = `plans/${safeName(p.id)}`;
    const items = c.planItems.filter((i) => i.planId === p.id).sort((a, b) => a.order - b.order || byString(a.id, b.id));
    pdf(`${base}.pdf`, 'Aprūpes plāns / care plan', planBlocks(input, p.id), (ch) =>
      asOf(ch, [['plans', p.id], ...items.map((i): RecordRef => ['planItems', i.id]), ...c.evaluations.filter((e) => e.planId === p.id).map((e): RecordRef => ['evaluations', e.id])]),
    );
    text(`${base}.json`, envelope(input, 'plan', { items, plan: p }));
    index.push({ section: 'Plāni / plans', title: p.kind, detail: `${p.status}, ${shortTime(p.createdAt)}`, files: [{ label: 'PDF', path: `${base}.pdf` }, { label: 'JSON', path: `${base}.json` }] });
  }
  for (const e of c.evaluations) {
    const base = `evaluations/${safeName(e.id)}`;
    const item = e.planItemId ? c.planItems.find((i) => i.id === e.planItemId) : undefined;
    pdf(`${base}.pdf`, 'Izvērtējums / evaluation', [
      fields([
        ['Plāns / plan', e.planId],
        ['Problēma / problem', item?.problem],
        ['Mērķis / goal', item?.goal],
        ['Rezultāts / result', RESULT_LV[e.result] ?? e.result],
        ['Pamatojums / reason', e.reason],
        ['Izvērtēja / evaluated by', staff(input, e.evaluatedBy)],
        ['Datums / at', shortTime(e.evaluatedAt)],
      ]),
    ], (ch) => later(changedAt(ch, 'evaluations', e.id), item ? changedAt(ch, 'planItems', item.id) : null));
    text(`${base}.json`, envelope(input, 'evaluation', e));
    index.push({ section: 'Izvērtējumi / evaluations', title: RESULT_LV[e.result] ?? e.result, detail: shortTime(e.evaluatedAt), files: [{ label: 'PDF', path: `${base}.pdf` }, { label: 'JSON', path: `${base}.json` }] });
  }

  // Work sheets by month.
  const ctx: WorksheetContext = { staffNames: input.staffNames, taskNames: taskNames(c.planItems) };
  const rows = worksheetRows(c.visitRecords, c.taskRecords);
  const months = new Map<string, WorksheetRow[]>();
  for (const r of rows) {
    const m = rowMonth(r);
    const list = months.get(m);
    if (list) list.push(r);
    else months.set(m, [r]);
  }
  // One PDF per year, a section (new page, bookmark, named destination) per month: ten years of
  // history are ten PDFs, not 120; the index still links every month to its own page.
  const years = new Map<string, string[]>();
  for (const m of [...months.keys()].sort(byString)) {
    const y = m.slice(0, 4);
    const list = years.get(y);
    if (list) list.push(m);
    else years.set(y, [m]);
  }
  for (const [y, ms] of years) {
    const pdfPath = `worksheets/${safeName(y)}.pdf`;
    pdf(
      pdfPath,
      `Darba lapas / work sheets ${y}`,
      () => ms.flatMap((m) => [{ kind: 'section', heading: `Darba lapa / work sheet ${m}`, anchor: worksheetAnchor(m) } as const, worksheetTable(months.get(m) ?? [], ctx)]),
      (changes) => {
        // A loop, not a list of refs: a year has thousands of rows.
        let at: string | null = null;
        for (const m of ms) {
          for (const r of months.get(m) ?? []) {
            at = later(at, r.visit ? changedAt(changes, 'visitRecords', r.visit.id) : null);
            at = later(at, r.task ? changedAt(changes, 'taskRecords', r.task.id) : null);
          }
        }
        return at;
      },
    );
    for (const m of ms) {
      const monthRows = months.get(m) ?? [];
      const base = `worksheets/${safeName(m)}`;
      const visitIds = new Set<string>();
      const visits: VisitRecord[] = [];
      for (const r of monthRows) {
        if (r.visit && !visitIds.has(r.visit.id)) {
          visitIds.add(r.visit.id);
          visits.push(r.visit);
        }
      }
      long(`${base}.json`, (out) => writeEnvelope(out, input, 'worksheet', { month: m, tasks: monthRows.flatMap((r) => (r.task ? [r.task] : [])), visits }, 3));
      index.push({ section: 'Darba lapas / work sheets', title: m, detail: `${visits.length} apmeklējumi / visits, ${monthRows.filter((r) => r.task).length} uzdevumi / tasks`, files: [{ label: 'PDF', path: `${pdfPath}#nameddest=${worksheetAnchor(m)}` }, { label: 'JSON', path: `${base}.json` }] });
    }
  }

  // Other records as JSON. Visit and task records are JSON once, in their month's work sheet
  // (format 1 had them again in records/visits.json and tasks.json: for ten years, 5.7 MB twice).
  const other: [string, string, readonly unknown[]][] = [
    ['gp-statements', 'Ārsta izziņas / GP statements', c.gpStatements],
    ['services', 'Pakalpojumi / services', c.services],
    ['observations', 'Novērojumi / observations', c.observations],
    ['alerts', 'Brīdinājumi / alerts', c.alerts],
  ];
  for (const [file, title, list] of other) {
    long(`records/${file}.json`, (out) => writeEnvelope(out, input, file, list, 2));
    index.push({ section: 'Ieraksti / records', title, detail: `${list.length}`, files: [{ label: 'JSON', path: `records/${file}.json` }] });
  }

  // CSV of visit and task records: one row per task execution.
  long('records/visits-tasks.csv', (out) =>
    writeCsv(
      out,
      ['visit_id', 'date', 'staff_id', 'staff_name', 'arrived_at', 'left_at', 'scheduled_visit_id', 'visit_note', 'task_record_id', 'task_code', 'task_name', 'outcome', 'task_note', 'handed_to', 'recorded_by', 'recorded_at'],
      lazyList(rows.length, (i) => {
        const r = rows[i]!;
        return [
        r.visit?.id,
        r.visit?.date,
        r.visit?.staffId,
        r.visit ? staff(input, r.visit.staffId) : '',
        r.visit?.arrivedAt,
        r.visit?.leftAt,
        r.visit?.scheduledVisitId,
        r.visit?.note,
        r.task?.id,
        r.task?.taskCode,
        r.task ? (ctx.taskNames.get(r.task.taskCode) ?? '') : '',
        r.task?.outcome,
        r.task?.note,
        r.task?.handedTo,
        r.task?.recordedBy,
        r.task?.recordedAt,
      ];
      }),
    ),
  );
  index.push({ section: 'Ieraksti / records', title: 'Apmeklējumi un uzdevumi (CSV) / visits and tasks', detail: `${rows.length}`, files: [{ label: 'CSV', path: 'records/visits-tasks.csv' }] });

  // History: who changed what, when.
  const kept = input.history.filter((h) => h.path[0] !== EXPORTS_COLLECTION);
  // Lines made as they are written: no list of 33,000 rows or objects is held for it.
  long('history.csv', (out) => writeCsv(out, HISTORY_HEADER, lazyList(kept.length, (i) => { const h = kept[i]!; return [h.at, h.userId, staff(input, h.userId), h.action, h.kind, h.path.join('/'), h.field, h.old, h.new]; })));
  long('history.json', (out) => writeEnvelope(out, input, 'history', lazyList(kept.length, (i) => historyLine(kept[i]!, staff(input, kept[i]!.userId))), 2));
  index.push({ section: 'Vēsture / history', title: 'Kas, ko un kad mainīja / who changed what, when', detail: `${kept.length}`, files: [{ label: 'CSV', path: 'history.csv' }, { label: 'JSON', path: 'history.json' }] });

  index.push({ section: 'Eksports / export', title: 'Kontrolsummas / checksums', detail: 'SHA-256', files: [{ label: 'JSON', path: MANIFEST_PATH }] });
  return { entries: [{ path: INDEX_PATH, content: { kind: 'text', text: () => indexHtml(input, index) } }, ...entries], index };
}

/** index.html: a plain page any browser opens from the unzipped folder; links to every entry. */
export function indexHtml(input: EfileInput, index: readonly IndexItem[]): string {
  const name = clientName(input.profile);
  const sections: string[] = [];
  const order: string[] = [];
  const bySection = new Map<string, IndexItem[]>();
  for (const i of index) {
    if (!bySection.has(i.section)) {
      order.push(i.section);
      bySection.set(i.section, []);
    }
    bySection.get(i.section)?.push(i);
  }
  for (const s of order) {
    const items = bySection.get(s) ?? [];
    const lis = items.map((i) => `<li>${html(i.title)} <small>${html(i.detail)}</small> ${i.files.map((f) => `<a href="${html(f.path)}">${html(f.label)}</a>`).join(' ')}</li>`);
    sections.push(`<h2>${html(s)}</h2>\n<ul>\n${lis.join('\n')}\n</ul>`);
  }
  return `<!DOCTYPE html>
<html lang="lv">
<head>
<meta charset="utf-8">
<title>${html(name)} · e-lieta</title>
<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}small{color:#555}li{margin:.2em 0}a{margin-left:.4em}</style>
</head>
<body>
<h1>${html(name)}</h1>
<p>Klienta e-lieta / client e-file · ${html(input.clientId)}${input.orgName ? ` · ${html(input.orgName)}` : ''}</p>
<p>Eksportēja / exported by ${html(input.exportedBy.name)} (${html(input.exportedBy.role)}), ${html(shortTime(input.exportedAt))} UTC · ${html(input.software.name)} ${html(input.software.version)}${input.demo ? ' · <strong>DEMO</strong>' : ''}</p>
${sections.join('\n')}
</body>
</html>
`;
}

/** manifest.json: every other entry's path, size and SHA-256, and who exported when with what. */
export function manifestJson(input: Pick<EfileInput, 'clientId' | 'profile' | 'exportedAt' | 'exportedBy' | 'software' | 'demo'>, entries: readonly HashedEntry[]): string {
  return stableJson({
    client: { id: input.clientId, name: clientName(input.profile) },
    demo: input.demo,
    efileFormat: EFILE_FORMAT,
    entries: entries.map((e) => ({ path: e.path, sha256: e.sha256, size: e.size })),
    exportedAt: input.exportedAt,
    exportedBy: input.exportedBy,
    schemaVersion: SCHEMA_VERSION,
    software: input.software,
  });
}

export interface ManifestEntry {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** Reads the entry list of a manifest (untrusted input): null when it is not a manifest. */
export function parseManifest(text: string): ManifestEntry[] | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || !Array.isArray((v as { entries?: unknown }).entries)) return null;
  const out: ManifestEntry[] = [];
  for (const e of (v as { entries: unknown[] }).entries) {
    if (typeof e !== 'object' || e === null) return null;
    const { path, size, sha256 } = e as Record<string, unknown>;
    if (typeof path !== 'string' || typeof size !== 'number' || typeof sha256 !== 'string') return null;
    out.push({ path, size, sha256 });
  }
  return out;
}

/** Differences between a manifest and the entries found (hashed) in the archive; empty when they agree. */
export function compareManifest(manifest: readonly ManifestEntry[], found: readonly HashedEntry[]): string[] {
  const problems: string[] = [];
  const have = new Map(found.map((f) => [f.path, f]));
  const listed = new Set<string>();
  for (const m of manifest) {
    listed.add(m.path);
    const f = have.get(m.path);
    if (!f) problems.push(`missing: ${m.path}`);
    else if (f.sha256 !== m.sha256) problems.push(`differs: ${m.path} (sha256 ${f.sha256}, manifest says ${m.sha256})`);
    else if (f.size !== m.size) problems.push(`differs: ${m.path} (size ${f.size}, manifest says ${m.size})`);
  }
  for (const f of found) if (f.path !== MANIFEST_PATH && !listed.has(f.path)) problems.push(`not in manifest: ${f.path}`);
  return problems;
}

export interface WorkerSheetVisit {
  readonly clientId: string;
  readonly clientName: string;
  readonly address: string;
  readonly start: number;
  readonly durationMin: number;
  readonly taskCodes: readonly string[];
}

export interface WorkerSheetClientRecords {
  readonly clientId: string;
  readonly clientName: string;
  readonly visits: readonly VisitRecord[];
  readonly tasks: readonly TaskRecord[];
  readonly taskNames: ReadonlyMap<string, string>;
}

function hhmm(min: number): string {
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

/** A worker's work sheet for one day: planned visits (schedule) and what was recorded. */
export function workerSheetSpec(input: {
  readonly worker: { readonly id: string; readonly name: string };
  readonly date: string;
  readonly planned: readonly WorkerSheetVisit[];
  readonly recorded: readonly WorkerSheetClientRecords[];
  readonly staffNames: Readonly<Record<string, string>>;
  readonly printedAt: string;
  readonly demo: boolean;
  readonly software: { readonly name: string; readonly version: string };
  readonly orgName: string;
}): PdfSpec {
  const planned = [...input.planned].sort((a, b) => a.start - b.start || byString(a.clientId, b.clientId));
  const names = new Map<string, string>();
  for (const r of input.recorded) for (const [k, v] of r.taskNames) if (!names.has(k)) names.set(k, v);
  const rows: PdfTableRow[] = [];
  for (const r of [...input.recorded].sort((a, b) => byString(a.clientName, b.clientName) || byString(a.clientId, b.clientId))) {
    const ctx: WorksheetContext = { staffNames: input.staffNames, taskNames: r.taskNames };
    // Client, time, tasks (the date is the sheet's, the worker its own); a visit's note from the time on.
    for (const row of worksheetTableRows(worksheetRows(r.visits, r.tasks), ctx, () => r.clientName)) rows.push(isTableNote(row) ? { note: row.note, from: 1 } : [0, 2, 4].map((i) => row[i] ?? ''));
  }
  return {
    title: `Darba lapa / work sheet ${input.date}`,
    subtitle: `${input.worker.name} · ${input.worker.id}`,
    footer: footer({ exportedAt: input.printedAt, demo: input.demo, software: input.software, orgName: input.orgName }),
    blocks: [
      {
        kind: 'table',
        heading: 'Plānotie apmeklējumi / planned visits',
        columns: [
          { label: 'Laiks', width: 60 },
          { label: 'Klients', width: 110 },
          { label: 'Adrese', width: 150 },
          { label: 'Uzdevumi', width: 195 },
        ],
        rows: planned.map((v) => [`${hhmm(v.start)}–${hhmm(v.start + v.durationMin)}`, v.clientName, v.address, v.taskCodes.map((c) => (names.get(c) ? `${names.get(c)} (${c})` : c)).join(', ')]),
        empty: 'Nav plānotu apmeklējumu / no planned visits',
      },
      {
        kind: 'table',
        heading: 'Izpildītais / recorded',
        columns: [
          { label: 'Klients', width: 110 },
          { label: 'Laiks', width: 60 },
          { label: 'Uzdevumi un izpilde / tasks and outcome', width: 345 },
        ],
        rows,
        empty: 'Nav ierakstu / no records',
      },
    ],
  };
}
