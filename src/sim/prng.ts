/**
 * A small seeded pseudo-random generator (mulberry32) and the helpers the world generator needs.
 * The simulation must be byte-identical per seed, so nothing here reads `Math.random` or a clock.
 */

/** Mixes up to four 32-bit integers into one well-spread 32-bit seed (murmur3 finaliser steps). */
export function mixSeed(a: number, b = 0, c = 0, d = 0): number {
  // Unrolled (no array per call): the generator calls this once per account and day.
  let h = (a ^ 0x9e3779b9) >>> 0;
  h = step(h, b);
  h = step(h, c);
  h = step(h, d);
  return fmix32(h);
}

function step(h: number, v: number): number {
  let x = Math.imul(h ^ (v >>> 0), 0x85ebca6b);
  x = (x ^ (x >>> 13)) >>> 0;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * The murmur3 32-bit finaliser: a bijection on 32-bit integers, so distinct inputs give distinct
 * outputs (used to turn account indexes into opaque, collision-free ids).
 */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seeded generator with the draws the simulation uses. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform float in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One element chosen with the given relative weights. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** `n` distinct elements (or all of them when the list is shorter), in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    this.shuffle(copy);
    return copy.slice(0, Math.min(n, copy.length));
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** A draw from a geometric-like heavy tail: mostly small counts, sometimes large (Pareto, shape `alpha`). */
  pareto(min: number, alpha: number, cap: number): number {
    const u = 1 - this.next();
    return Math.min(cap, Math.floor(min / Math.pow(u, 1 / alpha)));
  }

  /** `len` lowercase hex characters. */
  hex(len: number): string {
    let s = '';
    while (s.length < len) s += this.uint32().toString(16).padStart(8, '0');
    return s.slice(0, len);
  }

  /** A random (version 4 layout) UUID, deterministic from the generator's state. */
  uuid(): string {
    const h = this.hex(32).split('');
    h[12] = '4';
    h[16] = '89ab'[parseInt(h[16] ?? '0', 16) & 3] ?? '8';
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}
