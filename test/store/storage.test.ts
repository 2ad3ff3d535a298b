import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocId } from '../../core/ids.js';
import { createMemoryStorage } from '../../core/store/memory-storage.js';
import { createFileStorage } from '../../cli/store/file-storage.js';
import { runStorageContract } from './storage-contract.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'apsis-store-'));
  dirs.push(d);
  return d;
}

runStorageContract('memory', async () => createMemoryStorage());
runStorageContract('file', async () => createFileStorage(await tempDir()));

describe('file storage damage', () => {
  const A = 'client/c-a' as DocId;
  const upd = () => {
    const d = new Y.Doc();
    d.getMap('m').set('x', 1);
    return Y.encodeStateAsUpdate(d);
  };

  it('names a damaged update file, says what to do, and changes nothing', async () => {
    const root = await tempDir();
    const s = createFileStorage(root);
    await s.append(A, upd(), { userId: 'u', at: 't', action: 'a' });
    const file = join(root, 'client~c-a', 'u-000000000001.yupd');
    await writeFile(file, 'garbage that is not a frame');
    const before = await readdir(join(root, 'client~c-a'));
    const loaded = await s.load(A);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.file).toBe(file);
    expect(loaded.error.detail).toMatch(/APSIS1 marker/);
    expect(loaded.error.hint).toMatch(/Nothing was changed/);
    expect(await readdir(join(root, 'client~c-a'))).toEqual(before);
  });

  it('inventory names a damaged snapshot or pending update as load does; a torn archive tail ends the list as in history', async () => {
    const root = await tempDir();
    const s = createFileStorage(root);
    const k1 = await s.append(A, upd(), { userId: 'u', at: 't', action: 'a' });
    await s.compact(A, upd(), [k1]);
    const k2 = await s.append(A, upd(), { userId: 'u', at: 't', action: 'a' });
    const dir = join(root, 'client~c-a');
    const { readFile, appendFile } = await import('node:fs/promises');
    // A torn frame at the archive's end (a crash while archiving): left out, as history leaves it.
    await appendFile(join(dir, 'history.ylog'), 'APSIS1\n{"key":"u-9"');
    const inv = await s.inventory(A);
    expect(inv.ok && inv.value.map((e) => e.key)).toEqual((await s.history(A)).map((u) => u.key));
    expect(inv.ok && inv.value.map((e) => e.key)).toEqual([k1, k2]);
    const snapshot = (await readdir(dir)).find((n) => n.startsWith('snapshot-'))!;
    const buf = await readFile(join(dir, snapshot));
    buf.writeUInt8(buf.readUInt8(buf.length - 1) ^ 0xff, buf.length - 1);
    await writeFile(join(dir, snapshot), buf);
    const bad = await s.inventory(A);
    expect(!bad.ok && bad.error.file).toBe(join(dir, snapshot));
    expect(!bad.ok && bad.error.detail).toMatch(/SHA-256/);
    await writeFile(join(dir, snapshot), buf.subarray(0, 0));
    await s.compact(A, upd(), []);
    await writeFile(join(dir, `${k2}.yupd`), 'garbage');
    const badUpdate = await s.inventory(A);
    expect(!badUpdate.ok && badUpdate.error.file).toBe(join(dir, `${k2}.yupd`));
    const loaded = await s.load(A);
    expect(!loaded.ok && loaded.error.file).toBe(join(dir, `${k2}.yupd`));
  });

  it('detects a flipped byte through the checksum', async () => {
    const root = await tempDir();
    const s = createFileStorage(root);
    await s.append(A, upd(), { userId: 'u', at: 't', action: 'a' });
    const file = join(root, 'client~c-a', 'u-000000000001.yupd');
    const { readFile } = await import('node:fs/promises');
    const buf = await readFile(file);
    buf.writeUInt8(buf.readUInt8(buf.length - 1) ^ 0xff, buf.length - 1);
    await writeFile(file, buf);
    const loaded = await s.load(A);
    expect(!loaded.ok && loaded.error.detail).toMatch(/SHA-256/);
  });

  it('ignores temporary files of an interrupted write', async () => {
    const root = await tempDir();
    const s = createFileStorage(root);
    await s.append(A, upd(), { userId: 'u', at: 't', action: 'a' });
    await writeFile(join(root, 'client~c-a', '.tmp-1-1-u-000000000002.yupd'), 'half');
    const loaded = await s.load(A);
    expect(loaded.ok && loaded.value.updates.length).toBe(1);
  });

  it('a damaged view reads as none (a view is rebuilt, never trusted when torn)', async () => {
    const root = await tempDir();
    const s = createFileStorage(root);
    await s.append(A, upd(), { userId: 'u', at: 't', action: 'a' });
    await s.writeView(A, new Uint8Array([1, 2, 3, 4]));
    const file = join(root, 'client~c-a', 'view.ybin');
    const { readFile } = await import('node:fs/promises');
    const buf = await readFile(file);
    await writeFile(file, buf.subarray(0, buf.length - 1));
    expect(await s.readView(A)).toBeNull();
    const loaded = await s.load(A);
    expect(loaded.ok && loaded.value.updates.length).toBe(1);
  });
});

