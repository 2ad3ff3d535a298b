/**
 * Room persistence on a DocStorage (the same crash-safe file storage the CLI uses): a room is
 * loaded from snapshot + updates, every accepted update is appended durably with who sent it,
 * and the log is compacted into a snapshot once it grows.
 */
import * as Y from 'yjs';
import type { DocId } from '../core/ids.js';
import type { DocStorage } from '../core/store/storage.js';
import { keepConflicts } from '../core/history/keep-conflicts.js';

export interface RoomStore {
  /** Loads the room's document (empty when unknown). Throws when the stored data is damaged. */
  load(key: string): Promise<Y.Doc>;
  /** Appends durably; resolves only once the update would survive a crash. */
  append(key: string, update: Uint8Array, userId: string): Promise<void>;
  /** Folds the log into a snapshot when it has grown past the threshold (or always with force). */
  maybeCompact(key: string, doc: Y.Doc, force?: boolean): Promise<void>;
}

export function createRoomStore(storage: DocStorage, compactAfter = 500, now: () => Date = () => new Date()): RoomStore {
  const pending = new Map<string, string[]>();
  const id = (key: string) => key as DocId;
  return {
    async load(key) {
      const r = await storage.load(id(key));
      if (!r.ok) throw new Error(`damaged storage for room ${key}: ${r.error.file}: ${r.error.detail}`);
      // Keeps values that lost a concurrent write, so peers that pull later still see both sides.
      const doc = new Y.Doc({ gcFilter: keepConflicts });
      const { snapshot, updates } = r.value;
      Y.transact(doc, () => {
        if (snapshot) Y.applyUpdate(doc, snapshot.data);
        for (const u of updates) Y.applyUpdate(doc, u.update);
      });
      pending.set(key, updates.map((u) => u.key));
      return doc;
    },
    async append(key, update, userId) {
      const k = await storage.append(id(key), update, { userId, at: now().toISOString(), action: 'sync' });
      let list = pending.get(key);
      if (!list) pending.set(key, (list = []));
      list.push(k);
    },
    async maybeCompact(key, doc, force = false) {
      const keys = pending.get(key) ?? [];
      if (keys.length === 0 || (!force && keys.length < compactAfter)) return;
      const replaced = [...keys];
      await storage.compact(id(key), Y.encodeStateAsUpdate(doc), replaced);
      pending.set(key, keys.slice(replaced.length));
    },
  };
}
