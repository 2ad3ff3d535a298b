/**
 * DocStorage on the file system. Per document a folder with:
 *   snapshot-<seq>.ybin   the compacted state (the highest seq wins)
 *   u-<seq>.yupd          one file per update, written durably before `append` resolves
 *   history.ylog          archived updates (frames appended at compaction), for "who changed what"
 *   view.ybin             the document's view (core/store/view.ts): derived, rebuilt when missing
 *   rendered/<key>.pdf    rendered documents of the last export (cli/efile/pdf-cache.ts): derived
 * Every file is a checksummed frame, so damage is detected and named instead of applied.
 */
import { mkdir, open, readdir, readFile, rename, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocId } from '../../core/ids.js';
import type { DamagedError, DocStorage, InventoryEntry, LoadResult, StoredUpdate, UpdateMeta } from '../../core/store/storage.js';
import { writeDurable, syncDir } from './durable.js';
import { checkFrame, decodeFrame, encodeFrame } from './frame.js';

const UPDATE = /^u-(\d{12})\.yupd$/;
const SNAPSHOT = /^snapshot-(\d{12})\.ybin$/;
const HISTORY = 'history.ylog';
const VIEW = 'view.ybin';
const RENDERED = 'rendered';
/** A rendered document's key: a hex hash (so a key can never name a path outside its folder). */
const RENDERED_KEY = /^[0-9a-f]{16,128}$/;

/** Folder name of a document: `client/c-1` → `client~c-1` (ids never contain `~`). */
export function docDirName(docId: DocId): string {
  return docId.replaceAll('/', '~');
}

function docIdFromDir(name: string): DocId {
  return name.replaceAll('~', '/') as DocId;
}

/** Maps with at most `limit` operations in flight, keeping order (reading hundreds of small files one by one is slow). */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Each key's first item, in order: a crash between archiving and deleting can leave an update archived twice, or archived and pending. */
function onceByKey<T extends { readonly key: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((u) => !seen.has(u.key) && seen.add(u.key));
}

function seqName(prefix: string, seq: number, ext: string): string {
  return `${prefix}-${String(seq).padStart(12, '0')}.${ext}`;
}

function damaged(file: string, detail: string): DamagedError {
  return {
    code: 'damaged',
    file,
    detail,
    hint:
      'Nothing was changed. Move this file out of the workspace (keep it for support), then run `apsis doctor`. ' +
      'Changes that were synced come back from the relay on the next `apsis sync`; otherwise restore the file from a backup.',
  };
}

