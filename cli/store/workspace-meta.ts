/**
 * Workspace metadata in lowdb (workspace.json): who the local user is, settings, the document
 * index, the caseload index and sync cursors. Everything here can be rebuilt from the documents,
 * except the local user and settings. Read and validated once; a damaged file is named, never overwritten.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { RoleSchema } from '../../core/doc/schema.js';
import type { Parsed } from '../../core/validate/issues.js';
import { describeIssues, parseWith } from '../../core/validate/issues.js';
import { isCaseloadIndex, isDocsIndex } from './meta-index-check.js';

export const META_FILE = 'workspace.json';
export const META_FORMAT = 1;

export const CaseloadEntrySchema = z.object({
  name: z.string(),
  careGroupId: z.string().nullable(),
  status: z.enum(['active', 'ended']),
  updatedAt: z.string(),
  /** Facts for list markers (see core/doc/client-facts.ts); absent in indexes written before them. */
  facts: z
    .object({
      reassessDue: z.string().nullable(),
      gpValidUntil: z.string().nullable(),
      contraindication: z.boolean(),
      openAlerts: z.number(),
      emergencyAlerts: z.number(),
      submittedAssessments: z.number(),
    })
    .optional(),
});
export type CaseloadEntry = z.infer<typeof CaseloadEntrySchema>;

export const WorkspaceMetaSchema = z.object({
  format: z.literal(META_FORMAT),
  workspaceId: z.string().min(1),
  /** Namespace of this organisation's rooms on a relay; demo worlds start with `demo`. */
  namespace: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
  createdAt: z.string(),
  demo: z.boolean(),
  localUser: z.object({ id: z.string(), name: z.string(), role: RoleSchema }),
  settings: z.object({
    language: z.enum(['lv', 'en']).default('lv'),
    serverUrl: z.string().nullable().default(null),
    token: z.string().nullable().default(null),
  }),
  docs: z.record(z.string(), z.object({ kind: z.enum(['org', 'client', 'schedule', 'volunteer']), updatedAt: z.string() })),
  caseload: z.record(z.string(), CaseloadEntrySchema),
  syncCursors: z.record(z.string(), z.string()),
  /** The training scenario in force (demo workspaces): its task is shown as a banner. */
  scenario: z.object({ name: z.string(), task: z.object({ lv: z.string(), en: z.string() }), startedAt: z.string() }).nullable().default(null),
});
export type WorkspaceMeta = z.infer<typeof WorkspaceMetaSchema>;

export type MetaResult =
  | { readonly ok: true; readonly db: Low<WorkspaceMeta> }
  | { readonly ok: false; readonly code: 'missing' | 'damaged'; readonly message: string };

/** Opens and validates workspace.json. Uses the JSONFile adapter directly (the lowdb presets go in-memory under NODE_ENV=test). */
export async function openMeta(dir: string): Promise<MetaResult> {
  const file = join(dir, META_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { ok: false, code: 'missing', message: `${dir} is not an APSis workspace (no ${META_FILE}). Run \`apsis init\` first.` };
    }
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      code: 'damaged',
      message: `${file} is damaged: not valid JSON (${(err as Error).message}). Nothing was changed. Restore it from a backup, or move it aside and run \`apsis doctor\` to rebuild it from the documents.`,
    };
  }
  const parsed = parseMeta(json);
  if (!parsed.ok) {
    return {
      ok: false,
      code: 'damaged',
      message: `${describeIssues(file, parsed.issues)}\nNothing was changed. Fix the field above, or move the file aside and run \`apsis doctor\`.`,
    };
  }
  const db = new Low<WorkspaceMeta>(new JSONFile<WorkspaceMeta>(file), parsed.value);
  db.data = parsed.value;
  return { ok: true, db };
}

/**
 * Validates workspace.json. The big indexes pass a hand-written check of their schema's shape (the
 * start of the terminal UI waits for this); zod checks the rest, and everything when one fails.
 */
export function parseMeta(json: unknown): Parsed<WorkspaceMeta> {
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const { docs, caseload } = json as Record<string, unknown>;
    if (isDocsIndex(docs) && isCaseloadIndex(caseload)) {
      const head = parseWith(WorkspaceMetaSchema, { ...json, docs: {}, caseload: {} });
      return head.ok ? { ok: true, value: { ...head.value, docs, caseload: caseload as WorkspaceMeta['caseload'] } } : head;
    }
  }
  return parseWith(WorkspaceMetaSchema, json);
}

let collator: Intl.Collator | null = null;

/** Caseload order: by name in Latvian order, then by id. */
export function compareCaseload(a: { readonly id: string; readonly name: string }, b: { readonly id: string; readonly name: string }): number {
  collator ??= new Intl.Collator('lv');
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The caseload with its entries in caseload order (as is when already so: one pass). Kept so on
 * disk, the UI's first-frame sort of thousands of clients is one pass instead of ~30,000 compares.
 */
export function inCaseloadOrder(caseload: WorkspaceMeta['caseload']): WorkspaceMeta['caseload'] {
  const rows = Object.entries(caseload).map(([id, e]) => ({ id, name: e.name, e }));
  if (rows.every((r, i) => i === 0 || compareCaseload(rows[i - 1]!, r) <= 0)) return caseload;
  return Object.fromEntries(rows.sort(compareCaseload).map((r) => [r.id, r.e]));
}

/** Writes a fresh workspace.json (only by `init`, into a folder that has none). */
export async function createMeta(dir: string, meta: WorkspaceMeta): Promise<Low<WorkspaceMeta>> {
  meta = { ...meta, caseload: inCaseloadOrder(meta.caseload) };
  const db = new Low<WorkspaceMeta>(new JSONFile<WorkspaceMeta>(join(dir, META_FILE)), meta);
  db.data = meta;
  await db.write();
  return db;
}
