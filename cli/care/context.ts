/** What the care commands share: the validated catalogues, the rule table in force, a client's document and proposal. */
import type * as Y from 'yjs';
import type { Catalogues } from '../../core/catalogue/parse.js';
import { listClientRecords, readProfile } from '../../core/doc/client-doc.js';
import { readSettings } from '../../core/doc/org-doc.js';
import type { Assessment } from '../../core/doc/schema.js';
import type { ClientId } from '../../core/ids.js';
import type { PipelineResult } from '../../core/translation/pipeline.js';
import { assessAndTranslate } from '../../core/translation/pipeline.js';
import { loadCatalogues } from '../catalogue/load.js';
import type { Output } from '../output.js';
import type { Workspace } from '../workspace/workspace.js';
import { findClient } from '../commands/client.js';

/** Loads the catalogues or prints every problem (file, path, reason). */
export function catalogueOrFail(o: Output): Catalogues | null {
  const res = loadCatalogues();
  if (res.ok) return res.value;
  o.err(`apsis: the catalogues in data/ are invalid; nothing was loaded:\n${res.issues.map((i) => `${i.file}: ${i.path}: ${i.message}`).join('\n')}`);
  return null;
}

/** The rule table of the organisation (settings), else `riga`. */
export async function ruleTableId(ws: Workspace, catalogues: Catalogues): Promise<string> {
  const org = await ws.org();
  const settings = org.ok ? readSettings(org.doc) : null;
  const id = settings?.ok ? settings.value.ruleTableId : '';
  return id && catalogues.ruleTables.has(id) ? id : catalogues.ruleTables.has('riga') ? 'riga' : [...catalogues.ruleTables.keys()][0]!;
}

/** Finds and opens a client's document, printing why not. */
export async function openClient(ws: Workspace, o: Output, ref: string): Promise<{ id: ClientId; doc: Y.Doc } | null> {
  const id = findClient(ws, o, ref);
  if (!id) return null;
  const opened = await ws.client(id);
  if (!opened.ok) {
    o.err(`apsis: ${opened.error.code === 'damaged' ? `${opened.error.file} is damaged (${opened.error.detail}). ${opened.error.hint}` : 'the client document is newer than this apsis; upgrade apsis.'}`);
    return null;
  }
  return { id, doc: opened.doc };
}

/** The latest approved assessment per instrument: what the care decision rests on. */
export function approvedBasis(doc: Y.Doc): Assessment[] {
  const latest = new Map<string, Assessment>();
  for (const a of listClientRecords(doc, 'assessments').records) {
    if (a.status !== 'approved') continue;
    const prev = latest.get(a.instrumentId);
    if (!prev || (a.decidedAt ?? '') > (prev.decidedAt ?? '')) latest.set(a.instrumentId, a);
  }
  return [...latest.values()].sort((a, b) => a.instrumentId.localeCompare(b.instrumentId));
}

/** Scores and translates the given assessments for a client as of `today`. */
export function proposalFor(catalogues: Catalogues, doc: Y.Doc, assessments: readonly Assessment[], table: string, today: string): PipelineResult {
  const profile = readProfile(doc);
  return assessAndTranslate(catalogues, assessments, table, {
    profile: profile.ok ? profile.value : null,
    gpStatements: listClientRecords(doc, 'gpStatements').records,
    today,
  });
}

/**
 * The proposal a client's care decision rests on: the approved assessments scored and translated
 * as of `today`. Prints why not (no approved assessment, unknown instrument) and returns null.
 */
export async function approvedProposal(
  ws: Workspace,
  o: Output,
  catalogues: Catalogues,
  doc: Y.Doc,
  command: string,
  today: string,
): Promise<{ basis: Assessment[]; proposal: Extract<PipelineResult, { ok: true }>['proposal'] } | null> {
  const basis = approvedBasis(doc);
  if (basis.length === 0) {
    o.err(`apsis ${command}: this client has no approved assessment yet (apsis assess … → submit → approve).`);
    return null;
  }
  const res = proposalFor(catalogues, doc, basis, await ruleTableId(ws, catalogues), today);
  if (!res.ok) {
    o.err(`apsis ${command}: ${res.issues.join('; ')}`);
    return null;
  }
  return { basis, proposal: res.proposal };
}
