/**
 * Creates a demo workspace from a seed: each care group — its client documents (with care records)
 * and its first week — is generated on a worker thread, the organisation document here, each document in one
 * transaction and one update. Everything goes to a staging folder, made durable at once and moved into place,
 * and workspace.json is written last: a crash leaves no half world that looks complete.
 */
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fillOrgDoc } from '../../core/demo/documents.js';
import type { WeekFigures } from '../../core/demo/week-figures.js';
import { addFigures, NO_FIGURES } from '../../core/demo/week-figures.js';
import type { DemoSize, DemoWorld } from '../../core/demo/world.js';
import { generateWorld } from '../../core/demo/world.js';
import { clientDocId, ORG_DOC, parseDocId, parseIsoWeek } from '../../core/doc/doc-id.js';
import { isoWeekOf, weekDates } from '../../core/schedule/week/calendar.js';
import { syncDir, syncTree } from '../store/durable.js';
import { writeNewDoc } from '../store/file-storage.js';
import { lockWorkspace } from '../store/lock.js';
import { createMeta, META_FILE } from '../store/workspace-meta.js';
import type { Clock } from '../workspace/clock.js';
import { newWorkspaceMeta, workspaceFolder } from '../workspace/workspace.js';
import type { DemoJobResult } from './jobs.js';
import { encodeDoc } from './jobs.js';
import { createDemoPool } from './pool.js';

/** Solver steps per day and care group for the first week (a step budget keeps the week reproducible). */
// large: 15 steps assign 97.9 % of the first week (30: 98.2 %, 10: 97.8 %) for about 1.2 s less solver time per thread.
const STEPS_PER_DAY: Record<DemoSize, number> = { small: 2000, medium: 600, large: 15 };
const STAGING = '.demo-new';

export interface DemoSummary {
  readonly world: DemoWorld;
  readonly threads: number;
  readonly scheduledVisits: number;
  readonly unassignedVisits: number;
  /** The first week of all care groups together. */
  readonly figures: WeekFigures;
}

export type CreateResult = { readonly ok: true; readonly value: DemoSummary } | { readonly ok: false; readonly message: string };

/** Generates the world of `size` and `seed` into `dir` (which must hold no workspace). */
export async function createDemoWorld(dir: string, clock: Clock, o: { size: DemoSize; seed: number; threads: number }): Promise<CreateResult> {
  const folder = await workspaceFolder(dir);
  if (!folder.ok) return folder;
  const existing = folder.entries;
  if (existing.includes(META_FILE) || existing.includes('docs')) return { ok: false, message: `${dir} already holds a workspace (or its docs/ folder); nothing was changed.` };
  const lock = lockWorkspace(dir);
  if (!lock.ok) return { ok: false, message: lock.message };
  const staging = join(dir, STAGING);
  try {
    return await generateInto(dir, staging, clock, o);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    // docs/ and workspace.json did not exist when we took the lock: a docs/ without the index is ours.
    if (!(await readdir(dir)).includes(META_FILE)) await rm(join(dir, 'docs'), { recursive: true, force: true });
    return { ok: false, message: `the demo world could not be written to ${dir}: ${err instanceof Error ? err.message : String(err)}. Nothing was kept.` };
  } finally {
    lock.release();
  }
}

/** The generation proper: staging folder, threads, organisation document, then into place. */
async function generateInto(dir: string, staging: string, clock: Clock, o: { size: DemoSize; seed: number; threads: number }): Promise<CreateResult> {
  await rm(staging, { recursive: true, force: true }); // left by a run that crashed
  const docsDir = join(staging, 'docs');
  await mkdir(docsDir, { recursive: true });
  const now = clock.now().toISOString();
  const today = now.slice(0, 10);
  const world = generateWorld(o.size, o.seed, today);
  const coordinator = world.staff.find((s) => s.roles.includes('coordinator')) ?? world.staff[0]!;
  const meta = { userId: coordinator.id, at: now, action: 'demo.generate' };

  const unplaced = world.clients.filter((c) => !world.careGroups.some((g) => g.id === c.profile.careGroupId));
  if (unplaced.length > 0) throw new Error(`demo generator bug: ${unplaced[0]!.id} belongs to no care group`);
  const week = parseIsoWeek(isoWeekOf(today))!;
  const dates = weekDates(week);
  // No more threads than care groups (a small world is generated in this thread, without start-up cost).
  const pool = createDemoPool(Math.min(o.threads, world.careGroups.length));
  let groups: DemoJobResult[];
  try {
    // One job per care group (its clients, then its week): the threads never wait for each other.
    groups = await Promise.all(world.careGroups.map((g) => pool.run({ size: o.size, seed: o.seed, today, group: g.id, week, dates, stepsPerDay: STEPS_PER_DAY[o.size], docsDir, meta })));
  } finally {
    await pool.close();
  }
  const rows = groups.flatMap((g) => g.rows).sort((x, y) => (x.id < y.id ? -1 : 1));
  const weeks = groups.map((g) => ({ docId: g.scheduleDocId, figures: g.figures }));

  const docIds = [ORG_DOC, ...rows.map((r) => clientDocId(r.id)), ...weeks.map((w) => w.docId)];
  const org = encodeDoc(ORG_DOC, JSON.stringify([ORG_DOC, world, docIds]), (doc) => fillOrgDoc(doc, world, docIds));
  await writeNewDoc(docsDir, ORG_DOC, org.update, meta);

  // Durable at once (the documents were written without fsync), into place, then the index: only a complete world becomes a workspace.
  await syncTree(docsDir);
  await rename(docsDir, join(dir, 'docs'));
  await syncDir(dir);
  await rm(staging, { recursive: true, force: true });
  const ws = newWorkspaceMeta(clock, { user: { id: coordinator.id, name: coordinator.name, role: 'coordinator' }, namespace: world.namespace, demo: true });
  for (const d of docIds) ws.docs[d] = { kind: parseDocId(d)!.kind, updatedAt: now };
  for (const r of rows) ws.caseload[r.id] = r.entry;
  await createMeta(dir, ws);
  await syncDir(dir);
  const figures = weeks.reduce((sum, w) => addFigures(sum, w.figures), NO_FIGURES);
  return { ok: true, value: { world, threads: pool.threads, scheduledVisits: figures.assigned, unassignedVisits: figures.visits - figures.assigned, figures } };
}
