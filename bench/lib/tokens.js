/**
 * Planted tokens and decoys, built at run time from a seeded PRNG. No token-shaped literal is
 * ever written into this repository: the prefix itself is assembled from pieces.
 */
'use strict';

const PREFIX = ['s', 'g', 'p', '_'].join('');
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Body lengths planted in turn: the seed's 16 and 32, a 40 that is not hex, the real 64. */
const BODY_LENGTHS = [16, 32, 40, 64];

/**
 * Planted bodies are kept well above any sensible placeholder threshold (3.3 bits/char), so the
 * expected count does not hinge on where seg-hook draws its placeholder line.
 */
const MIN_PLANTED_ENTROPY = 3.3;

function shannonEntropy(text) {
  const counts = new Map();
  for (const ch of text) counts.set(ch, (counts.get(ch) || 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** A Segment-shaped token that must be found. A 40-character body is never pure lowercase hex. */
function realToken(rng, bodyLength) {
  for (;;) {
    const body = rng.string(bodyLength, BASE62);
    if (shannonEntropy(body) < MIN_PLANTED_ENTROPY) continue;
    if (/^[0-9a-f]+$/.test(body)) continue; // that would be Sourcegraph's shape
    return PREFIX + body;
  }
}

/** Strings that look like tokens to a plain regex but that seg-hook must not report. */
function decoy(rng) {
  switch (rng.int(6)) {
    case 0:
      return PREFIX + 'x'.repeat(rng.between(16, 40));
    case 1:
      return PREFIX + '0'.repeat(rng.between(16, 32));
    case 2:
      return PREFIX + 'abcd'.repeat(rng.between(4, 8));
    case 3:
      return PREFIX + 'YOUR' + 'x'.repeat(rng.between(16, 28));
    case 4:
      // Too short: 15 characters of body.
      return PREFIX + rng.string(15, BASE62);
    default:
      // Glued to a word: not preceded by a separator, so not a token start.
      return 'my' + PREFIX + rng.string(rng.between(20, 40), BASE62);
  }
}

/** How many times the prefix occurs in `text` (the fixture self-check). */
function countPrefix(text) {
  let count = 0;
  for (let at = text.indexOf(PREFIX); at !== -1; at = text.indexOf(PREFIX, at + 1)) count++;
  return count;
}

/** Masks anything token-shaped before it is printed (peers echo matching lines). */
function redact(text) {
  const pattern = new RegExp(`${PREFIX}([A-Za-z0-9]{4})[A-Za-z0-9]{8,}`, 'g');
  return text.replace(pattern, `${PREFIX}$1…`);
}

module.exports = { PREFIX, BODY_LENGTHS, realToken, decoy, countPrefix, redact, shannonEntropy };
