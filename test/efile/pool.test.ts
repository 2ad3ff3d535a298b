import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { exportBatch as ExportBatch } from '../../cli/efile/batch.js';
import type * as ExportModule from '../../cli/efile/export.js';
import { orgInfo } from '../../cli/efile/export.js';
import type * as PoolModule from '../../cli/efile/pool.js';
import type * as WriteModule from '../../cli/efile/write.js';
import { buildFixture, CLIENT, CLIENT2, NOW, openFixture } from './fixture.js';
import { fileSha } from './helpers.js';

// Worker threads need the compiled worker script: this drives the build in dist/ (`npm run build`).
const built = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'efile', 'batch.js');

describe.skipIf(!existsSync(built))('batch export on worker threads (built dist/)', () => {
  test('the same ZIPs as on the main thread, in the given order, unknown clients reported', async () => {
    const { exportBatch } = (await import(built)) as { exportBatch: typeof ExportBatch };
    const dir = await buildFixture();
    const targets = [
      { ref: CLIENT, id: CLIENT },
      { ref: 'nobody', id: null },
      { ref: CLIENT2, id: CLIENT2 },
    ];
    const runWith = async (workers: number) => {
      const ws = await openFixture(dir);
      try {
        const out = await mkdtemp(join(tmpdir(), 'apsis-efile-pool-'));
        const summary = await exportBatch(ws, targets, out, await orgInfo(ws), { workers });
        expect((await readdir(out)).sort()).toEqual([`efile-${CLIENT2}.zip`, `efile-${CLIENT}.zip`].sort());
        return summary.map((s) => ('error' in s ? s : { client: s.client, sha256: s.sha256, same: fileSha(s.file) === s.sha256 }));
      } finally {
        await ws.close();
      }
    };
    const inThread = await runWith(0);
    expect(inThread.map((s) => s.client)).toEqual([CLIENT, 'nobody', CLIENT2]);
    expect(inThread[1]).toMatchObject({ error: expect.stringMatching(/no such client/) });
    expect(await runWith(2)).toEqual(inThread);
  });
});

describe.skipIf(!existsSync(built))('a render worker that dies (built dist/)', () => {
  test('is replaced, then given up; its clients are rendered on the main thread, byte for byte', async () => {
    const { createRenderPool } = (await import(join(dirname(built), 'pool.js'))) as typeof PoolModule;
    const { loadEfileInput } = (await import(join(dirname(built), 'export.js'))) as typeof ExportModule;
    const { writeEfile } = (await import(join(dirname(built), 'write.js'))) as typeof WriteModule;
    const dir = await buildFixture();
    const ws = await openFixture(dir);
    try {
      const loaded = await loadEfileInput(ws, CLIENT, await orgInfo(ws), new Date(NOW));
      if (!loaded.ok) throw new Error(loaded.message);
      const out = await mkdtemp(join(tmpdir(), 'apsis-efile-pool-'));
      const expected = await writeEfile(loaded.value, join(out, 'in-thread.zip'));
      // A heap far too small for pdfkit: every worker runs out of memory.
      const pool = createRenderPool(2, undefined, { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 });
      expect(pool).not.toBeNull();
      try {
        const results = await Promise.all([1, 2, 3].map((i) => pool!.render(loaded.value, join(out, `pool-${i}.zip`))));
        for (const r of results) {
          expect(r.sha256).toBe(expected.sha256);
          expect(fileSha(r.file)).toBe(expected.sha256);
        }
        // A stored client goes back to the main thread (null), with no file left behind.
        const ctx = { user: { id: ws.user.id, name: ws.user.name, role: ws.user.role }, meta: { demo: ws.meta.demo } };
        expect(await pool!.exportStored({ docsDir: join(dir, 'docs'), client: CLIENT, org: await orgInfo(ws), exportedAt: NOW, ctx, final: join(out, 'stored.zip') })).toBeNull();
      } finally {
        await pool!.close();
      }
      expect((await readdir(out)).sort()).toEqual(['in-thread.zip', 'pool-1.zip', 'pool-2.zip', 'pool-3.zip']);
    } finally {
      await ws.close();
    }
  });
});
