/** What the main thread and the e-file worker threads (pool.ts, render-worker.ts) say to each other. */
import type { Role } from '../../core/doc/schema.js';
import type { EfileInput } from '../../core/efile/efile.js';
import type { ClientId } from '../../core/ids.js';

/** Staff id → name, and the organisation name: the parts of the organisation an e-file shows. */
export interface OrgInfo {
  readonly staffNames: Readonly<Record<string, string>>;
  readonly orgName: string;
}

/** Who exports, in which workspace: what the access check and the e-file's header need (a Workspace has this shape). */
export interface ExportContext {
  readonly user: { readonly id: string; readonly name: string; readonly role: Role };
  readonly meta: { readonly demo: boolean };
}

/** A client read and exported entirely on a worker: from the workspace's `docs/` folder, read-only. */
export interface StoredExportJob {
  readonly docsDir: string;
  readonly client: ClientId;
  readonly org: OrgInfo;
  readonly exportedAt: string;
  readonly ctx: ExportContext;
  readonly final: string;
}

/** What a worker is asked: render a prepared client, or read and render a stored one. */
export type WorkerTask = { readonly kind: 'render'; readonly input: EfileInput; readonly final: string } | ({ readonly kind: 'export' } & StoredExportJob);

/** A task as sent, with the id its reply carries. */
export type WorkerJob = WorkerTask & { readonly id: number };

/** A ZIP written on a worker (`name`: the client's, for export jobs). */
export interface WorkerZip {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly name: string;
}

/** The answer to a job; `ok: null`: the main thread must do this client (its document must be opened, or it is too large). */
export type WorkerReply = ({ readonly ok: true } & WorkerZip) | { readonly ok: false; readonly message: string } | { readonly ok: null };
