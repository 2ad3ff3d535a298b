/** Writing a new world into a staging folder: a first update that `append` would have written, made durable at once. */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syncTree } from '../../cli/store/durable.js';
import { createFileStorage, writeNewDoc } from '../../cli/store/file-storage.js';
import type { DocId } from '../../core/ids.js';

const META = { userId: 's-0001', at: '2026-11-23T07:00:00.000Z', action: 'demo.generate' };
let base = '';
afterEach(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

describe('writeNewDoc and syncTree', () => {
  it('writes the same file as a first append, and refuses a document that already exists', async () => {
    base = await mkdtemp(join(tmpdir(), 'apsis-staging-'));
    const [a, b] = [join(base, 'a'), join(base, 'b')];
    const id = 'client/c-00001' as DocId;
    const update = new Uint8Array([1, 2, 3, 250]);
    await createFileStorage(a).append(id, update, META);
    await mkdir(b);
    await writeNewDoc(b, id, update, META);
    expect(await readdir(join(b, 'client~c-00001'))).toEqual(await readdir(join(a, 'client~c-00001')));
    const loaded = await createFileStorage(b).load(id);
    expect(loaded.ok && loaded.value.updates.map((u) => [u.key, [...u.update], u.meta])).toEqual([['u-000000000001', [1, 2, 3, 250], META]]);
    await expect(writeNewDoc(b, id, update, META)).rejects.toThrow(/EEXIST/);
    const again = await createFileStorage(b).load(id);
    expect(again.ok && again.value.updates.length).toBe(1);
  });

  it('syncs a whole tree, and names a folder that is missing', async () => {
    base = await mkdtemp(join(tmpdir(), 'apsis-staging-'));
    await writeNewDoc(base, 'org' as DocId, new Uint8Array([9]), META);
    await expect(syncTree(base)).resolves.toBeUndefined();
    await expect(syncTree(join(base, 'missing'))).rejects.toThrow(/missing/);
  });
});