describe('file storage: rendered documents', () => {
  const A = 'client/c-a' as DocId;
  const key = 'c'.repeat(64);
  it('a torn or foreign file reads as none; a key that is not a hash names no file', async () => {
    const root = await tempDir();
    const s = createFileStorage(root);
    await s.writeRendered(A, key, new Uint8Array([1, 2, 3, 4]));
    const file = join(root, 'client~c-a', 'rendered', `${key}.pdf`);
    const { readFile, copyFile } = await import('node:fs/promises');
    const buf = await readFile(file);
    await writeFile(file, buf.subarray(0, buf.length - 1));
    expect(await s.readRendered(A, key)).toBeNull();
    // A whole file under another key's name (copied by hand) is not that key's document.
    await s.writeRendered(A, key, new Uint8Array([5]));
    await copyFile(file, join(root, 'client~c-a', 'rendered', `${'d'.repeat(64)}.pdf`));
    expect(await s.readRendered(A, 'd'.repeat(64))).toBeNull();
    expect(await s.readRendered(A, '../../x')).toBeNull();
    await expect(s.writeRendered(A, '../x', new Uint8Array([1]))).rejects.toThrow(/bad rendered-document key/);
  });

  it('pruning also drops temporary files of an interrupted write', async () => {
    const root = await tempDir();
    const s = createFileStorage(root);
    await s.writeRendered(A, key, new Uint8Array([1]));
    const dir = join(root, 'client~c-a', 'rendered');
    await writeFile(join(dir, '.tmp-1-1'), 'half');
    await s.keepRendered(A, new Set([key]));
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(dir)).toEqual([`${key}.pdf`]);
  });
});

describe('document repository', () => {
  it('gives every open a fresh Yjs client id (a persisted id would make replicas diverge)', async () => {
    const { DocRepo } = await import('../../core/store/doc-repo.js');
    const storage = createFileStorage(await tempDir());
    const opts = { now: () => '2026-11-22T10:00:00Z', userId: 'u' };
    const A = 'client/c-a' as DocId;
    const first = new DocRepo(storage, opts);
    const a = await first.get(A);
    if (!a.ok) throw new Error('open failed');
    a.doc.getMap('m').set('x', 1);
    await first.close();
    const ids = new Set<number>([a.doc.clientID]);
    for (let i = 0; i < 5; i++) {
      const repo = new DocRepo(storage, opts);
      const b = await repo.get(A);
      if (!b.ok) throw new Error('open failed');
      expect(b.doc.getMap('m').get('x')).toBe(1);
      ids.add(b.doc.clientID);
      await repo.close();
    }
    expect(ids.size).toBe(6);
  });

  it('stores an undo as the local user\'s own action, not as a synced change', async () => {
    const { DocRepo } = await import('../../core/store/doc-repo.js');
    const { LocalOrigin } = await import('../../core/doc/origin.js');
    const storage = createFileStorage(await tempDir());
    const repo = new DocRepo(storage, { now: () => '2026-11-22T10:00:00Z', userId: 's-ilze' });
    const A = 'client/c-a' as DocId;
    const a = await repo.get(A);
    if (!a.ok) throw new Error('open failed');
    const undo = new Y.UndoManager(a.doc.getMap('m'), { trackedOrigins: new Set([LocalOrigin]), captureTimeout: 0 });
    a.doc.transact(() => a.doc.getMap('m').set('x', 1), new LocalOrigin('s-ilze', 'edit'));
    undo.undo();
    await repo.close();
    expect((await storage.history(A)).map((u) => [u.meta.userId, u.meta.action])).toEqual([
      ['s-ilze', 'edit'],
      ['s-ilze', 'undo'],
    ]);
  });
});
