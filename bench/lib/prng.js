/**
 * A small seeded PRNG (mulberry32): the bench generates the same repositories on every machine,
 * so figures from different runs describe the same input.
 */
'use strict';

class Rng {
  constructor(seed) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n) {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min, max) {
    return min + this.int(max - min + 1);
  }

  chance(probability) {
    return this.next() < probability;
  }

  pick(items) {
    return items[this.int(items.length)];
  }

  string(length, alphabet) {
    let result = '';
    for (let i = 0; i < length; i++) result += alphabet[this.int(alphabet.length)];
    return result;
  }
}

module.exports = { Rng };
