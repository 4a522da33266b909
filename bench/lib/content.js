/**
 * Filler text for the generated repositories: code-like lines, JSON, long lines, prose with
 * non-ASCII words, config files. None of it contains the token prefix, so every prefix in a
 * generated file was planted on purpose (checked by the scenarios).
 */
'use strict';

const { PREFIX } = require('./tokens');

const WORDS = (
  'alpha beta gamma delta event track source destination pipeline value index buffer stream ' +
  'result error handler request response payload schema record batch queue worker client ' +
  'server cache session account user profile order invoice segment writer reader parser ' +
  'format config option setting module export import default window document element ' +
  'context message channel signal timer retry backoff limit offset cursor page total count'
).split(' ');
const NON_ASCII_WORDS = (
  'données résumé naïve Straße größe 日本語 データ 配列 café über ñandú Ελληνικά ' +
  'русский façade coöperate smörgåsbord 🚀 ✓ …'
).split(' ');
const HEX = '0123456789abcdef';

function identifier(rng) {
  const first = rng.pick(WORDS);
  const second = rng.pick(WORDS);
  return first + second[0].toUpperCase() + second.slice(1);
}

function sentence(rng, words, nonAscii = 0) {
  const parts = [];
  for (let i = 0; i < words; i++) {
    parts.push(rng.chance(nonAscii) ? rng.pick(NON_ASCII_WORDS) : rng.pick(WORDS));
  }
  return parts.join(' ');
}

function codeLine(rng) {
  const indent = '  '.repeat(rng.int(4));
  switch (rng.int(8)) {
    case 0:
      return `${indent}const ${identifier(rng)} = ${identifier(rng)}(${identifier(rng)}, ${rng.int(1000)});`;
    case 1:
      return `${indent}if (${identifier(rng)} === '${rng.pick(WORDS)}') {`;
    case 2:
      return `${indent}}`;
    case 3:
      return `${indent}// ${sentence(rng, rng.between(4, 12))}`;
    case 4:
      return `${indent}return ${identifier(rng)}.${identifier(rng)}(${rng.int(100)});`;
    case 5:
      return `import { ${identifier(rng)} } from './${rng.pick(WORDS)}/${rng.pick(WORDS)}';`;
    case 6:
      return '';
    default:
      return `${indent}${identifier(rng)}.push({ id: '${rng.string(12, HEX)}', n: ${rng.int(1e6)} });`;
  }
}

function jsonLine(rng) {
  if (rng.chance(0.5)) {
    return `  "${rng.pick(WORDS)}_${rng.int(1000)}": "${sentence(rng, rng.between(2, 8))}",`;
  }
  const tags = [rng.pick(WORDS), rng.pick(WORDS), rng.pick(WORDS)].map((t) => `"${t}"`).join(', ');
  return `  {"id": ${rng.int(1e6)}, "name": "${sentence(rng, 3)}", "tags": [${tags}], "active": ${rng.chance(0.5)}},`;
}

/** A line of 1 to 8 KB, like a minified bundle or a wide CSV row. */
function longLine(rng) {
  const target = rng.between(1000, 8000);
  const parts = [];
  let length = 0;
  while (length < target) {
    const part = rng.chance(0.5)
      ? `${identifier(rng)}(${rng.int(100)},"${rng.pick(WORDS)}")`
      : `${rng.string(8, HEX)};${rng.int(1e5)}`;
    parts.push(part);
    length += part.length + 1;
  }
  return parts.join(',');
}

function proseLine(rng) {
  if (rng.chance(0.1)) return `## ${sentence(rng, 3, 0.3)}`;
  return sentence(rng, rng.between(6, 20), 0.15);
}

function configLine(rng) {
  if (rng.chance(0.5)) return `${rng.pick(WORDS).toUpperCase()}_${rng.int(100)}=${rng.pick(WORDS)}`;
  return `  ${rng.pick(WORDS)}: ${rng.int(1000)}`;
}

/** Kinds of files, with the extension, the filler, and how a token sits on a line of them. */
const KINDS = {
  code: {
    extensions: ['ts', 'js', 'py'],
    line: codeLine,
    plant: (tokens) => `const segmentWriteKey = "${tokens.join('", "')}";`,
  },
  json: {
    extensions: ['json'],
    line: jsonLine,
    plant: (tokens) => `  "apiToken": "${tokens.join(' ')}",`,
  },
  long: {
    extensions: ['min.js', 'csv'],
    line: longLine,
    plant: (tokens, rng) => `${longLine(rng)},"${tokens.join('","')}",${longLine(rng)}`,
  },
  prose: {
    extensions: ['md', 'txt'],
    line: proseLine,
    plant: (tokens) =>
      `Connect with segment://${tokens.join('@api.segment.io and segment://')}@api.segment.io`,
  },
  config: {
    extensions: ['env', 'yaml'],
    line: configLine,
    // A decoy glued to a word is still a secret-looking value: seg-hook rightly reports it when
    // it is assigned to a credential name, so decoy lines use a name that is not one.
    plant: (tokens) =>
      `${tokens[0].startsWith(PREFIX) ? 'SEGMENT_API_TOKEN' : 'SEGMENT_NOTES'}=${tokens.join(' ')}`,
  },
};

/** Text for a minified one-line bundle: separators every few characters, like real ones. */
function bundlePiece(rng) {
  switch (rng.int(4)) {
    case 0:
      return `function ${identifier(rng)}(a,b){return a.${identifier(rng)}(b,${rng.int(100)})}`;
    case 1:
      return `var ${identifier(rng)}="${sentence(rng, 3)}";`;
    case 2:
      return `${identifier(rng)}.${rng.pick(WORDS)}=[${rng.int(1e4)},${rng.int(1e4)},"${rng.string(16, HEX)}"];`;
    default:
      return `if(${identifier(rng)}!==void 0){${identifier(rng)}()}`;
  }
}

module.exports = { KINDS, WORDS, NON_ASCII_WORDS, bundlePiece, codeLine, identifier };
