/**
 * The needle patterns decide which lines are never looked at (git grep, the fast lane), so they
 * must match every line a rule could report on. Checked on generated lines, and git grep's
 * PCRE pattern (the new files of a large commit, in the C locale) against the JS pattern and
 * the byte rules the scanner's fast lane applies beside it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { findCredentialAssignments } from '../../src/detect/assignmentRule';
import { hasAlnumRunIn, RUN_MIN } from '../../src/decode/runs';
import { needlePattern, needlePcre } from '../../src/detect/findingNeedles';
import { findTokenCandidates } from '../../src/detect/tokenRules';
import { PREFIX, randomString } from '../helpers/tokens';

const SEED = Number(process.env.SEG_HOOK_PROPERTY_SEED ?? 20261128);

function randomCase(word: string, flips: boolean[]): string {
  return [...word].map((ch, i) => (flips[i % flips.length] ? ch.toUpperCase() : ch)).join('');
}

const nameArb = fc
  .record({
    prefix: fc.constantFrom('', 'PROD_', 'process.env.', 'my-', 'app.'),
    middle: fc.constantFrom(['api'], [], ['access'], ['api', 'access']),
    last: fc.constantFrom('token', 'key', 'secret'),
    separator: fc.constantFrom('', '_', '-', '.', ':', '__'),
    flips: fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
  })
  .map(
    ({ prefix, middle, last, separator, flips }) =>
      prefix + ['segment', ...middle, last].map((w) => randomCase(w, flips)).join(separator),
  );

const lineArb = fc.oneof(
  fc
    .tuple(nameArb, fc.constantFrom('=', ': ', ' = ', ' := ', '": "', ' => '), fc.boolean())
    .map(([name, op, quoted]) => {
      const value = `${randomString(10)}7${randomString(12)}`;
      return quoted ? `"${name}${op}${value}"` : `${name}${op}${value}`;
    }),
  fc.string({ maxLength: 40 }).map((s) => `${s}${PREFIX}${randomString(20)}`),
  fc.string({ maxLength: 60 }).map((s) => s.replace(/\n/g, ' ')),
);

test('every line a rule reports on holds a needle (JS pattern)', () => {
  fc.assert(
    fc.property(lineArb, (line) => {
      const reported =
        findCredentialAssignments(line).length + findTokenCandidates(line).length > 0;
      if (reported) expect(needlePattern().test(line)).toBe(true);
    }),
    { seed: SEED, numRuns: 2000 },
  );
});

test('git grep -P selects the lines the JS pattern, the letter-and-digit runs and the soft breaks select', () => {
  const lines = fc
    .sample(lineArb, { seed: SEED, numRuns: 1500 })
    .map((l) => l.replace(/[\r\n]/g, ' '));
  lines.push(
    'segment token',
    'SEGMENT_API_TOKEN=',
    'Segment:ApiToken',
    'segments are fun',
    'sgp',
    'SGP_',
    `data: ${randomString(40)}`,
    'a quoted-printable line ends so=',
    'a = ',
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-needles-'));
  try {
    fs.writeFileSync(path.join(dir, 'lines.txt'), `${lines.join('\n')}\n`);
    const grep = spawnSync(
      'git',
      ['grep', '--no-index', '-n', '-h', '--text', '-P', '-e', needlePcre(), '--', 'lines.txt'],
      { cwd: dir, env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8' },
    );
    expect(grep.status).toBe(0);
    const byGrep = new Set(
      grep.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => Number(l.slice(0, l.indexOf(':'))) - 1),
    );
    const mismatches = lines.filter((line, i) => {
      const js =
        needlePattern().test(line) || hasAlnumRunIn(line, RUN_MIN) || /(?<![ \t=])=$/.test(line);
      return js !== byGrep.has(i);
    });
    expect(mismatches).toEqual([]);
    expect(byGrep.size).toBeGreaterThan(lines.length / 4);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
