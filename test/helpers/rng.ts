/** A small seeded PRNG (mulberry32) for reproducible randomised tests; print the seed on failure. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed for this run: APSIS_SEED when set (to replay a failure), otherwise time-based. */
export function testSeed(): number {
  const env = process.env.APSIS_SEED;
  return env ? Number(env) : Date.now() % 2 ** 31;
}
