import { BaselineIndex, indexBaseline } from '../../src/baseline/baseline';
import { DEFAULT_CONFIG, SegHookConfig } from '../../src/config/config';
import { Policy } from '../../src/policy/policy';
import {
  applyRangePolicy,
  describeBaselineChange,
  describeConfigChanges,
} from '../../src/policy/policyChanges';
import { fingerprintToken } from '../../src/report/fingerprint';
import { formatGithubReport } from '../../src/report/githubReport';
import { formatSarifReport } from '../../src/report/sarifReport';
import { formatTextReport } from '../../src/report/textReport';
import { Finding } from '../../src/types';
import { finding, result, tokenShapedStrings } from './support/results';
import { highEntropyToken } from './support/tokens';

const TRUSTED = 'a'.repeat(40);

function policy(config: Partial<SegHookConfig> = {}, baseline: BaselineIndex = new Map()): Policy {
  return { config: { ...DEFAULT_CONFIG, ...config }, baseline, configFile: null };
}

const baselineOf = (...findings: Finding[]) =>
  indexBaseline(
    findings.map((f) => ({ fingerprint: fingerprintToken(f.ruleId, f.token), files: [f.file] })),
  );

describe('applyRangePolicy', () => {
  const inDocs = finding({ token: highEntropyToken(40), file: 'docs/a.md' });
  const inSrc = finding({ token: highEntropyToken(40), file: 'src/b.ts' });

  test('same policy on both sides: findings untouched, no changes', () => {
    const out = applyRangePolicy(result([inDocs, inSrc]), policy(), policy(), TRUSTED);
    expect(out.findings).toEqual([inDocs, inSrc]);
    expect(out.policy).toEqual({ trustedCommit: TRUSTED, changes: [] });
  });

  test('the head ignores docs/**: the docs finding stays blocking, marked, and counted', () => {
    const head = { ...policy({ ignorePaths: ['docs/**'] }), configFile: '.seg-hookrc.json' };
    const out = applyRangePolicy(result([inDocs, inSrc]), policy(), head, TRUSTED);
    expect(out.findings).toEqual([{ ...inDocs, hiddenBy: 'config' }, inSrc]);
    expect(out.policy?.changes).toEqual([
      {
        kind: 'config',
        file: '.seg-hookrc.json',
        detail: 'ignorePaths: [] -> ["docs/**"]',
        hides: 1,
        blocking: true,
      },
    ]);
  });

  test('"policyChanges": "warn" on the trusted side: the hidden finding becomes a warning', () => {
    const trusted = policy({ policyChanges: 'warn' });
    const head = policy({
      policyChanges: 'warn',
      sourcegraphTokens: 'off',
      ignorePaths: ['docs/**'],
    });
    const out = applyRangePolicy(result([inDocs, inSrc]), trusted, head, TRUSTED);
    expect(out.findings).toEqual([{ ...inDocs, hiddenBy: 'config', blocking: false }, inSrc]);
    expect(out.policy?.changes[0]).toMatchObject({ hides: 1, blocking: false });
  });

  test('a rule made less strict at the head hides its findings; stricter hides nothing', () => {
    const sourcegraph = finding({
      token: highEntropyToken(40),
      ruleId: 'sourcegraph-access-token',
    });
    const laxer = applyRangePolicy(
      result([sourcegraph]),
      policy(),
      policy({ sourcegraphTokens: 'warn' }),
      TRUSTED,
    );
    expect(laxer.findings[0].hiddenBy).toBe('config');
    const stricter = applyRangePolicy(
      result([{ ...sourcegraph, blocking: false }]),
      policy({ sourcegraphTokens: 'warn' }),
      policy({ sourcegraphTokens: 'block' }),
      TRUSTED,
    );
    expect(stricter.findings[0].hiddenBy).toBeUndefined();
    expect(stricter.policy?.changes).toEqual([
      expect.objectContaining({ hides: 0, blocking: false }),
    ]);
  });

  test("the trusted baseline suppresses; the head's new entry is reported as hiding", () => {
    const out = applyRangePolicy(
      result([inDocs, inSrc]),
      policy({}, baselineOf(inDocs)),
      policy({}, baselineOf(inDocs, inSrc)),
      TRUSTED,
    );
    expect(out.findings).toEqual([{ ...inSrc, hiddenBy: 'baseline' }]);
    expect(out.summary.suppressedByBaseline).toBe(1);
    expect(out.policy?.changes).toEqual([
      {
        kind: 'baseline',
        file: '.seg-hook-baseline.json',
        detail: 'baseline: adds 1 entry, removes 0',
        hides: 1,
        blocking: true,
      },
    ]);
  });

  test('an allow marker added in the range: one change per line it hides', () => {
    const marked: Finding = { ...inSrc, hiddenBy: 'allow-marker', line: 9 };
    const out = applyRangePolicy(result([marked]), policy(), policy(), TRUSTED);
    expect(out.findings).toEqual([marked]);
    expect(out.policy?.changes).toEqual([
      expect.objectContaining({ kind: 'allow-marker', file: 'src/b.ts', line: 9, hides: 1 }),
    ]);
  });

  test('an unreadable head configuration is a change to report, not a failure', () => {
    const out = applyRangePolicy(result([inSrc]), policy(), { error: 'invalid JSON' }, TRUSTED);
    expect(out.findings).toEqual([inSrc]);
    expect(out.policy?.changes).toEqual([
      expect.objectContaining({ kind: 'config', hides: 0, blocking: false }),
    ]);
    expect(out.policy?.changes[0].detail).toContain('invalid JSON');
  });
});

