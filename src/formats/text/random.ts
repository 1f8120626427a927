/**
 * A small seeded PRNG for `jixiao gen`: mulberry32 for the stream, murmur3's fmix32 to derive
 * independent streams from (seed, form index, purpose). Every form depends only on its own
 * stream, so forms generated in batches concatenate to the same bytes as one big run.
 */

/** A seed as given on the command line or in code: 7 and '7' are the same seed. */
export type Seed = number | string;

/** 32-bit seed for a number or string (FNV-1a over its text). */
export function seed32(seed: Seed): number {
  const s = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes integer keys (any safe integer ≥ 0) into one 32-bit stream seed. */
export function mixKeys(seed: number, keys: readonly number[]): number {
  let h = fmix32(seed ^ 0x9e3779b9);
  for (const k of keys) {
    const lo = k >>> 0;
    const hi = Math.floor(k / 4294967296) >>> 0;
    h = fmix32(h + 0x6d2b79f5 + fmix32(lo ^ Math.imul(hi, 0x27d4eb2d)));
  }
  return h;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Float in [min, max). */
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p; always draws one number, so p = 0 and p = 1 keep the stream aligned. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the entries, with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let x = this.next() * total;
    for (const [v, w] of entries) {
      if (x < w) return v;
      x -= w;
    }
    return entries[entries.length - 1][0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}

/** The stream for one purpose of one item: rngFor(seed, formIndex, STREAM_X). */
export function rngFor(seed: Seed, ...keys: number[]): Rng {
  return new Rng(mixKeys(seed32(seed), keys));
}
