/**
 * Why this file exists: clients must survive what production throws at them. Faults are drawn
 * from a seeded generator, so a failing run can be replayed exactly.
 */

export interface FaultOptions {
  /** Seed of the generator; the same seed and traffic give the same faults. Default 1. */
  seed?: number;
  /** Fraction of requests answered 429 (TEN_SECONDLY_ROLLING). */
  rate429?: number;
  /** Fraction answered 500, 502, 503 or 504. */
  rate5xx?: number;
  /** Fraction whose connection is reset before anything is applied. */
  resetRate?: number;
  /** Fraction of writes that are applied and then answered with a connection reset. */
  lostResponseRate?: number;
  /** Fraction delayed by `latencyMs` before being answered. */
  latencyRate?: number;
  latencyMs?: number;
  /** Fraction of batch items that fail with a per-item error. */
  itemErrorRate?: number;
}

export type FaultKind = "reset" | "429" | "5xx" | "lost-response" | "latency" | "item-error";

const RATES = [
  "rate429",
  "rate5xx",
  "resetRate",
  "lostResponseRate",
  "latencyRate",
  "itemErrorRate",
] as const;

/** Checks fault options, naming the bad one. */
export function validateFaults(f: FaultOptions): Required<FaultOptions> {
  for (const key of RATES) {
    const v = f[key];
    if (v !== undefined && (typeof v !== "number" || !(v >= 0 && v <= 1))) {
      throw new RangeError(
        `startMockServer: faults.${key} must be a number from 0 to 1, got ${JSON.stringify(v)}`,
      );
    }
  }
  if (f.latencyMs !== undefined && !(typeof f.latencyMs === "number" && f.latencyMs >= 0)) {
    throw new RangeError(
      `startMockServer: faults.latencyMs must be a number >= 0, got ${JSON.stringify(f.latencyMs)}`,
    );
  }
  return {
    seed: 1,
    rate429: 0,
    rate5xx: 0,
    resetRate: 0,
    lostResponseRate: 0,
    latencyRate: 0,
    latencyMs: 0,
    itemErrorRate: 0,
    ...f,
  };
}

/** mulberry32: small, fast, and good enough to spread faults evenly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultPlan {
  private readonly random: () => number;
  readonly options: Required<FaultOptions>;

  constructor(options: FaultOptions = {}) {
    this.options = validateFaults(options);
    this.random = seededRandom(this.options.seed);
  }

  private roll(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }

  /** What happens to one request before it is handled (at most one of these). */
  beforeHandling(): "reset" | "429" | 500 | 502 | 503 | 504 | undefined {
    const o = this.options;
    if (this.roll(o.resetRate)) return "reset";
    if (this.roll(o.rate429)) return "429";
    if (this.roll(o.rate5xx)) return ([500, 502, 503, 504] as const)[Math.floor(this.random() * 4)];
    return undefined;
  }

  latency(): number {
    return this.roll(this.options.latencyRate) ? this.options.latencyMs : 0;
  }

  lostResponse(): boolean {
    return this.roll(this.options.lostResponseRate);
  }

  itemFails(): boolean {
    return this.roll(this.options.itemErrorRate);
  }
}
