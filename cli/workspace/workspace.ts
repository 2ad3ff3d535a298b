/**
 * A local workspace: a folder with workspace.json (lowdb metadata), docs/ (Yjs documents) and a
 * lock. This is the imperative shell around core's DocRepo; CLI commands and the TUI go through it.
 */
import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import type * as Y from 'yjs';
import { clientDocId, ORG_DOC, parseDocId } from '../../core/doc/doc-id.js';
import { createClientDoc, readProfile } from '../../core/doc/client-doc.js';
import { createOrgDoc } from '../../core/doc/org-doc.js';
import { clientFacts } from '../../core/doc/client-facts.js';
import { readMeta } from '../../core/doc/meta.js';
import { LocalOrigin } from '../../core/doc/origin.js';
import type { ClientProfile, OrgSettings, Role } from '../../core/doc/schema.js';
import { ClientProfileSchema } from '../../core/doc/schema.js';
import type { ClientId, DocId } from '../../core/ids.js';
import { newId } from '../../core/ids.js';
import { CLIENT_VIEW } from '../../core/efile/client-view.js';
import { DocRepo } from '../../core/store/doc-repo.js';
import type { OpenResult } from '../../core/store/doc-repo.js';
import type { Issue } from '../../core/validate/issues.js';
import { parseWith } from '../../core/validate/issues.js';
import { createFileStorage } from '../store/file-storage.js';
import { lockWorkspace } from '../store/lock.js';
import type { CaseloadEntry, WorkspaceMeta } from '../store/workspace-meta.js';
import { compareCaseload, createMeta, inCaseloadOrder, META_FILE, META_FORMAT, openMeta } from '../store/workspace-meta.js';
import { writableFolder } from '../store/fs-reason.js';
import type { Clock } from './clock.js';
import { affectsVolunteerDocs, refreshVolunteerDocs } from '../sync/volunteer-docs.js';

export type WorkspaceError = { readonly code: 'missing' | 'damaged' | 'locked' | 'exists' | 'invalid' | 'unwritable'; readonly message: string };
export type WsResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WorkspaceError };

export interface LocalUser {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

export interface InitOptions {
  readonly user: LocalUser;
  readonly namespace: string;
  readonly demo?: boolean;
  readonly settings?: Partial<OrgSettings>;
  readonly language?: 'lv' | 'en';
}

const bytes = (n: number) => new Uint8Array(randomBytes(n));

/** The workspace.json of a new workspace (empty indexes, a fresh workspace id). */
export function newWorkspaceMeta(clock: Clock, options: InitOptions): WorkspaceMeta {
  return {
    format: META_FORMAT,
    workspaceId: newId<'WorkspaceId'>('ws', bytes),
    namespace: options.namespace,
    createdAt: clock.now().toISOString(),
    demo: options.demo ?? false,
    localUser: { ...options.user },
    settings: { language: options.language ?? 'lv', serverUrl: null, token: null },
    docs: {},
    caseload: {},
    syncCursors: {},
    scenario: null,
  };
}

/** Makes the folder of a new workspace (it may exist) and lists what it holds; or says why it cannot be made. */
export async function workspaceFolder(dir: string): Promise<{ readonly ok: true; readonly entries: string[] } | { readonly ok: false; readonly message: string }> {
  const unwritable = await writableFolder(dir);
  if (unwritable) return { ok: false, message: `cannot create a workspace in ${dir}: ${unwritable}. Nothing was written.` };
  return { ok: true, entries: await readdir(dir) };
}

/** Creates a new workspace in `dir` (which may exist but must not hold a workspace). */
export async function initWorkspace(dir: string, clock: Clock, options: InitOptions): Promise<WsResult<Workspace>> {
  const existing = await workspaceFolder(dir);
  if (!existing.ok) return { ok: false, error: { code: 'unwritable', message: existing.message } };
  if (existing.entries.includes(META_FILE)) {
    return { ok: false, error: { code: 'exists', message: `${dir} already holds a workspace; nothing was changed.` } };
  }
  if (existing.entries.includes('docs')) {
    return { ok: false, error: { code: 'exists', message: `${dir} has a docs/ folder but no ${META_FILE}; run \`apsis doctor\` instead of init. Nothing was changed.` } };
  }
  const lock = lockWorkspace(dir);
  if (!lock.ok) return { ok: false, error: { code: 'locked', message: lock.message } };
  const meta = newWorkspaceMeta(clock, options);
  const db = await createMeta(dir, meta);
  const ws = new Workspace(dir, db, clock, lock.release);
  const org = await ws.repo.create(ORG_DOC, (doc) => createOrgDoc(doc, { demo: meta.demo, ...options.settings }), ws.origin('workspace.init'));
  if (!org.ok) throw new Error('a fresh workspace cannot have a damaged org document');
  await ws.save();
  return { ok: true, value: ws };
}

/** Opens an existing workspace: takes the lock, validates workspace.json. */
export async function openWorkspace(dir: string, clock: Clock): Promise<WsResult<Workspace>> {
  try {
    if (!(await stat(dir)).isDirectory()) {
      return { ok: false, error: { code: 'missing', message: `${dir} is not a folder.` } };
    }
  } catch {
    return { ok: false, error: { code: 'missing', message: `No workspace at ${dir}. Run \`apsis init\` (or \`apsis demo\`) first.` } };
  }
  const lock = lockWorkspace(dir);
  if (!lock.ok) return { ok: false, error: { code: 'locked', message: lock.message } };
  const meta = await openMeta(dir);
  if (!meta.ok) {
    lock.release();
    return { ok: false, error: { code: meta.code, message: meta.message } };
  }
  return { ok: true, value: new Workspace(dir, meta.db, clock, lock.release) };
}

export interface CaseloadRow extends CaseloadEntry {
  readonly id: ClientId;
}

/** An open workspace. Close it to flush, compact and release the lock. */
export class Workspace {
  readonly repo: DocRepo;
  private readonly dirty = new Set<DocId>();
  private closed = false;

