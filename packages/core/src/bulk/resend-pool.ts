/**
 * Why this file exists: an input whose request failed for a transient reason goes back into a
 * later batch instead of holding a worker in a backoff sleep, so the other workers keep the
 * rate budget busy. Each waits out its own delay (exactly the Retry-After HubSpot gave, or a
 * backoff) here, on the client's clock, until a batch with room picks it up.
 */
import type { Clock } from "../clock.js";

export class ResendPool<T> {
  private waiting: { item: T; at: number }[] = [];

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.waiting.length;
  }

  add(item: T, delayMs = 0): void {
    this.waiting.push({ item, at: this.clock.now() + Math.max(0, delayMs) });
  }

  /** Removes and returns the items whose delay is over. */
  takeReady(): T[] {
    const now = this.clock.now();
    const ready = this.waiting.filter((w) => w.at <= now).map((w) => w.item);
    if (ready.length > 0) this.waiting = this.waiting.filter((w) => w.at > now);
    return ready;
  }

  /** Milliseconds until the next item is ready (0 when one is), undefined when empty. */
  nextIn(): number | undefined {
    if (this.waiting.length === 0) return undefined;
    return Math.max(0, Math.min(...this.waiting.map((w) => w.at)) - this.clock.now());
  }

  /** Removes and returns every item, ready or not. */
  drain(): T[] {
    const all = this.waiting.map((w) => w.item);
    this.waiting = [];
    return all;
  }
}
