/**
 * The e-file writer's bytes, pinned on a large generated client (test/efile/large-input.ts): every
 * speed-up of writeEfile (parallel PDFs, specialised serialisers, caches) must keep them. The
 * SHA-256 was recorded by running the writer of before those changes on the same input.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
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
});