/** Creates a file-backed storage rooted at `root` (the workspace's `docs/` folder). */
export function createFileStorage(root: string): DocStorage {
  const nextSeq = new Map<DocId, number>();
  let asideWrites = 0;
  const dirOf = (id: DocId) => join(root, docDirName(id));

  async function names(id: DocId): Promise<string[]> {
    try {
      return (await readdir(dirOf(id))).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  async function seqFor(id: DocId): Promise<number> {
    let seq = nextSeq.get(id);
    if (seq === undefined) {
      seq = 0;
      for (const n of await names(id)) {
        const m = UPDATE.exec(n) ?? SNAPSHOT.exec(n);
        if (m) seq = Math.max(seq, Number(m[1]));
      }
    }
    seq += 1;
    nextSeq.set(id, seq);
    return seq;
  }

  async function readUpdate(id: DocId, name: string): Promise<StoredUpdate | DamagedError> {
    const file = join(dirOf(id), name);
    const frame = decodeFrame(await readFile(file));
    if (!frame.ok) return damaged(file, frame.reason);
    const meta = frame.header.meta ?? { userId: 'unknown', at: '', action: '' };
    return { key: name.replace(/\.yupd$/, ''), update: frame.payload, meta };
  }

  /** The archive's file, or null when there is none. */
  async function archiveFile(id: DocId): Promise<Buffer | null> {
    try {
      return await readFile(join(dirOf(id), HISTORY));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /** The archive's frames up to a torn last one (its updates are still in their own files); payloads are views into `buf`. */
  function archiveFrames(buf: Buffer | null): { frames: Extract<ReturnType<typeof checkFrame>, { ok: true }>[]; validLength: number } {
    const frames: Extract<ReturnType<typeof checkFrame>, { ok: true }>[] = [];
    let offset = 0;
    while (buf && offset < buf.length) {
      const frame = checkFrame(buf, offset);
      if (!frame.ok) break;
      frames.push(frame);
      offset = frame.end;
    }
    return { frames, validLength: offset };
  }

  /** Reads the archive, ignoring a torn last frame. */
  async function readArchive(id: DocId): Promise<{ updates: StoredUpdate[]; validLength: number }> {
    const { frames, validLength } = archiveFrames(await archiveFile(id));
    const updates = frames.map((f) => ({ key: f.header.key, update: new Uint8Array(f.payload), meta: f.header.meta ?? { userId: 'unknown', at: '', action: '' } }));
    return { updates, validLength };
  }

  /** A snapshot file checked, not kept. */
  async function checkSnapshot(id: DocId, name: string): Promise<DamagedError | null> {
    const file = join(dirOf(id), name);
    const frame = checkFrame(await readFile(file));
    return frame.ok ? null : damaged(file, frame.reason);
  }

  return {
    async list() {
      let entries: string[];
      try {
        entries = await readdir(root);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
      const ids: DocId[] = [];
      for (const e of entries) {
        if (e.startsWith('.')) continue;
        if ((await names(docIdFromDir(e))).some((n) => UPDATE.test(n) || SNAPSHOT.test(n))) ids.push(docIdFromDir(e));
      }
      return ids.sort();
    },

    async load(id): Promise<LoadResult> {
      const all = await names(id);
      const snapshots = all.filter((n) => SNAPSHOT.test(n));
      let snapshot: { key: string; data: Uint8Array } | null = null;
      const newest = snapshots.at(-1);
      if (newest) {
        const file = join(dirOf(id), newest);
        const frame = decodeFrame(await readFile(file));
        if (!frame.ok) return { ok: false, error: damaged(file, frame.reason) };
        snapshot = { key: newest.replace(/\.ybin$/, ''), data: frame.payload };
      }
      const read = await mapLimit(all.filter((n) => UPDATE.test(n)), 32, (n) => readUpdate(id, n));
      const updates: StoredUpdate[] = [];
      for (const u of read) {
        if ('code' in u) return { ok: false, error: u };
        updates.push(u);
      }
      return { ok: true, value: { snapshot, updates } };
    },

    async append(id, update, meta: UpdateMeta) {
      const dir = dirOf(id);
      await mkdir(dir, { recursive: true });
      const name = seqName('u', await seqFor(id), 'yupd');
      const key = name.replace(/\.yupd$/, '');
      await writeDurable(dir, name, encodeFrame(key, update, meta));
      return key;
    },

    async listing(id) {
      const all = await names(id);
      const snapshot = all.filter((n) => SNAPSHOT.test(n)).at(-1);
      // Gone since the listing (compacted meanwhile): its size is not known.
      const snapshotBytes = snapshot ? await stat(join(dirOf(id), snapshot)).then((s) => s.size, () => Infinity) : 0;
      return { pending: all.filter((n) => UPDATE.test(n)).map((n) => n.replace(/\.yupd$/, '')), snapshotBytes };
    },

    async compact(id, snapshot, replacedKeys) {
      const dir = dirOf(id);
      await mkdir(dir, { recursive: true });
      const before = await names(id);
      // 1. The new snapshot first: from here on it holds everything the replaced files hold.
      const snapName = seqName('snapshot', await seqFor(id), 'ybin');
      await writeDurable(dir, snapName, encodeFrame(snapName.replace(/\.ybin$/, ''), snapshot));
      // 2. Archive the replaced updates (after cutting a torn tail left by an earlier crash).
      const replaced = new Set(replacedKeys);
      const { validLength } = await readArchive(id);
      const historyPath = join(dir, HISTORY);
      if (validLength > 0) await truncate(historyPath, validLength);
      const toArchive = before.filter((n) => UPDATE.test(n) && replaced.has(n.replace(/\.yupd$/, '')));
      // Never archive damage; the snapshot already holds the state.
      const frames = (await mapLimit(toArchive, 32, (n) => readFile(join(dir, n)))).filter((b) => decodeFrame(b).ok);
      if (frames.length > 0) {
        const fh = await open(historyPath, 'a');
        try {
          await fh.writeFile(Buffer.concat(frames));
          await fh.sync();
        } finally {
          await fh.close();
        }
      }
      // 3. Only now remove what the snapshot replaces.
      const obsolete = before.filter((n) => (UPDATE.test(n) && replaced.has(n.replace(/\.yupd$/, ''))) || SNAPSHOT.test(n) || n.startsWith('.tmp-'));
      await mapLimit(obsolete, 32, (n) => unlink(join(dir, n)));
      await syncDir(dir);
    },

    async history(id) {
      const { updates: archived } = await readArchive(id);
      const pending: StoredUpdate[] = [];
      for (const n of await names(id)) {
        if (!UPDATE.test(n)) continue;
        const u = await readUpdate(id, n);
        if (!('code' in u)) pending.push(u);
      }
      return onceByKey([...archived, ...pending]);
    },

    async inventory(id) {
      const all = await names(id);
      const snapshot = all.filter((n) => SNAPSHOT.test(n)).at(-1);
      // Read side by side; the snapshot and the archive are only checked, and their bytes dropped at once.
      const [snapshotDamage, archived, pending] = await Promise.all([
        snapshot ? checkSnapshot(id, snapshot) : null,
        archiveFile(id).then((buf) => archiveFrames(buf).frames.map((f) => ({ key: f.header.key, size: f.header.len }))),
        mapLimit(all.filter((n) => UPDATE.test(n)), 32, (n) => readUpdate(id, n)),
      ]);
      if (snapshotDamage) return { ok: false, error: snapshotDamage };
      const entries: InventoryEntry[] = [...archived];
      for (const u of pending) {
        if ('code' in u) return { ok: false, error: u };
        entries.push({ key: u.key, size: u.update.length, update: u.update });
      }
      // As history() lists them: the archive first, then what is pending.
      return { ok: true, value: onceByKey(entries) };
    },

    async readView(id) {
      let buf: Buffer;
      try {
        buf = await readFile(join(dirOf(id), VIEW));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      // A view into the file's bytes (it holds this one frame): no copy of a large view.
      const frame = checkFrame(buf);
      return frame.ok ? frame.payload : null;
    },

    async writeView(id, view) {
      const dir = dirOf(id);
      await mkdir(dir, { recursive: true });
      // Written aside and renamed: a reader sees the old view or the new one. No fsync: a view lost
      // in a crash is rebuilt; a torn one fails its checksum. (Compaction removes stray `.tmp-` files.)
      const tmp = join(dir, `.tmp-view-${process.pid}-${++asideWrites}`);
      await writeFile(tmp, encodeFrame('view', view));
      await rename(tmp, join(dir, VIEW));
    },

    async readRendered(id, key) {
      if (!RENDERED_KEY.test(key)) return null;
      let buf: Buffer;
      try {
        buf = await readFile(join(dirOf(id), RENDERED, `${key}.pdf`));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      const frame = decodeFrame(buf);
      return frame.ok && frame.header.key === key ? frame.payload : null;
    },

    async writeRendered(id, key, bytes) {
      if (!RENDERED_KEY.test(key)) throw new Error(`bad rendered-document key: ${key}`);
      const dir = join(dirOf(id), RENDERED);
      await mkdir(dir, { recursive: true });
      // Aside and renamed, as the view: a reader sees a whole file or none; a torn one fails its checksum.
      const tmp = join(dir, `.tmp-${process.pid}-${++asideWrites}`);
      await writeFile(tmp, encodeFrame(key, bytes));
      await rename(tmp, join(dir, `${key}.pdf`));
    },

    async keepRendered(id, keep) {
      const dir = join(dirOf(id), RENDERED);
      let files: string[];
      try {
        files = await readdir(dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      // Stray temporary files go too (a crash between write and rename).
      await Promise.all(files.filter((n) => !keep.has(n.replace(/\.pdf$/, ''))).map((n) => rm(join(dir, n), { force: true })));
    },

    async remove(id) {
      await rm(dirOf(id), { recursive: true, force: true });
      nextSeq.delete(id);
    },
  };
}

/**
 * Writes the first update of a new document under `root` without fsync (for a private staging
 * folder that `syncTree` makes durable before it is moved into place): the same file `append`
 * writes, in two file operations instead of ten. Fails if the document already exists there.
 */
export async function writeNewDoc(root: string, id: DocId, update: Uint8Array, meta: UpdateMeta): Promise<void> {
  const dir = join(root, docDirName(id));
  await mkdir(dir);
  const name = seqName('u', 1, 'yupd');
  await writeFile(join(dir, name), encodeFrame(name.replace(/\.yupd$/, ''), update, meta), { flag: 'wx' });
}
