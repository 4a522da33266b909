/**
 * Configuration (`.seg-hookrc.json`, `package.json#seg-hook`, inline allow, rule policies) and
 * the documented bypasses, on real staged changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TempRepo } from '../helpers/gitRepo';
import { isolatedEnv, linesOf, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

/** A repo with tokens staged in docs/ and in src/. */
function docsAndSource(): TempRepo {
  const repo = session.repo();
  repo.stage({
    'docs/guide.md': `Example: ${session.token()}\n`,
    'docs/deep/more.md': `Also: ${session.token()}\n`,
    'src/app.js': `const key = "${session.token()}";\n`,
  });
  return repo;
}

const filesOf = (repo: TempRepo, args: string[] = [], cwd?: string) =>
  session
    .json(repo, args, { cwd: cwd && path.join(repo.dir, cwd) })
    .report.findings.map((f) => f.file)
    .sort();

describe('configuration files', () => {
  test('without configuration every staged token is reported', () => {
    expect(filesOf(docsAndSource())).toEqual(['docs/deep/more.md', 'docs/guide.md', 'src/app.js']);
  });

  test('.seg-hookrc.json ignorePaths skips docs/, from the root and from a subdirectory', () => {
    const repo = docsAndSource();
    repo.write('.seg-hookrc.json', JSON.stringify({ ignorePaths: ['docs/**'] }));
    expect(filesOf(repo)).toEqual(['src/app.js']);
    expect(filesOf(repo, [], 'docs/deep')).toEqual(['src/app.js']);
    expect(session.json(repo).report.summary).toMatchObject({ filesIgnored: 2 });
  });

  test('package.json#seg-hook works the same way', () => {
    const repo = docsAndSource();
    repo.write(
      'package.json',
      JSON.stringify({ name: 'demo', version: '1.0.0', 'seg-hook': { ignorePaths: ['docs/**'] } }),
    );
    expect(filesOf(repo)).toEqual(['src/app.js']);
  });

  test('.seg-hookrc.json takes precedence over package.json', () => {
    const repo = docsAndSource();
    repo.write('package.json', JSON.stringify({ 'seg-hook': { ignorePaths: ['src/**'] } }));
    repo.write('.seg-hookrc.json', JSON.stringify({ ignorePaths: ['docs/**'] }));
    expect(filesOf(repo)).toEqual(['src/app.js']);
  });

  test('a configuration file below the root is not used', () => {
    const repo = docsAndSource();
    repo.write('docs/.seg-hookrc.json', JSON.stringify({ ignorePaths: ['**'] }));
    expect(filesOf(repo, [], 'docs')).toEqual(['docs/deep/more.md', 'docs/guide.md', 'src/app.js']);
  });

  test('--config names a configuration file explicitly', () => {
    const repo = docsAndSource();
    const dir = session.tempDir();
    const file = path.join(dir, 'seg-hook.json');
    fs.writeFileSync(file, JSON.stringify({ ignorePaths: ['src/**'] }));
    expect(filesOf(repo, ['--config', file])).toEqual(['docs/deep/more.md', 'docs/guide.md']);
    // A relative --config is relative to the cwd.
    repo.write('conf/seg.json', JSON.stringify({ ignorePaths: ['docs/**'] }));
    expect(filesOf(repo, ['--config', '../conf/seg.json'], 'src')).toEqual(['src/app.js']);
  });
});

