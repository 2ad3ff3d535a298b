/**
 * The piece of demo world generation that runs on a worker thread (or in process): one care group —
 * its clients' documents (care records, index rows), then its first week. Each document is built in
 * one transaction under a clientID derived from its content, so the same seed gives the same bytes
 * whatever the thread count, and two independently generated copies of a world hold the very same
 * Yjs items (they merge into one world instead of doubling or shadowing each other).
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { generateDemoCare } from '../../core/demo/care.js';
import { fillClientDoc, scheduleInputsOf } from '../../core/demo/documents.js';
import type { WeekFigures } from '../../core/demo/week-figures.js';
import { weekFigures } from '../../core/demo/week-figures.js';
import type { DemoSize, DemoWorld } from '../../core/demo/world.js';
import { generateWorld } from '../../core/demo/world.js';
import { clientFacts } from '../../core/doc/client-facts.js';
import type { IsoWeek } from '../../core/doc/doc-id.js';
import { clientDocId, scheduleDocId } from '../../core/doc/doc-id.js';
import { createScheduleDoc, putVisit } from '../../core/doc/schedule-doc.js';
import type { CareGroupId, ClientId, DocId } from '../../core/ids.js';
import type { UpdateMeta } from '../../core/store/storage.js';
import { planWeek } from '../../core/schedule/week/plan-week.js';
import type { ClientForWeek, TaskForWeek } from '../../core/schedule/week/visit-requests.js';
import { buildVisitRequests } from '../../core/schedule/week/visit-requests.js';
import type { Catalogues } from '../../core/catalogue/parse.js';
import { loadCatalogues } from '../catalogue/load.js';
import { catalogueTaskRules, qualificationLookup } from '../schedule/operations.js';
import { writeNewDoc } from '../store/file-storage.js';
import type { CaseloadEntry } from '../store/workspace-meta.js';
import { caseloadEntry } from '../workspace/workspace.js';

/** One care group of a world: its clients and its first week. */
export interface DemoJob {
  readonly size: DemoSize;
  readonly seed: number;
  readonly today: string;
  readonly group: string;
  readonly week: IsoWeek;
  readonly dates: readonly string[];
  /** Solver steps per day: a budget in steps, not seconds, so the week is the same on any machine. */
  readonly stepsPerDay: number;
  readonly docsDir: string;
  readonly meta: UpdateMeta;
}

export interface DemoJobResult {
  readonly group: string;
  /** The group's clients and their caseload index entries (workspace.json), as `Workspace.save` writes them. */
  readonly rows: { readonly id: ClientId; readonly entry: CaseloadEntry }[];
  readonly scheduleDocId: DocId;
  /** The first week: visits, assigned, minutes in visits and travel against contracted minutes. */
  readonly figures: WeekFigures;
}

/** What a thread keeps between the jobs of one world: the worlds it generated and the catalogue lookups. */
export interface WorldCache {
  readonly worlds: Map<string, DemoWorld>;
  lookups: Lookups | null;
}

interface Lookups {
  readonly catalogues: Catalogues;
  readonly qualificationOf: ReturnType<typeof qualificationLookup>;
  readonly rules: ReturnType<typeof catalogueTaskRules>;
}

/** An empty cache for a thread. */
export function createWorldCache(): WorldCache {
  return { worlds: new Map(), lookups: null };
}

function worldOf(cache: WorldCache, size: DemoSize, seed: number, today: string): DemoWorld {
  const key = `${size}/${seed}/${today}`;
  let world = cache.worlds.get(key);
  if (!world) cache.worlds.set(key, (world = generateWorld(size, seed, today)));
  return world;
}

/** The catalogues and what scheduling reads of them, read from data/ once per thread (not once per job). */
function lookupsOf(cache: WorldCache): Lookups {
  if (cache.lookups) return cache.lookups;
  const catalogues = loadCatalogues();
  if (!catalogues.ok) throw new Error('the catalogues in data/ are invalid (run `apsis doctor`)');
  return (cache.lookups = { catalogues: catalogues.value, qualificationOf: qualificationLookup(), rules: catalogueTaskRules() });
}

/** A Yjs clientID (uint32, never 0) from a document's content: equal content, equal items. */
export function contentClientId(content: string): number {
  const h = createHash('sha256').update(content).digest();
  return h.readUInt32BE(0) || 1;
}

