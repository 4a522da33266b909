/** Helpers for the decoder tables: a token, its encoded forms, and what the driver finds. */
import { findEncodedTokens } from '../../../src/detect/encodedTokens';
import { FIXED_BODY } from '../support/tokens';
import { PREFIX, randomString } from '../../helpers/tokens';

/** A 64-character token that is never a placeholder, built at run time. */
export function token(): string {
  return PREFIX + FIXED_BODY + randomString(48);
}

export function findIn(line: string) {
  return findEncodedTokens(line, () => true).tokens.map(({ candidate, encoding }) => ({
    token: candidate.token,
    start: candidate.start,
    end: candidate.end,
    encoding,
  }));
}

export const percentAll = (text: string) =>
  [...text].map((ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
export const escapeAll = (text: string, lead = '\\u', width = 4) =>
  [...text].map((ch) => lead + ch.charCodeAt(0).toString(16).padStart(width, '0')).join('');
