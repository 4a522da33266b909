/** Token builders with a guaranteed entropy, for tests that must not flake on short bodies. */
import { PREFIX, randomString } from '../../helpers/tokens';

/** 16 distinct characters (4 bits each), assembled at run time. */
export const FIXED_BODY = ['Ab3dE5gH', '7jK9mN1p'].join('');

/**
 * A Segment-shaped token of `bodyLength` (>= 16) that is never a placeholder: a random 16-char
 * body is one with probability 6.3e-5, which would make a test flaky; this one starts with
 * 16 distinct characters.
 */
export function highEntropyToken(bodyLength = 16): string {
  if (bodyLength < 16) throw new Error('bodyLength must be at least 16');
  return PREFIX + FIXED_BODY + randomString(bodyLength - 16);
}
