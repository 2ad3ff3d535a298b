/**
 * Who wrote which part of a document, inside the document itself, so it survives sync to every
 * peer (a stock y-websocket client included): every Yjs struct carries its clientID, and every
 * process start gets a fresh clientID. The `authors` map registers `clientID → { userId, at }`
 * (written in the same transaction as that session's first edit, by that session only, so never
 * concurrently); the `authorTimes` map holds time marks `"<clientID>:<clock>" → ISO time`, one per
 * minute of editing at most, so each struct's time is known to the minute (the struct's own stored
 * frame keeps the exact time on the laptop that made it). The relay registers clients that do not
 * register themselves (stock clients, data from before this layout) under their token's user.
 */
import * as Y from 'yjs';

/** Top-level map: clientID (decimal text) → AuthorEntry. */
export const AUTHORS_MAP = 'authors';
/** Top-level map: `<clientID>:<clock>` → ISO time from which that client's structs were made. */
export const AUTHOR_TIMES_MAP = 'authorTimes';
/** Internal maps that carry no record data (history and exports leave them out). */
export const AUTHOR_MAPS: ReadonlySet<string> = new Set([AUTHORS_MAP, AUTHOR_TIMES_MAP]);

/** A registered session: who worked under one clientID, since when; `by: 'relay'` when the relay registered it. */
export interface AuthorEntry {
  readonly userId: string;
  readonly at: string;
  readonly by?: 'relay';
}

/** A new time mark is written when the last one of this session is older than this. */
export const MARK_EVERY_MS = 60_000;

/** Reads and checks one registry value; null when it is not a well-formed entry. */
export function parseAuthorEntry(v: unknown): AuthorEntry | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.userId !== 'string' || o.userId === '' || o.userId.length > 128) return null;
  if (typeof o.at !== 'string' || Number.isNaN(Date.parse(o.at))) return null;
  if (o.by !== undefined && o.by !== 'relay') return null;
  const keys = Object.keys(o).filter((k) => k !== 'userId' && k !== 'at' && k !== 'by');
  if (keys.length > 0) return null;
  return o.by === 'relay' ? { userId: o.userId, at: o.at, by: 'relay' } : { userId: o.userId, at: o.at };
}

/** Parses a time-mark key `"<clientID>:<clock>"`; null when malformed. */
export function parseMarkKey(key: string): { client: number; clock: number } | null {
  const m = /^(\d{1,10}):(\d{1,15})$/.exec(key);
  if (!m) return null;
  const client = Number(m[1]);
  return client <= 0xffffffff ? { client, clock: Number(m[2]) } : null;
}

/** The key of a time mark. */
export function markKey(client: number, clock: number): string {
  return `${client}:${clock}`;
}

export interface AuthorTracking {
  readonly userId: string;
  /** ISO time now (injected: core has no clock). */
  readonly now: () => string;
  /** Whether a local transaction with this origin is a user's edit (not loading or applying a peer's update). */
  readonly isEdit: (origin: unknown) => boolean;
}

/**
 * Registers this session in the first local edit's transaction and adds a time mark per minute of
 * editing. Returns a function that stops tracking.
 */
export function trackAuthors(doc: Y.Doc, o: AuthorTracking): () => void {
  const authors = doc.getMap<unknown>(AUTHORS_MAP);
  const times = doc.getMap<unknown>(AUTHOR_TIMES_MAP);
  let lastMark = Number.NEGATIVE_INFINITY;
  const key = () => String(doc.clientID);
  const onBefore = (tr: Y.Transaction) => {
    if (!tr.local || !o.isEdit(tr.origin)) return;
    // Yjs may change a clientID that another replica used; then this is a new session.
    const registered = parseAuthorEntry(authors.get(key()));
    const at = o.now();
    const t = Date.parse(at);
    if (!registered) {
      authors.set(key(), { userId: o.userId, at });
      lastMark = t;
    } else if (!(t - lastMark < MARK_EVERY_MS)) {
      // Written first in the transaction: its clock is the lowest of this transaction's structs.
      times.set(markKey(doc.clientID, Y.getState(doc.store, doc.clientID)), at);
      lastMark = t;
    }
  };
  doc.on('beforeTransaction', onBefore);
  return () => doc.off('beforeTransaction', onBefore);
}

/** Looks up who made a struct and when, from a document's registry and time marks. */
export class AuthorIndex {
  private readonly marks = new Map<number, { clock: number; at: string }[]>();

  constructor(private readonly doc: Y.Doc) {
    for (const k of doc.getMap<unknown>(AUTHOR_TIMES_MAP).keys()) this.addMark(k);
  }

  /** Takes in time marks added since (call with the keys a transaction changed). */
  addMark(k: string): void {
    const parsed = parseMarkKey(k);
    const at = this.doc.getMap<unknown>(AUTHOR_TIMES_MAP).get(k);
    if (!parsed || typeof at !== 'string') return;
    let list = this.marks.get(parsed.client);
    if (!list) this.marks.set(parsed.client, (list = []));
    if (list.some((m) => m.clock === parsed.clock)) return;
    list.push({ clock: parsed.clock, at });
    list.sort((a, b) => a.clock - b.clock);
  }

  /** The registered user and the struct's time (to the minute); null when the client never registered. */
  authorOf(id: Y.ID): { userId: string; at: string } | null {
    const entry = parseAuthorEntry(this.doc.getMap<unknown>(AUTHORS_MAP).get(String(id.client)));
    if (!entry) return null;
    let at = entry.at;
    for (const m of this.marks.get(id.client) ?? []) {
      if (m.clock > id.clock) break;
      at = m.at;
    }
    return { userId: entry.userId, at };
  }
}