describe('inline allow marker', () => {
  test('seg-hook:allow on the line suppresses that line only', () => {
    const repo = session.repo();
    const content = [
      `const example = "${session.token()}"; // seg-hook:allow`,
      `# seg-hook:allow ${session.token()}`,
      `const real = "${session.token()}";`,
      '// seg-hook:allow (on a line of its own does not cover the next one)',
      `const next = "${session.token()}";`,
      '',
    ].join('\n');
    repo.stage({ 'examples.js': content });
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    expect(report.findings.map((f) => f.line)).toEqual([3, 5]);
    expect(report.summary.allowedInline).toBe(2);
  });

  test('a file where every token is allowed exits 0', () => {
    const repo = session.repo();
    repo.stage({ 'README.md': `Tokens look like ${session.token()} <!-- seg-hook:allow -->\n` });
    expect(session.scan(repo)).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('sourcegraphTokens policy', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = session.repo();
    repo.stage({
      'sg.txt': [
        `a=${session.sourcegraphToken('hex40')}`,
        `b=${session.sourcegraphToken('id')}`,
        `c=${session.sourcegraphToken('local')}`,
        '',
      ].join('\n'),
    });
  });
  const withPolicy = (policy?: string) => {
    repo.write('.seg-hookrc.json', JSON.stringify(policy ? { sourcegraphTokens: policy } : {}));
    return session.json(repo);
  };

  test('default (block): labelled as Sourcegraph tokens, and blocking', () => {
    const { status, report } = withPolicy();
    expect(status).toBe(1);
    expect(report.findings).toHaveLength(3);
    for (const finding of report.findings) {
      expect(finding).toMatchObject({ ruleId: 'sourcegraph-access-token', blocking: true });
    }
    expect(report.findings.map((f) => f.column)).toEqual([3, 3, 3]);
  });

  test('"block" explicitly is the same', () => {
    expect(withPolicy('block').status).toBe(1);
  });

  test('"warn": reported, not blocking, exit 0; the text report says so', () => {
    const { status, report } = withPolicy('warn');
    expect(status).toBe(0);
    expect(report.findings).toHaveLength(3);
    expect(report.findings.every((f) => f.blocking === false)).toBe(true);
    const text = session.scan(repo);
    expect(text.status).toBe(0);
    expect(text.stderr).toMatch(/warning/i);
    expect(text.stderr).toContain('sg.txt:1:3');
    expect(text.stderr).not.toContain('Commit blocked');
  });

  test('"off": not reported at all', () => {
    const { status, report } = withPolicy('off');
    expect(status).toBe(0);
    expect(report.findings).toEqual([]);
  });

  test('a Segment token next to a warned Sourcegraph token still blocks', () => {
    repo.write('.seg-hookrc.json', JSON.stringify({ sourcegraphTokens: 'warn' }));
    repo.stage({ 'seg.txt': `${session.token()}\n` });
    try {
      const { status, report } = session.json(repo);
      expect(status).toBe(1);
      expect(report.findings.filter((f) => f.blocking).map((f) => f.ruleId)).toEqual([
        'segment-public-api-token',
      ]);
    } finally {
      repo.git('rm', '-q', '--cached', 'seg.txt');
    }
  });
});

describe('bypass', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = session.repo();
    repo.stage({ 'a.js': `const a = "${session.token()}";\n` });
  });

  test.each([
    ['SEG_HOOK_SKIP=1', { SEG_HOOK_SKIP: '1' }],
    ['SKIP=seg-hook', { SKIP: 'seg-hook' }],
    ['SKIP=other,seg-hook', { SKIP: 'other,seg-hook' }],
    ['SKIP=" other , seg-hook "', { SKIP: ' other , seg-hook ' }],
  ])('%s: exit 0 with exactly one warning line', (_name, extra) => {
    for (const args of [[], ['--format', 'json']]) {
      const result = session.scan(repo, args, { env: isolatedEnv(extra) });
      expect(result.status).toBe(0);
      expect(linesOf(result.stderr)).toHaveLength(1);
      expect(result.stderr).toMatch(/skipped/);
      expect(result.stdout).toBe('');
    }
  });

  test.each([
    ['SKIP=other', { SKIP: 'other' }],
    ['SKIP=seg-hook-extra', { SKIP: 'seg-hook-extra' }],
    ['SEG_HOOK_SKIP=0', { SEG_HOOK_SKIP: '0' }],
    ['SEG_HOOK_SKIP=false', { SEG_HOOK_SKIP: 'false' }],
    ['SEG_HOOK_SKIP empty', { SEG_HOOK_SKIP: '' }],
  ])('%s does not bypass', (_name, extra) => {
    expect(session.scan(repo, [], { env: isolatedEnv(extra) }).status).toBe(1);
  });
});
