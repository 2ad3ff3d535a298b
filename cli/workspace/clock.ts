/** The shell's clock. `APSIS_NOW` pins it (training scenarios, reproducible tests). */
export interface Clock {
  now(): Date;
}

/** A clock from the environment: APSIS_NOW=2026-11-23T07:00 pins the time, otherwise the real one. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const pinned = env.APSIS_NOW;
  if (pinned) {
    const t = new Date(pinned);
    if (Number.isNaN(t.getTime())) throw new Error(`APSIS_NOW is not a date-time: ${pinned}`);
    return { now: () => new Date(t) };
  }
  return { now: () => new Date() };
}
