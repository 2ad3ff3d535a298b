/**
 * Live sync for the TUI: keeps one provider per document connected, reports online/offline and how
 * many local changes the relay has not yet acknowledged, reconnects with backoff (y-websocket's own,
 * capped by `maxBackoffMs`). A refusal (4401/4403/4400) stops reconnecting and is reported.
 */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { covers, serverStep1, toBytes } from './ack.js';

export interface LiveSyncStatus {
  online: boolean;
  /** Local changes not yet acknowledged by the relay, over all documents. */
  pending: number;
  /** Set when the relay refused a document (code and reason); cleared by `start()`. */
  refused: { docId: string; code: number; reason: string } | null;
}

export interface LiveSyncOptions {
  url: string;
  token: string;
  namespace: string;
  maxBackoffMs?: number;
}

interface Entry {
  provider: WebsocketProvider;
  doc: Y.Doc;
  pending: number;
  online: boolean;
  offUpdate: () => void;
}

export class LiveSync {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(s: LiveSyncStatus) => void>();
  private refused: LiveSyncStatus['refused'] = null;

  constructor(private readonly opts: LiveSyncOptions) {}

  /** Starts syncing a document (no-op when already added). */
  add(docId: string, doc: Y.Doc): void {
    if (this.entries.has(docId)) return;
    const provider = new WebsocketProvider(this.opts.url, `${this.opts.namespace}/${docId}`, doc, {
      params: { token: this.opts.token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: this.opts.maxBackoffMs ?? 5000,
    });
    const onUpdate = (_u: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      entry.pending++;
      this.emit();
    };
    doc.on('update', onUpdate);
    const entry: Entry = { provider, doc, pending: 0, online: false, offUpdate: () => doc.off('update', onUpdate) };
    this.entries.set(docId, entry);
    provider.on('status', ({ status }: { status: string }) => {
      entry.online = status === 'connected';
      if (entry.online && provider.ws) {
        (provider.ws as unknown as { addEventListener(t: 'message', f: (ev: { data: unknown }) => void): void }).addEventListener('message', (ev) => {
          const bytes = toBytes(ev.data);
          const sv = bytes ? serverStep1(bytes) : null;
          if (sv && covers(sv, doc) && entry.pending !== 0) {
            entry.pending = 0;
            this.emit();
          }
        });
      }
      this.emit();
    });
    provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
      this.refused = { docId, code, reason };
      this.emit();
    });
  }

  remove(docId: string): void {
    const e = this.entries.get(docId);
    if (!e) return;
    e.offUpdate();
    e.provider.destroy();
    this.entries.delete(docId);
    this.emit();
  }

  /** Reconnects everything (e.g. after a new token). */
  start(token?: string): void {
    this.refused = null;
    for (const e of this.entries.values()) {
      if (token) e.provider.params = { token };
      e.provider.connect();
    }
    this.emit();
  }

  stop(): void {
    for (const e of this.entries.values()) e.provider.disconnect();
    this.emit();
  }

  status(): LiveSyncStatus {
    let pending = 0;
    let online = this.entries.size > 0;
    for (const e of this.entries.values()) {
      pending += e.pending;
      if (!e.online) online = false;
    }
    return { online, pending, refused: this.refused };
  }

  onChange(fn: (s: LiveSyncStatus) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  destroy(): void {
    for (const id of [...this.entries.keys()]) this.remove(id);
    this.listeners.clear();
  }

  private emit(): void {
    const s = this.status();
    for (const fn of this.listeners) fn(s);
  }
}
