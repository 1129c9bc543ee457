/**
 * Why this file exists: retries, rate-limit waits, token expiry and timeouts all depend on time.
 * Everything takes a Clock, so tests use a ManualClock and run instantly instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason if aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException("This operation was aborted", "AbortError");

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const timer = setTimeout(
        () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

/** A clock that moves only when `advance` is called; pending sleeps resolve as it passes them. */
export class ManualClock implements Clock {
  private t: number;
  private waiters: { at: number; resolve: () => void }[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  /** Number of sleeps waiting for the clock to move. */
  get pending(): number {
    return this.waiters.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { at: this.t + ms, resolve };
      this.waiters.push(waiter);
      signal?.addEventListener(
        "abort",
        () => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(abortReason(signal));
        },
        { once: true },
      );
    });
  }

  advance(ms: number): void {
    this.t += ms;
    const due = this.waiters.filter((w) => w.at <= this.t);
    this.waiters = this.waiters.filter((w) => w.at > this.t);
    for (const w of due) w.resolve();
  }
}

/**
 * A clock whose sleeps return at once while its time jumps forward to their deadline: timing
 * logic (backoff, rate-limit waits) runs at full speed and still sees consistent time.
 */
export class VirtualClock implements Clock {
  private t: number;
  /** Total virtual time spent sleeping, by all callers. */
  slept = 0;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const target = this.t + Math.max(0, ms);
    this.slept += Math.max(0, ms);
    return new Promise((resolve) =>
      setImmediate(() => {
        this.t = Math.max(this.t, target);
        resolve();
      }),
    );
  }

  /** Moves time forward without sleeping (e.g. to let a token expire). */
  advance(ms: number): void {
    this.t += ms;
  }
}
