/** Per-connection limits. */
export interface RelayLimits {
  /** Largest accepted frame; larger frames close the connection (1009). */
  maxFrameBytes: number;
  /** Sustained messages per second per connection (bursts up to twice that). */
  messagesPerSecond: number;
  /** Rooms one user (token subject) may have open at once. */
  maxRoomsPerUser: number;
  /** Seconds a room stays loaded with no connection. */
  idleUnloadSeconds: number;
}

export const DEFAULT_LIMITS: RelayLimits = {
  maxFrameBytes: 1024 * 1024,
  messagesPerSecond: 200,
  maxRoomsPerUser: 256,
  idleUnloadSeconds: 60,
};

/** A token bucket: `take()` false once the rate is exceeded. */
export class RateLimiter {
  private tokens: number;
  private last: number;
  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = perSecond * 2;
    this.last = now();
  }
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.perSecond * 2, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
