import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  applyBaseline,
  BASELINE_FILE,
  buildBaseline,
  indexBaseline,
  serializeBaseline,
} from '../../src/baseline/baseline';
import { loadBaseline, writeBaseline } from '../../src/baseline/baselineFile';
import { isScanError } from '../../src/errors';
import { fingerprintToken } from '../../src/report/fingerprint';
import { Finding } from '../../src/types';
import { makeSourcegraphToken } from '../helpers/tokens';
import { finding, result, tokenShapedStrings } from './support/results';
import { highEntropyToken } from './support/tokens';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-baseline-unit-'));
  dirs.push(dir);
  return dir;
}

const fp = (f: Finding) => fingerprintToken(f.ruleId, f.token);
/** A baseline recording each finding's token in that finding's file. */
const baselineOf = (...findings: Finding[]) =>
  indexBaseline(findings.map((f) => ({ fingerprint: fp(f), files: [f.file] })));
/** Fingerprint -> files, as plain data to compare. */
const plain = (index: ReadonlyMap<string, ReadonlySet<string>>) =>
  Object.fromEntries([...index].map(([key, files]) => [key, [...files].sort()]));

/** The ScanError `action` throws (and fails if it throws anything else, or nothing). */
async function scanErrorOf(action: () => Promise<unknown>) {
  try {
    await action();
  } catch (error) {
    if (isScanError(error)) return error;
    throw error;
  }
  throw new Error('expected a ScanError');
}

describe('buildBaseline / serializeBaseline', () => {
  const a = highEntropyToken(64);
  const b = highEntropyToken(20);
  const findings = [
    finding({ token: a, file: 'src/z.ts', line: 40 }),
    finding({ token: b, file: 'config/b.env', line: 2 }),
    finding({ token: a, file: 'src/a.ts', line: 7 }),
    finding({ token: a, file: 'src/z.ts', line: 41 }),
  ];

  test('one entry per fingerprint, with the files it was seen in, sorted', () => {
    const baseline = buildBaseline(findings);
    expect(baseline.version).toBe(1);
    const expected = [
      {
        fingerprint: fp(findings[0]),
        ruleId: 'segment-public-api-token',
        files: ['src/a.ts', 'src/z.ts'],
      },
      { fingerprint: fp(findings[1]), ruleId: 'segment-public-api-token', files: ['config/b.env'] },
    ].sort((x, y) => (x.fingerprint < y.fingerprint ? -1 : 1));
    expect(baseline.entries).toEqual(expected);
  });

  test('holds no token, no line number, no timestamp', () => {
    const text = serializeBaseline(buildBaseline(findings));
    expect(text).not.toContain(a);
    expect(text).not.toContain(b);
    expect(text).not.toContain(a.slice(4, 20));
    expect(tokenShapedStrings(text)).toEqual([]);
    expect(text).not.toMatch(/"line"|"column"|\d{4}-\d{2}-\d{2}/);
    for (const entry of JSON.parse(text).entries) {
      expect(Object.keys(entry).sort()).toEqual(['files', 'fingerprint', 'ruleId']);
    }
  });

  test('the same findings in any order, at any lines, give the same bytes', () => {
    const text = serializeBaseline(buildBaseline(findings));
    const moved = [...findings].reverse().map((f) => ({ ...f, line: f.line + 100, column: 1 }));
    expect(serializeBaseline(buildBaseline(moved))).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
  });

  test('file order is code-unit order, not locale order', () => {
    const token = highEntropyToken(40);
    const baseline = buildBaseline(
      ['b.ts', 'B.ts', 'é.ts', 'a.ts', 'Z.ts'].map((file) => finding({ token, file })),
    );
    expect(baseline.entries[0].files).toEqual(['B.ts', 'Z.ts', 'a.ts', 'b.ts', 'é.ts']);
  });

  test('no findings: an empty, valid baseline', () => {
    expect(serializeBaseline(buildBaseline([]))).toBe('{\n  "version": 1,\n  "entries": []\n}\n');
  });
});

