import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { exportBatch as ExportBatch } from '../../cli/efile/batch.js';
import { orgInfo } from '../../cli/efile/export.js';
import { buildFixture, CLIENT, CLIENT2, openFixture } from './fixture.js';
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
