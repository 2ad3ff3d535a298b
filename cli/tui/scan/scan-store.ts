/**
 * The results of the background check, kept outside React and read with useSyncExternalStore by
 * the screens that show them: a batch arriving re-renders those screens only, not the whole app.
 *
 * Results are drawn at moments that do not delay a key: Ink paints at most every ~33 ms, so a frame
 * of its own just before a key would hold that key's frame back. While keys come, pending results
 * ride along with the next key's frame; a frame of their own is drawn only once the keyboard has
 * been quiet for a moment (and at most a few times a second).
 */
import type { ClientId } from '../../../core/ids.js';
import type { ClientSummary } from '../model/client-summary.js';
import type { ScanResult } from './read-summary.js';

/** What screens read: summaries so far, unreadable documents, progress. */
export interface ScanSnapshot {
  readonly summaries: ReadonlyMap<string, ClientSummary>;
  /** Client id → why its document cannot be read (file and detail). */
  readonly problems: ReadonlyMap<string, string>;
  readonly scanned: number;
  readonly total: number;
}

/** Timers, injected so the publishing rule can be tested without waiting. */
export interface StoreTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: StoreTimers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Quiet keyboard for this long before results get a frame of their own. */
export const IDLE_MS = 250;
/** And no more often than this. */
export const PUBLISH_MS = 400;

/** Background-check results, published to subscribers by the rule above. */
export class ScanStore {
  private current: ScanSnapshot;
  private pending: ScanResult[] = [];
  private pendingDone = false;
  /** Clients summarised here after the user's own edits: newer than anything the check read. */
  private readonly local = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private lastKey = -Infinity;
  private lastPublish = -Infinity;
  private timer: unknown = null;

  constructor(
    total: number,
    private readonly timers: StoreTimers = REAL_TIMERS,
  ) {
    this.current = { summaries: new Map(), problems: new Map(), scanned: 0, total };
  }

  /** For useSyncExternalStore. */
  readonly subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** The published state (the same object until the next publish). */
  readonly snapshot = (): ScanSnapshot => this.current;

  /** Results from the check; drawn later, by the rule above. */
  add(results: readonly ScanResult[]): void {
    if (results.length === 0) return;
    this.pending.push(...results);
    this.schedule();
  }

  /** The check has reported every client. */
  finish(): void {
    this.pendingDone = true;
    this.schedule();
  }

  /** A key is being handled: pending results go into its frame (call within the key's update). */
  keyPressed(): void {
    this.lastKey = this.timers.now();
    if (this.pending.length > 0 || this.pendingDone) this.publish();
  }

  /** The user's own edit changed client `id`: shown at once, and later check results for it are stale. */
  setLocal(id: ClientId, summary: ClientSummary): void {
    this.local.add(id);
    this.publish(new Map([[id, summary]]));
  }

  /** Stops the timer (the app is closing). */
  dispose(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const now = this.timers.now();
    const wait = Math.max(0, this.lastKey + IDLE_MS - now, this.lastPublish + PUBLISH_MS - now);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      const later = this.timers.now();
      // A key came meanwhile: wait for quiet again (its frame may have taken the results already).
      if (later - this.lastKey < IDLE_MS || later - this.lastPublish < PUBLISH_MS) {
        if (this.pending.length > 0 || this.pendingDone) this.schedule();
        return;
      }
      if (this.pending.length > 0 || this.pendingDone) this.publish();
    }, wait);
  }

  private publish(own?: ReadonlyMap<string, ClientSummary>): void {
    const prev = this.current;
    let summaries = prev.summaries;
    let problems = prev.problems;
    let scanned = prev.scanned;
    if (this.pending.length > 0) {
      const s = new Map(prev.summaries);
      const p = new Map(prev.problems);
      for (const r of this.pending) {
        scanned += 1;
        if (this.local.has(r.id)) continue;
        if (r.ok) {
          s.set(r.id, r.summary);
          p.delete(r.id);
        } else {
          p.set(r.id, r.problem);
          s.delete(r.id);
        }
      }
      summaries = s;
      problems = p;
      this.pending = [];
    }
    if (own) {
      const s = summaries === prev.summaries ? new Map(summaries) : (summaries as Map<string, ClientSummary>);
      const p = problems === prev.problems ? new Map(problems) : (problems as Map<string, string>);
      for (const [id, summary] of own) {
        s.set(id, summary);
        p.delete(id);
      }
      summaries = s;
      problems = p;
    }
    if (this.pendingDone) scanned = prev.total;
    this.pendingDone = false;
    this.lastPublish = this.timers.now();
    this.current = { summaries, problems, scanned: Math.min(scanned, prev.total), total: prev.total };
    for (const fn of [...this.listeners]) fn();
  }
}
