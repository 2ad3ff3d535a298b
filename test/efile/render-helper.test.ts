/**
 * The render helper thread of a large export (cli/efile/render-helper.ts), on the built dist/ (a
 * worker needs the compiled script): the same bytes as one thread, pinned (large-input.ts), also
 * when the helper dies in the middle; small exports leave it alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, test } from 'vitest';
import type * as HelperModule from '../../cli/efile/render-helper.js';
import type * as WriteModule from '../../cli/efile/write.js';
import { fileSha } from './helpers.js';
import { LARGE, largeInput } from './large-input.js';

const built = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'efile', 'render-helper.js');

describe.skipIf(!existsSync(built))('render helper (built dist/)', async () => {
  const helper = (await import(built)) as typeof HelperModule;
  const { writeEfile } = (await import(join(dirname(built), 'write.js'))) as typeof WriteModule;
  const input = largeInput(LARGE.seed, LARGE.visits);
  const out = await mkdtemp(join(tmpdir(), 'apsis-efile-helper-'));
  afterAll(async () => {
    await helper.stopRenderHelper();
    await rm(out, { recursive: true, force: true });
  });

  test('shares the PDFs of a large export and gives the pinned bytes', async () => {
    helper.startRenderHelper({ evenWhenBusy: true });
    const before = helper.renderHelperStats();
    const res = await writeEfile(input, join(out, 'shared.zip'));
    expect({ sha256: res.sha256, bytes: res.bytes }).toEqual(LARGE.pinned);
    expect(fileSha(res.file)).toBe(LARGE.pinned.sha256);
    const after = helper.renderHelperStats();
    expect(after.exports).toBe(before.exports + 1);
    expect(after.pdfs).toBeGreaterThan(before.pdfs);
  }, 60_000);

  test('a helper that dies in the middle: this thread renders what it left, same bytes', async () => {
    helper.startRenderHelper({ evenWhenBusy: true });
    const before = helper.renderHelperStats();
    const writing = writeEfile(input, join(out, 'lost.zip'));
    // Stopped once it has delivered a PDF (or after 2 s): whatever it had claimed comes back here.
    for (let t = 0; t < 200 && helper.renderHelperStats().pdfs === before.pdfs; t++) await sleep(10);
    await helper.stopRenderHelper();
    const res = await writing;
    expect({ sha256: res.sha256, bytes: res.bytes }).toEqual(LARGE.pinned);
    expect(helper.renderHelperStats().exports).toBe(before.exports + 1);
  }, 60_000);

  test('an idle helper does not keep a process alive', () => {
    // It stops on its own only after 30 s idle: a process that exits at once was not held by it.
    const script = `import(${JSON.stringify(built)}).then((m) => { m.startRenderHelper({ evenWhenBusy: true }); setTimeout(() => undefined, 300); });`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 15_000, encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
  }, 20_000);

  test('a small export does not use it', async () => {
    helper.startRenderHelper({ evenWhenBusy: true });
    const before = helper.renderHelperStats();
    const small = largeInput(LARGE.seed, 50);
    const res = await writeEfile(small, join(out, 'small.zip'));
    expect(helper.renderHelperStats()).toEqual(before);
    expect(fileSha(res.file)).toBe(res.sha256);
    expect((await readdir(out)).sort()).toEqual(['lost.zip', 'shared.zip', 'small.zip']);
  }, 60_000);
});
