/** The seeded convergence simulation (test/sync/simulation.ts), 200 runs; bench:sync runs 1,000. */
import { describe, expect, it } from 'vitest';
import { testSeed } from '../helpers/rng.js';
import { runMany } from './simulation.js';

describe('seeded convergence simulation', () => {
  it('5 peers, random partitions / reordering / restarts: 200 runs converge', () => {
    const base = testSeed();
    const report = runMany(base, 200, true);
    const failed = report.failures[0];
    if (failed) throw new Error(`convergence failed, replay with APSIS_SEED=${failed.seed}: ${failed.error}`);
    expect(report.failures).toEqual([]);
  });
});