/** Builds a document in one transaction under its content-derived clientID; returns the update and what `fill` read. */
export function encodeDoc<T>(docId: DocId, content: string, fill: (doc: Y.Doc) => T): { update: Uint8Array; value: T } {
  const doc = new Y.Doc({ guid: docId });
  doc.clientID = contentClientId(content);
  try {
    let value!: T;
    doc.transact(() => {
      value = fill(doc);
    });
    return { update: Y.encodeStateAsUpdate(doc), value };
  } finally {
    doc.destroy();
  }
}

/** Runs writes of new documents into the staging folder with at most `limit` in flight (made durable at the end, see create-world.ts). */
function stagingWriter(root: string, meta: UpdateMeta, limit = 16) {
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  const check = () => {
    if (failure) throw failure.error;
  };
  return {
    async add(docId: DocId, update: Uint8Array): Promise<void> {
      while (inFlight.size >= limit) await Promise.race(inFlight);
      check();
      const p: Promise<void> = writeNewDoc(root, docId, update, meta)
        .then(
          () => undefined,
          (error: unknown) => {
            failure ??= { error };
          },
        )
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    },
    async done(): Promise<void> {
      await Promise.all(inFlight);
      check();
    },
  };
}

/** Generates one care group: writes its client documents and its week's schedule document. */
export async function runDemoJob(job: DemoJob, cache: WorldCache): Promise<DemoJobResult> {
  const { catalogues, qualificationOf, rules } = lookupsOf(cache);
  const world = worldOf(cache, job.size, job.seed, job.today);
  const out = stagingWriter(job.docsDir, job.meta);
  const staff = world.staff.filter((s) => s.careGroupId === job.group);
  const groupHas = (qualification: string) => staff.some((s) => s.active && s.qualifications.includes(qualification));
  const members = world.clients.map((c, i) => [c, i] as const).filter(([c]) => c.profile.careGroupId === job.group);
  const rows: DemoJobResult['rows'][number][] = [];
  const clients: ClientForWeek[] = [];
  const tasks: TaskForWeek[] = [];
  // A few clients at a time: their records are dropped once written, so the heap stays small.
  for (let k = 0; k < members.length; k += 25) {
    const slice = members.slice(k, k + 25);
    const wanted = new Set(slice.map(([, i]) => i));
    const care = generateDemoCare(world, catalogues, world.settings.ruleTableId, job.today, 8, (i) => wanted.has(i));
    for (const [c] of slice) {
      const records = care.get(c.id);
      const docId = clientDocId(c.id as ClientId);
      const { update, value: facts } = encodeDoc(docId, JSON.stringify([docId, c, records ?? null]), (doc) => {
        fillClientDoc(doc, c, records);
        return clientFacts(doc);
      });
      await out.add(docId, update);
      rows.push({ id: c.id as ClientId, entry: { ...caseloadEntry(c.profile, job.meta.at), facts } });
      if (c.profile.status !== 'active') continue;
      const inputs = scheduleInputsOf(c, records, qualificationOf, groupHas);
      clients.push(inputs.client);
      tasks.push(...inputs.tasks);
    }
  }

  const { requests } = buildVisitRequests(clients, tasks, job.dates, rules);
  // The budget is iterations on a stopped clock: the same week on every machine, whatever its load.
  const plan = planWeek({ dates: job.dates, requests, staff, absences: world.absences, clients, existing: [], seconds: 1, seed: job.seed, now: () => 0, rules, maxIterations: job.stepsPerDay });
  const scheduleDoc = scheduleDocId(job.week, job.group as CareGroupId);
  const { update } = encodeDoc(scheduleDoc, JSON.stringify([scheduleDoc, plan.visits]), (doc) => {
    createScheduleDoc(doc, job.week, job.group as CareGroupId);
    for (const v of plan.visits) {
      const put = putVisit(doc, v);
      if (!put.ok) throw new Error(`the scheduler produced an invalid visit: ${JSON.stringify(put.issues)}`);
    }
  });
  await out.add(scheduleDoc, update);
  await out.done();
  const travel = plan.days.reduce((sum, d) => sum + d.kpis.travelMinutes, 0);
  const figures = weekFigures(plan.visits, travel, staff, world.absences, job.dates, (v) => rules.resourceOf(v.taskCodes) !== undefined);
  return { group: job.group, rows, scheduleDocId: scheduleDoc, figures };
}
