/**
 * One-shot sync of local documents with the relay (`apsis sync`): for every document open a
 * y-websocket provider on room `<namespace>/<docId>`, exchange differences both ways, and wait
 * until the relay acknowledged (stored) what this side had.
 */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { covers, serverStep1, toBytes } from './ack.js';

export interface SyncOnceOptions {
  /** Relay URL, e.g. `ws://127.0.0.1:8080`. */
  url: string;
  token: string;
  namespace: string;
  docs: Map<string, Y.Doc>;
  timeoutMs?: number;
  /** Documents synced at once (default 32). */
  concurrency?: number;
}

export interface DocSyncResult {
  docId: string;
  pushedBytes: number;
  pulledBytes: number;
}

export type SyncOnceResult = { ok: true; perDoc: DocSyncResult[] } | { ok: false; reason: string; docId?: string };

interface ListenableSocket {
  addEventListener(type: 'message', fn: (ev: { data: unknown }) => void): void;
}

/** Syncs one document; resolves once the relay has acknowledged everything this side has. */
export function syncDocOnce(url: string, token: string, room: string, docId: string, doc: Y.Doc, timeoutMs: number): Promise<DocSyncResult> {
  return new Promise((resolve, reject) => {
    let pulledBytes = 0;
    let pushedBytes = 0;
    let step1Seen = 0;
    let done = false;
    const provider = new WebsocketProvider(url, room, doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 1000,
    });
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === provider) pulledBytes += update.byteLength;
    };
    doc.on('update', onUpdate);
    const finish = (err: Error | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      doc.off('update', onUpdate);
      provider.destroy();
      if (err) reject(err);
      else resolve({ docId, pushedBytes, pulledBytes });
    };
    const timer = setTimeout(() => finish(new Error(`timeout syncing ${docId}`)), timeoutMs);
    provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected' || !provider.ws) return;
      step1Seen = 0;
      (provider.ws as unknown as ListenableSocket).addEventListener('message', (ev) => {
        const bytes = toBytes(ev.data);
        const sv = bytes ? serverStep1(bytes) : null;
        if (!sv) return;
        step1Seen++;
        if (step1Seen === 1) {
          pushedBytes = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(sv)).byteLength;
          return;
        }
        // Later step 1s come after the relay stored our step 2: done once it holds all we have.
        if (covers(sv, doc) && provider.synced) finish(null);
      });
    });
    provider.on('closed', ({ code, reason }: { code: number; reason: string }) => finish(new Error(`relay closed ${docId}: ${code} ${reason}`)));
  });
}

/** Syncs all documents (a few at a time); stops at the first refusal. */
export async function syncDocsOnce(o: SyncOnceOptions): Promise<SyncOnceResult> {
  const timeoutMs = o.timeoutMs ?? 10_000;
  const entries = [...o.docs.entries()];
  const perDoc: DocSyncResult[] = new Array<DocSyncResult>(entries.length);
  let failure: { reason: string; docId: string } | null = null;
  let next = 0;
  const worker = async () => {
    while (next < entries.length && !failure) {
      const i = next++;
      const [docId, doc] = entries[i]!;
      try {
        perDoc[i] = await syncDocOnce(o.url, o.token, `${o.namespace}/${docId}`, docId, doc, timeoutMs);
      } catch (err) {
        failure ??= { reason: err instanceof Error ? err.message : String(err), docId };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 32, entries.length) }, worker));
  if (failure) return { ok: false, ...(failure as { reason: string; docId: string }) };
  return { ok: true, perDoc };
}
