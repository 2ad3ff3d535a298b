/**
 * The e-file writer's bytes, pinned on a large generated client (test/efile/large-input.ts): every
 * speed-up of writeEfile (parallel PDFs, specialised serialisers, caches) must keep them. The
 * SHA-256 was recorded by running the writer of before those changes on the same input.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { arenaUse } from '../../cli/efile/byte-arena.js';
import { writeEfile } from '../../cli/efile/write.js';
import { LARGE, largeInput } from './large-input.js';

describe('writeEfile of a large client', () => {
  test('gives the pinned bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apsis-efile-identity-'));
    try {
      const res = await writeEfile(largeInput(LARGE.seed, LARGE.visits), join(dir, 'e.zip'));
      expect({ sha256: res.sha256, bytes: res.bytes }).toEqual(LARGE.pinned);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('an export stopped midway leaves no file and gives its text bytes back; the next one still gives the pinned bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apsis-efile-identity-'));
    try {
      const input = largeInput(LARGE.seed, LARGE.visits);
      const stop = new AbortController();
      // Stopped once some of its texts are out (made, not yet deflated).
      const watch = setInterval(() => {
        if (arenaUse().outstanding > 0) stop.abort();
      }, 1);
      await expect(writeEfile(input, join(dir, 'e.zip'), stop.signal)).rejects.toThrow(/aborted/);
      clearInterval(watch);
      expect(stop.signal.aborted).toBe(true);
      expect(await readdir(dir)).toEqual([]);
      expect(arenaUse().outstanding).toBe(0);
      const res = await writeEfile(input, join(dir, 'e.zip'));
      expect({ sha256: res.sha256, bytes: res.bytes }).toEqual(LARGE.pinned);
      expect(arenaUse().outstanding).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
