// The generator's seeded randomness (mulberry32 and the dice built on it), separate so that the
// same seed gives the same sequence whatever the generator does with it.

export type Random = () => number;

/** mulberry32: small, fast, and the same sequence on every platform for a given seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dice {
  constructor(readonly next: Random) {}
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(pairs: ReadonlyArray<[T, number]>): T {
    let remaining = this.next() * pairs.reduce((total, [, weight]) => total + weight, 0);
    for (const [value, weight] of pairs) {
      remaining -= weight;
      if (remaining < 0) return value;
    }
    return pairs[0][0];
  }
  shuffle<T>(items: T[]): T[] {
    for (let index = items.length - 1; index > 0; index--) {
      const other = Math.floor(this.next() * (index + 1));
      [items[index], items[other]] = [items[other], items[index]];
    }
    return items;
  }
}