  constructor(
    readonly dir: string,
    private readonly db: Low<WorkspaceMeta>,
    readonly clock: Clock,
    private readonly releaseLock: () => void,
  ) {
    this.repo = new DocRepo(createFileStorage(join(dir, 'docs')), {
      now: () => clock.now().toISOString(),
      userId: db.data.localUser.id,
      views: CLIENT_VIEW,
    });
  }

  get meta(): Readonly<WorkspaceMeta> {
    return this.db.data;
  }

  get user(): LocalUser {
    return this.db.data.localUser;
  }

  /** The origin for one user action by the local user. */
  origin(action: string): LocalOrigin {
    return new LocalOrigin(this.user.id, action);
  }

  /** A new random id with a prefix (`c` client, `a` assessment …). */
  newId<B extends string>(prefix: string) {
    return newId<B>(prefix, bytes);
  }

  /** Opens a document and remembers to refresh indexes for it on save. */
  async doc(docId: DocId): Promise<OpenResult> {
    const res = await this.repo.get(docId);
    if (res.ok && !this.watched.has(docId)) this.watch(docId, res.doc);
    return res;
  }
  private readonly watched = new Set<DocId>();
  private readonly openListeners = new Set<(docId: DocId, doc: Y.Doc) => void>();

  private watch(docId: DocId, doc: Y.Doc): void {
    this.watched.add(docId);
    doc.on('update', () => this.dirty.add(docId));
    for (const fn of this.openListeners) fn(docId, doc);
  }

  /** Calls `fn` for every document opened from now on (and those already open): live sync follows what is in use. */
  onDocOpened(fn: (docId: DocId, doc: Y.Doc) => void): () => void {
    this.openListeners.add(fn);
    for (const docId of this.watched) {
      void this.repo.get(docId).then((r) => r.ok && fn(docId, r.doc));
    }
    return () => this.openListeners.delete(fn);
  }

  org(): Promise<OpenResult> {
    return this.doc(ORG_DOC);
  }

  client(id: ClientId): Promise<OpenResult> {
    return this.doc(clientDocId(id));
  }

  /** Adds a client from untrusted input (validated here); one transaction. */
  async addClient(input: Record<string, unknown>, source = 'input'): Promise<{ ok: true; id: ClientId } | { ok: false; issues: readonly Issue[]; source: string }> {
    const parsed = parseWith(ClientProfileSchema, { createdAt: this.clock.now().toISOString(), ...input });
    if (!parsed.ok) return { ok: false, issues: parsed.issues, source };
    const id = this.newId<'ClientId'>('c');
    const res = await this.repo.create(clientDocId(id), (doc) => createClientDoc(doc, id, parsed.value), this.origin('client.add'));
    if (!res.ok) throw new Error(`a new client document cannot be damaged: ${JSON.stringify(res.error)}`);
    this.watch(clientDocId(id), res.doc);
    this.dirty.add(clientDocId(id));
    return { ok: true, id };
  }

  /** Marks a document for index refresh at the next save (for documents created through `repo`). */
  markDirty(docId: DocId): void {
    this.dirty.add(docId);
  }

  /** Whether `id` is a client of the caseload (no sort: the Latvian collator takes ~10 ms to start). */
  hasClient(id: string): id is ClientId {
    return Object.hasOwn(this.db.data.caseload, id);
  }

