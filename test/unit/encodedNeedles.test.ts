/**
 * The needles and the stage come from one definition (decode/codecs.ts formsOf). For every
 * chain of encodings users meet, written by the tests' own encoders (never from the gate's
 * list of forms), a line holding a token so written is selected by the JS needle (with the
 * scanner's run rule) and by git grep -P's reading of the needles, and the stage then finds
 * the token in it. The Segment credential names are checked the same way against the assignment rule.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasAlnumRunIn, RUN_MIN } from '../../src/decode/runs';
import { isCredentialName } from '../../src/detect/assignmentRule';
import { CREDENTIAL_NAME_WORDS } from '../../src/detect/credentialNames';
import { findEncodedTokens } from '../../src/detect/encodedTokens';
import { encodedNeedlePattern, needlePcre, needlePattern } from '../../src/detect/findingNeedles';
import { TOKEN_PREFIX } from '../../src/detect/tokenRules';
import { EncodingName, writeLayered } from '../helpers/encodings';
import { PREFIX } from '../helpers/tokens';
import { token } from './decode/support';

/** The chains of docs/detection-encodings.md, as real tools nest them. */
const CHAINS: EncodingName[][] = [
  ['percent'],
  ['escape'],
  ['hex'],
  ['base64'],
  ['utf16'],
  ['quotedPrintable'],
  ['base64', 'utf16'], // PowerShell -EncodedCommand
  ['base64', 'base64'], // a Kubernetes .dockerconfigjson
  ['base64', 'percent'],
  ['base64', 'escape'],
  ['percent', 'base64'],
  ['escape', 'base64'],
  ['utf16', 'escape'],
  ['quotedPrintable', 'base64'],
  ['percent', 'percent'],
  ['percent', 'utf16'],
  ['escape', 'escape'],
  ['hex', 'base64'],
  ['utf16', 'percent'],
  ['base64', 'base64', 'base64'],
  ['base64', 'utf16', 'escape'],
  ['percent', 'base64', 'utf16'],
  ['percent', 'percent', 'percent'],
  ['base64', 'hex', 'percent'],
];

/** Alignments of the innermost base64: 0, 1 and 2 bytes before the token. */
const LEADS = ['', 'u', 'u:'];

test('the prefix is the tests’ prefix', () => {
  expect(TOKEN_PREFIX).toBe(PREFIX);
});

describe.each(CHAINS.map((chain) => [chain.join(' > '), chain]))('%s', (_label, chain) => {
  const lines = LEADS.map((lead) => {
    const t = token();
    return { t, line: `value ${writeLayered(t, chain as EncodingName[], lead)} end` };
  });

  test('the JS needles or the run rule select the line', () => {
    for (const { line } of lines) {
      const run = hasAlnumRunIn(line, RUN_MIN);
      expect(needlePattern().test(line) || run).toBe(true);
      expect(encodedNeedlePattern().test(line) || run).toBe(true);
    }
  });

  test('the stage finds the token, at every base64 alignment', () => {
    for (const { t, line } of lines) {
      const found = findEncodedTokens(line, () => true);
      expect(found.tokens.map((f) => f.candidate.token)).toContain(t);
      expect(found.bound).toBeUndefined();
    }
  });

  test('with the outermost encoding that changes the token turned off, it is not found', () => {
    for (const { t, line } of lines) {
      const found = findEncodedTokens(line, () => true).tokens.find((f) => f.candidate.token === t);
      const outer = found!.encoding[0];
      const without = findEncodedTokens(line, (e) => e !== outer).tokens;
      expect(without.map((f) => f.candidate.token)).not.toContain(t);
    }
  });
});

test.each([
  ['sgp%5F', (t: string) => `https://x/?k=${t.replace('_', '%5F')}`],
  ['%73gp_', (t: string) => `https://x/?k=%73${t.slice(1)}`],
  ['s%67%70_', (t: string) => `q=s%67%70${t.slice(3)}`],
  ['sgp\\x5f', (t: string) => `"${t.replace('_', '\\x5f')}"`],
  ['sgp\\u005F', (t: string) => `"${t.replace('_', '\\u005F')}"`],
  ['sgp=5F (quoted-printable)', (t: string) => `k=${t.replace('_', '=5F')}`],
])('a partial encoding of the prefix: %s', (_label, write) => {
  const t = token();
  const line = write(t);
  expect(needlePattern().test(line)).toBe(true);
  expect(findEncodedTokens(line, () => true).tokens.map((f) => f.candidate.token)).toEqual([t]);
});

test('git grep -P selects every such line (binary lines included)', () => {
  const lines = CHAINS.flatMap((chain) =>
    LEADS.map((lead) => `value ${writeLayered(token(), chain, lead)} end`),
  );
  lines.push('nothing to see here', Buffer.from('plain text', 'utf16le').toString('latin1'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-encoded-needles-'));
  try {
    fs.writeFileSync(path.join(dir, 'lines.txt'), Buffer.from(`${lines.join('\n')}\n`, 'latin1'));
    for (const [syntax, pattern] of [['-P', needlePcre()]]) {
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
      expect(selected).toEqual(lines.slice(0, -2).map((_, i) => i + 1));
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
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-names-'));
        try {
          fs.writeFileSync(path.join(dir, 'name.txt'), `${name}=x\n`);
          const grep = spawnSync(
            'git',
            ['grep', '--no-index', '-c', '-h', '-P', '-e', needlePcre(), '--', 'name.txt'],
            { cwd: dir, env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8' },
          );
          expect(grep.stdout.trim()).toBe('1');
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
    },
  );
});