describe('applyBaseline', () => {
  const known = finding({ token: highEntropyToken(40) });
  const fresh = finding({ token: highEntropyToken(40) });
  const sourcegraph = finding({
    token: makeSourcegraphToken(),
    ruleId: 'sourcegraph-access-token',
    blocking: false,
  });

  test('leaves out baselined findings and counts them', () => {
    const out = applyBaseline(result([known, fresh, { ...known, line: 99 }]), baselineOf(known));
    expect(out.findings).toEqual([fresh]);
    expect(out.summary.suppressedByBaseline).toBe(2);
  });

  test('only in the files the baseline records: the same token pasted elsewhere is reported', () => {
    const pasted = { ...known, file: `new/${known.file}` };
    const out = applyBaseline(result([known, pasted]), baselineOf(known));
    expect(out.findings).toEqual([pasted]);
    expect(out.summary.suppressedByBaseline).toBe(1);
  });

  test('the fingerprint includes the rule: the same text under another rule is not suppressed', () => {
    const other = { ...sourcegraph, ruleId: 'segment-public-api-token' as const };
    const out = applyBaseline(result([sourcegraph, other]), baselineOf(sourcegraph));
    expect(out.findings).toEqual([other]);
    expect(out.summary.suppressedByBaseline).toBe(1);
  });

  test('a baseline that matches nothing reports 0 suppressed; no baseline adds no field', () => {
    const input = result([fresh]);
    const unmatched = applyBaseline(
      input,
      indexBaseline([{ fingerprint: '0'.repeat(32), files: [fresh.file] }]),
    );
    expect(unmatched.findings).toEqual([fresh]);
    expect(unmatched.summary.suppressedByBaseline).toBe(0);
    expect(applyBaseline(input, new Map()).summary).not.toHaveProperty('suppressedByBaseline');
  });
});

describe('loadBaseline', () => {
  test('reads the fingerprints of the root file, each with its files', async () => {
    const root = tempDir();
    const entries = [
      finding({ token: highEntropyToken(40) }),
      finding({ token: highEntropyToken(40) }),
    ];
    writeBaseline(path.join(root, BASELINE_FILE), buildBaseline(entries));
    expect(plain(await loadBaseline(root))).toEqual(plain(baselineOf(...entries)));
  });

  test('no root file: an empty baseline; an explicit file that is missing: an error', async () => {
    const root = tempDir();
    expect((await loadBaseline(root)).size).toBe(0);
    const error = await scanErrorOf(() => loadBaseline(root, path.join(root, 'nope.json')));
    expect(error.kind).toBe('bad-config');
    expect(error.message).toContain('nope.json');
  });

  test('an explicit file wins over the root one', async () => {
    const root = tempDir();
    const rootEntry = finding({ token: highEntropyToken(40) });
    const explicitEntry = finding({ token: highEntropyToken(40) });
    writeBaseline(path.join(root, BASELINE_FILE), buildBaseline([rootEntry]));
    writeBaseline(path.join(root, 'other.json'), buildBaseline([explicitEntry]));
    expect(plain(await loadBaseline(root, path.join(root, 'other.json')))).toEqual(
      plain(baselineOf(explicitEntry)),
    );
  });

  test.each([
    ['invalid JSON', '{"version": 1, "entries": [', /invalid JSON/],
    ['an empty file', '', /invalid JSON/],
    ['a wrong version', '{"version": 2, "entries": []}', /version/],
    ['no entries', '{"version": 1}', /entries/],
    [
      'a bad fingerprint',
      '{"version":1,"entries":[{"fingerprint":"xyz","ruleId":"r","files":["a"]}]}',
      /entries\.0\.fingerprint/,
    ],
    [
      'an entry without its files',
      `{"version":1,"entries":[{"fingerprint":"${'0'.repeat(32)}","ruleId":"r"}]}`,
      /entries\.0\.files: .*the list of files the token may stay in/,
    ],
    ['an array', '[]', /top level/],
  ])('a malformed baseline (%s) is an error naming the file', async (_what, text, problem) => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, BASELINE_FILE), text);
    const error = await scanErrorOf(() => loadBaseline(root));
    expect(error.kind).toBe('bad-config');
    expect(error.message).toContain(BASELINE_FILE);
    expect(error.message).toMatch(problem);
    expect(error.message).not.toContain('\n');
  });

  test('a baseline that is a directory is an error, not an empty baseline', async () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, BASELINE_FILE));
    expect((await scanErrorOf(() => loadBaseline(root))).kind).toBe('bad-config');
  });
});

describe('writeBaseline', () => {
  test('writes the serialized baseline and leaves no temp file behind', () => {
    const dir = tempDir();
    const baseline = buildBaseline([finding({ token: highEntropyToken(40) })]);
    writeBaseline(path.join(dir, BASELINE_FILE), baseline);
    expect(fs.readdirSync(dir)).toEqual([BASELINE_FILE]);
    expect(fs.readFileSync(path.join(dir, BASELINE_FILE), 'utf8')).toBe(
      serializeBaseline(baseline),
    );
  });

  test('an unwritable place is a one-line error, with no temp file left', () => {
    const dir = tempDir();
    const target = path.join(dir, 'missing-dir', BASELINE_FILE);
    expect(() => writeBaseline(target, buildBaseline([]))).toThrow(/cannot write .*ENOENT/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