  /** The caseload index (sorted by name in Latvian order), fast: no document is opened. */
  caseload(): CaseloadRow[] {
    // Stored in this order (inCaseloadOrder at every write), so the sort is one pass.
    return Object.entries(this.db.data.caseload)
      .map(([id, e]) => ({ ...e, id: id as ClientId }))
      .sort(compareCaseload);
  }

  /** Refreshes the index entries of one document from its content. */
  private indexDoc(docId: DocId, doc: Y.Doc): void {
    const ref = parseDocId(docId);
    const kind = readMeta(doc).kind;
    const now = this.clock.now().toISOString();
    if (kind) this.db.data.docs[docId] = { kind, updatedAt: now };
    if (ref?.kind === 'client') {
      const profile = readProfile(doc);
      if (profile.ok) this.db.data.caseload[ref.clientId] = { ...caseloadEntry(profile.value, now), facts: clientFacts(doc) };
    }
  }

  /**
   * Lists documents in the organisation document's `docIndex`, so a laptop that syncs for the first
   * time learns which client and schedule documents exist (the relay lists no rooms).
   */
  private async registerDocs(docIds: readonly DocId[]): Promise<void> {
    const fresh = docIds.filter((d) => d !== ORG_DOC && parseDocId(d));
    if (fresh.length === 0) return;
    const org = await this.repo.get(ORG_DOC);
    if (!org.ok || readMeta(org.doc).kind !== 'org') return;
    const index = org.doc.getMap<string>('docIndex');
    const missing = fresh.filter((d) => !index.has(d));
    if (missing.length === 0) return;
    org.doc.transact(() => {
      for (const d of missing) index.set(d, parseDocId(d)!.kind);
    }, this.origin('workspace.index'));
  }

  /** Documents the organisation knows of (its `docIndex`) plus every stored one, sorted. */
  async knownDocs(): Promise<DocId[]> {
    const all = new Set<DocId>(await this.repo.list());
    const org = await this.repo.get(ORG_DOC);
    if (org.ok) for (const d of org.doc.getMap<string>('docIndex').keys()) if (parseDocId(d)) all.add(d as DocId);
    all.add(ORG_DOC);
    return [...all].sort();
  }

  /** Rebuilds the document and caseload indexes from every stored document (doctor, after sync). */
  async reindex(): Promise<{ issues: string[] }> {
    const issues: string[] = [];
    this.db.data.docs = {};
    this.db.data.caseload = {};
    for (const docId of await this.repo.list()) {
      const res = await this.repo.get(docId);
      if (!res.ok) {
        issues.push(res.error.code === 'damaged' ? `${res.error.file}: ${res.error.detail}` : `${docId}: schema version ${res.error.version} is newer than this apsis`);
        continue;
      }
      this.indexDoc(docId, res.doc);
    }
    this.db.data.caseload = inCaseloadOrder(this.db.data.caseload);
    await this.db.write();
    return { issues };
  }

  /** Makes every change so far durable and refreshes indexes. Call after each user action. */
  async save(): Promise<void> {
    await this.repo.flush();
    if (this.dirty.size === 0) return;
    // Derived volunteer documents first, so they are indexed and saved with the rest.
    if (affectsVolunteerDocs(this.user.role, this.dirty)) for (const d of await refreshVolunteerDocs(this, [...this.dirty])) this.dirty.add(d);
    for (const docId of this.dirty) {
      const res = await this.repo.get(docId);
      if (res.ok) this.indexDoc(docId, res.doc);
    }
    await this.registerDocs([...this.dirty]);
    await this.repo.flush();
    this.dirty.clear();
    this.db.data.caseload = inCaseloadOrder(this.db.data.caseload);
    await this.db.write();
  }

  /** Sets (or clears) the training scenario shown as a banner. */
  async setScenario(scenario: WorkspaceMeta['scenario']): Promise<void> {
    this.db.data.scenario = scenario;
    await this.db.write();
  }

  /** Updates settings in workspace.json. */
  async setSettings(patch: Partial<WorkspaceMeta['settings']>): Promise<void> {
    this.db.data.settings = { ...this.db.data.settings, ...patch };
    await this.db.write();
  }

  /** Saves, compacts long logs and releases the lock. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.save();
      await this.repo.close();
    } finally {
      this.releaseLock();
    }
  }
}

export function caseloadEntry(p: ClientProfile, updatedAt: string): CaseloadEntry {
  return { name: `${p.familyName} ${p.givenName}`, careGroupId: p.careGroupId, status: p.status, updatedAt };
}