describe('describing changes', () => {
  test('config: one clause per key that differs', () => {
    expect(
      describeConfigChanges(DEFAULT_CONFIG, {
        ...DEFAULT_CONFIG,
        riskyFileWarnings: false,
        source: 'x',
      }),
    ).toEqual(['riskyFileWarnings: true -> false']);
  });

  test('baseline: entries (a fingerprint in a file) added and removed', () => {
    const a = indexBaseline([{ fingerprint: '1'.repeat(32), files: ['x', 'y'] }]);
    const b = indexBaseline([{ fingerprint: '1'.repeat(32), files: ['y', 'z', 'w'] }]);
    expect(describeBaselineChange(a, b)).toBe('baseline: adds 2 entries, removes 1');
    expect(describeBaselineChange(a, a)).toBeNull();
  });
});

describe('the reports show the policy changes', () => {
  const token = highEntropyToken(40);
  const hidden = finding({ token, file: 'app.js', hiddenBy: 'config' });
  const scanned = applyRangePolicy(
    result([{ ...hidden, hiddenBy: undefined }]),
    policy(),
    { ...policy({ ignorePaths: ['**'] }), configFile: '.seg-hookrc.json' },
    TRUSTED,
  );
  const changes = scanned.policy?.changes ?? [];

  test('text: the trusted commit, each change, and what it would hide', () => {
    const text = formatTextReport(scanned, { redact: true, color: false }, 'range');
    expect(text).toContain(`scanned with the policy of ${TRUSTED.slice(0, 12)}, the trusted side`);
    expect(text).toContain(
      '  .seg-hookrc.json: ignorePaths: [] -> ["**"] — would hide 1 finding, reported above and blocking',
    );
    expect(text).toContain("(the range's configuration change would hide it)");
    expect(tokenShapedStrings(text)).toEqual([]);
  });

  test('github: an annotation on the configuration file', () => {
    const text = formatGithubReport(scanned.findings, { redact: true }, changes);
    expect(text).toContain('::error file=.seg-hookrc.json,title=seg-hook%3A policy change::');
  });

  test('sarif: a result of the policy-change rule at the configuration file', () => {
    const log = JSON.parse(formatSarifReport(scanned.findings, '1.0.0', { redact: true }, changes));
    const run = log.runs[0];
    const result = run.results.find(
      (r: { ruleId: string }) => r.ruleId === 'seg-hook-policy-change',
    );
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('seg-hook-policy-change');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('.seg-hookrc.json');
  });
});
