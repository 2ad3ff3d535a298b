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
import { largeInput } from './large-input.js';

/** SHA-256 and size of the ZIP of largeInput(SEED, VISITS), written by the writer of commit 937a3d1. */
const SEED = 20261201;
const VISITS = 2600;
const PINNED = { sha256: 'd2baee9b0dd180fa5e1073b1fbc1aee495dc2210d0981dab4e1c67e375da8d09', bytes: 1096396 };

describe('writeEfile of a large client', () => {
  test('gives the pinned bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apsis-efile-identity-'));
    try {
      const res = await writeEfile(largeInput(SEED, VISITS), join(dir, 'e.zip'));
      expect({ sha256: res.sha256, bytes: res.bytes }).toEqual(PINNED);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
