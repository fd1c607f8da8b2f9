/**
 * A small seeded pseudo-random generator for reproducible randomized tests.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded through splitmix32 so that
 * neighbouring seeds (0, 1, 2, ...) give unrelated streams. It is not cryptographic; it only has to be
 * fast, deterministic across Node versions and good enough to spread test inputs.
 */

/** Parses a seed given as decimal or `0x` hex text (e.g. from an environment variable). */
export function parseSeed(text: string): number {
  const value = Number(text.trim());
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`invalid seed: ${text}`);
  return value >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param seed Any 32-bit unsigned integer; the same seed always gives the same sequence. */
  constructor(readonly seed: number) {
    const init = splitmix32(seed);
    this.a = init();
    this.b = init();
    this.c = init();
    this.d = 1;
    // Discard the first outputs: sfc32 mixes its state during its first rounds.
    for (let i = 0; i < 12; i++) this.next32();
  }

  /** A uniform unsigned 32-bit integer. */
  next32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A uniform float in [0, 1). */
  float(): number {
    return this.next32() / 2 ** 32;
  }

  /** A uniform integer in [min, max] (both inclusive, safe integers). */
  int(min: number, max: number): number {
    if (max < min) throw new Error(`empty range [${min}, ${max}]`);
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** A uniform bigint in [min, max] (both inclusive). */
  bigint(min: bigint, max: bigint): bigint {
    if (max < min) throw new Error(`empty range [${min}, ${max}]`);
    const span = max - min + 1n;
    const bits = span.toString(2).length + 32;
    let r = 0n;
    for (let i = 0; i < bits; i += 32) r = (r << 32n) | BigInt(this.next32());
    return min + (r % span);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty array");
    return items[this.int(0, items.length - 1)];
  }

  /** Chooses a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let x = this.float() * total;
    for (const [key, w] of entries) {
      if (x < w) return key;
      x -= w;
    }
    return entries[entries.length - 1][0];
  }
}
