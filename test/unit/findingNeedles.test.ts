/**
 * The needle patterns decide which lines are never looked at (git -G, the fast lane), so they
 * must match every line a rule could report on. Checked on generated lines, and the POSIX
 * pattern against the JS one through grep -E in the C locale (the same regex engine family
 * and locale git uses for -G), and git grep's PCRE reading of it against its ERE reading.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { findCredentialAssignments } from '../../src/detect/assignmentRule';
import { needleEre, needlePattern } from '../../src/detect/findingNeedles';
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

test('the POSIX pattern git uses selects the same lines as the JS pattern', () => {
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
  );
  const grep = spawnSync('grep', ['-n', '-E', needleEre()], {
    input: `${lines.join('\n')}\n`,
    env: { ...process.env, LC_ALL: 'C' },
    encoding: 'utf8',
  });
  expect(grep.error).toBeUndefined();
  const byGrep = new Set(
    grep.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => Number(l.slice(0, l.indexOf(':'))) - 1),
  );
  const mismatches = lines.filter((line, i) => {
    const js = needlePattern().test(line);
    // The JS pattern matches sgp_ in any case (a superset); git's is case-sensitive there.
    const jsStrict = js && !(/sgp_/i.test(line) && !/sgp_/.test(line) && !/segment/i.test(line));
    return jsStrict !== byGrep.has(i);
  });
  expect(mismatches).toEqual([]);
  expect(byGrep.size).toBeGreaterThan(lines.length / 4);
});

test('git grep selects the same lines with the pattern read as PCRE (-P) and as ERE (-E)', () => {
  const lines = fc
    .sample(lineArb, { seed: SEED + 1, numRuns: 1500 })
    .map((l) => l.replace(/[\r\n]/g, ' '));
  lines.push('segment\ttoken', 'x SEGMENT--ACCESS..KEY y', 'segment apix token', 'sgp_', 'SGP_');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-needles-'));
  try {
    fs.writeFileSync(path.join(dir, 'lines.txt'), `${lines.join('\n')}\n`);
    const matchedLines = (syntax: string) => {
      const grep = spawnSync(
        'git',
        ['grep', '--no-index', '-n', '-h', '--text', syntax, '-e', needleEre(), '--', 'lines.txt'],
        { cwd: dir, env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8' },
      );
      expect(grep.status).toBe(0);
      return grep.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(0, l.indexOf(':')));
    };
    const perl = matchedLines('-P');
    expect(perl).toEqual(matchedLines('-E'));
    expect(perl.length).toBeGreaterThan(lines.length / 4);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
