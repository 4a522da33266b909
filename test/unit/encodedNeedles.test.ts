/**
 * The needles and the decoder come from one definition (decode/codecs.ts formsOf): for every
 * chain of encodings that opens the way to decoding, a line holding a token written so is
 * selected by the JS needle, by git's ERE (-G) and PCRE (git grep -P) readings of needleEre(),
 * and the decoder then finds the token in it. The Segment credential names are checked the
 * same way against the assignment rule.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Encoding } from '../../src/decode/codec';
import { findEncodedTokens } from '../../src/decode/decodeLine';
import { gatePieces } from '../../src/decode/gateForms';
import { isCredentialName } from '../../src/detect/assignmentRule';
import { CREDENTIAL_NAME_WORDS } from '../../src/detect/credentialNames';
import {
  encodedNeedlePattern,
  needleEre,
  needlePcre,
  needlePattern,
} from '../../src/detect/findingNeedles';
import { TOKEN_PREFIX } from '../../src/detect/tokenRules';
import { writeEncoded } from '../helpers/encodings';
import { PREFIX } from '../helpers/tokens';
import { token } from './decode/support';

const write = (text: string, chain: Encoding[]) => writeEncoded(text, chain);

const chains = [
  ...new Map(
    gatePieces(TOKEN_PREFIX).map(({ form }) => [form.chain.join('>'), form.chain]),
  ).values(),
];

test('the prefix is the tests’ prefix', () => {
  expect(TOKEN_PREFIX).toBe(PREFIX);
});

test('every encoding opens the way at depth 1, and some pairs at depth 2', () => {
  expect(
    chains
      .filter((c) => c.length === 1)
      .map((c) => c[0])
      .sort(),
  ).toEqual(['base64', 'escape', 'hex', 'percent', 'utf16']);
  expect(chains.filter((c) => c.length === 2).length).toBeGreaterThanOrEqual(8);
});

describe.each(chains.map((chain) => [chain.join(' > '), chain]))('%s', (_label, chain) => {
  const t = token();
  const line = `value ${write(t, chain as Encoding[])} end`;

  test('the JS needles select the line', () => {
    expect(needlePattern().test(line)).toBe(true);
    expect(encodedNeedlePattern().test(line)).toBe(true);
  });

  test('the decoder finds the token with its chain', () => {
    const found = findEncodedTokens(line, () => true).map((f) => [f.candidate.token, f.encoding]);
    expect(found).toContainEqual([t, chain]);
  });

  test('a disabled encoding of the chain hides it', () => {
    const found = findEncodedTokens(line, (e) => e !== (chain as Encoding[])[0]);
    expect(found.map((f) => f.candidate.token)).not.toContain(t);
  });
});

test('git selects every such line, with -E and with -P (binary lines included)', () => {
  const lines = chains.map((chain) => `value ${write(token(), chain)} end`);
  lines.push('nothing to see here', Buffer.from('plain text', 'utf16le').toString('latin1'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-encoded-needles-'));
  try {
    fs.writeFileSync(path.join(dir, 'lines.txt'), Buffer.from(`${lines.join('\n')}\n`, 'latin1'));
    for (const [syntax, pattern] of [
      ['-E', needleEre()],
      ['-P', needleEre()],
      ['-P', needlePcre()],
    ]) {
      const grep = spawnSync(
        'git',
        ['grep', '--no-index', '-n', '-h', '--text', syntax, '-e', pattern, '--', 'lines.txt'],
        { cwd: dir, env: { ...process.env, LC_ALL: 'C' }, encoding: 'latin1' },
      );
      expect(grep.status).toBe(0);
      const selected = grep.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => Number(l.slice(0, l.indexOf(':'))));
      expect(selected).toEqual(chains.map((_, i) => i + 1));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('the credential names: one definition for the rule and the needles', () => {
  test.each(CREDENTIAL_NAME_WORDS.map((words) => [words.join('_').toUpperCase(), words]))(
    '%s',
    (_label, words) => {
      for (const separator of ['_', '', '.', '-', '__']) {
        const name = (words as string[]).join(separator);
        expect(isCredentialName(name)).toBe(true);
        expect(needlePattern().test(`${name.toUpperCase()}=x`)).toBe(true);
        const grep = spawnSync('grep', ['-c', '-E', needleEre()], {
          input: `${name}=x\n`,
          env: { ...process.env, LC_ALL: 'C' },
          encoding: 'utf8',
        });
        expect(grep.stdout.trim()).toBe('1');
      }
    },
  );
});
