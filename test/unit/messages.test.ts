import { messages, RULE_DESCRIPTIONS, RULE_TITLES } from '../../src/report/messages';
import { RUNBOOK } from '../../src/report/runbook';
import { tokenShapedStrings } from './support/results';
import { loadAdvice } from '../../src/report/loadAdvice';

describe('RUNBOOK', () => {
  // The seed document's eight remediation steps, in its order.
  const SEED_STEPS: [string, RegExp][] = [
    ['Revoke immediately', /revoke immediately/i],
    ['Audit access logs', /audit access logs/i],
    ['Assess blast radius', /assess the blast radius/i],
    ['Rotate credential (least privilege)', /rotate the credential[^]*least privilege/i],
    ['Update dependent systems', /update dependent systems[^]*CI\/CD/i],
    ['Harden access controls', /harden access controls/i],
    ['Implement secrets management', /secrets management[^]*secrets manager/i],
    ['Add detection controls', /detection controls[^]*pre-commit hook/i],
  ];

  test.each(SEED_STEPS)('contains the seed step "%s"', (_step, pattern) => {
    expect(RUNBOOK).toMatch(pattern);
  });

  test('lists the steps in the seed’s order, numbered 1 to 8', () => {
    const positions = SEED_STEPS.map(([, pattern]) => RUNBOOK.search(pattern));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (let n = 1; n <= 8; n++) expect(RUNBOOK).toMatch(new RegExp(`^${n}\\. `, 'm'));
  });

  test('holds no token-shaped text', () => {
    expect(tokenShapedStrings(RUNBOOK)).toEqual([]);
  });
});

describe('guidance printed with a blocked commit', () => {
  const hook = { command: 'npx seg-hook', fromHook: true };
  const text = messages.guidance(loadAdvice(['app/config.js']), hook).join('\n');

  test.each([
    ['removing the token and loading it from the environment', /environment/],
    ['a secrets manager', /secrets manager/],
    ['re-staging', /git add/],
    ['revoking and rotating an exposed token', /revoke it in Segment and create a new one/],
    ['allowing a false positive inline', /seg-hook:allow/],
    ['ignoring a path', /ignorePaths/],
    ['bypassing once', /SEG_HOOK_SKIP=1[^]*--no-verify/],
    ['the full runbook', /seg-hook explain/],
  ])('mentions %s', (_topic, pattern) => {
    expect(text).toMatch(pattern);
  });

  test('headers agree in number', () => {
    expect(messages.blockedHeader(1, true)).toContain('1 token found');
    expect(messages.blockedHeader(3, false)).toContain('3 tokens found');
    expect(messages.warningHeader(1)).toContain('1 token ');
    expect(messages.warningHeader(2)).toContain('2 tokens ');
  });

  test('every rule has a title and a description', () => {
    expect(Object.keys(RULE_TITLES).sort()).toEqual(Object.keys(RULE_DESCRIPTIONS).sort());
    expect(RULE_TITLES['sourcegraph-access-token']).toMatch(/not a Segment token/);
  });
});
