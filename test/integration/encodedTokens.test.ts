/**
 * Tokens written under encodings, end to end with real repositories and real commits: every
 * staged route (the whole patch of a small commit; git grep and the patch of a large one),
 * --history, UTF-16 files (binary to git), the reports, the baseline's fingerprint, config
 * `decode`, and the rule for assignments whose value decodes to a token.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeEncoded } from '../helpers/encodings';
import { TempRepo } from '../helpers/gitRepo';
import { isolatedEnv, redactedForm, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** Every git invocation of a scan, through a logging wrapper first on PATH. */
function withGitLog(repo: TempRepo) {
  const bin = session.tempDir('seg-hook-git-log-');
  const log = path.join(bin, 'calls.log');
  const realGit = repo.run('sh', ['-c', 'command -v git']).stdout.trim();
  fs.writeFileSync(
    path.join(bin, 'git'),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`,
    { mode: 0o755 },
  );
  const env = isolatedEnv({ PATH: `${bin}${path.delimiter}${process.env.PATH}` });
  return { env, calls: () => fs.readFileSync(log, 'utf8').trim().split('\n') };
}

describe('a small commit (the whole patch)', () => {
  test('each encoding is found at its line, with its chain, redacted, in JSON and text', () => {
    const repo = session.repo();
    repo.stage({ 'README.md': '# x\n' });
    repo.commit('base');
    const t = Array.from({ length: 6 }, () => session.token());
    repo.stage({
      'k8s/secret.yaml': `kind: Secret\ndata:\n  token: ${base64(t[0])}\n`,
      'docker/config.json': `{"auths": {"r": {"auth": "${base64(`user:${t[1]}`)}"}}}\n`,
      'fixtures/har.json': `{"value": "Bearer\\n${t[2]}"}\n`,
      'curl.sh': `curl -H Authorization%3A%20Bearer%20${t[3]} https://api.segment.io\n`,
      'ids.txt': `id=${Buffer.from(t[4]).toString('hex')}\n`,
      'app.js': `const k = "${writeEncoded(t[5], ['escape'])}";\n`,
    });
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    const byFile = Object.fromEntries(report.findings.map((f) => [f.file, f]));
    expect(byFile['k8s/secret.yaml']).toMatchObject({ line: 3, column: 10, encoding: ['base64'] });
    expect(byFile['k8s/secret.yaml'].secret).toBe(redactedForm(t[0]));
    expect(byFile['docker/config.json']).toMatchObject({ line: 1, encoding: ['base64'] });
    expect(byFile['fixtures/har.json']).toMatchObject({
      line: 1,
      column: '{"value": "Bearer\\n'.length + 1,
    });
    expect(byFile['fixtures/har.json'].encoding).toBeUndefined();
    expect(byFile['curl.sh'].column).toBe('curl -H Authorization%3A%20Bearer%20'.length + 1);
    expect(byFile['ids.txt']).toMatchObject({ column: 4, encoding: ['hex'] });
    expect(byFile['app.js']).toMatchObject({ column: 12, encoding: ['escape'] });
    expect(report.findings).toHaveLength(6);

    const text = session.scan(repo);
    expect(text.stderr).toContain(`k8s/secret.yaml:3:10  ${redactedForm(t[0])} (base64-encoded)`);
    // No output holds a long piece of an encoded form either.
    for (const encoded of [base64(t[0]), Buffer.from(t[4]).toString('hex')]) {
      expect(text.stderr + text.stdout).not.toContain(encoded.slice(8, 24));
    }
  });

  test('the fingerprint is the decoded token’s: a baseline of the plain token covers it', () => {
    const repo = session.repo();
    const token = session.token();
    repo.stage({ 'a.env': `TOKEN=${token}\n` });
    const plain = session.json(repo).report.findings[0];
    repo.stage({ 'a.env': '\n', 'b.yaml': `v: ${base64(token)}\n` });
    const encoded = session.json(repo).report.findings[0];
    expect(encoded.encoding).toEqual(['base64']);
    expect(encoded.fingerprint).toBe(plain.fingerprint);
  });

  test('a base64 value under a Segment name is the token it decodes to, not an assignment', () => {
    const repo = session.repo();
    const token = session.token();
    repo.stage({ 'secret.yaml': `stringData:\n  SEGMENT_API_TOKEN: ${base64(token)}\n` });
    const { report } = session.json(repo);
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'segment-public-api-token',
        line: 2,
        column: 22,
        encoding: ['base64'],
      }),
    ]);
  });

  test('"decode": false turns decoding off; a per-encoding object turns off only those', () => {
    const repo = session.repo();
    const [a, b] = [session.token(), session.token()];
    repo.stage({ 'x.yaml': `a: ${base64(a)}\nb: ${Buffer.from(b).toString('hex')}\n` });
    repo.write('.seg-hookrc.json', '{ "decode": false }\n');
    expect(session.json(repo).report.findings).toEqual([]);
    repo.write('.seg-hookrc.json', '{ "decode": { "hex": false } }\n');
    expect(session.json(repo).report.findings.map((f) => f.encoding)).toEqual([['base64']]);
    repo.write('.seg-hookrc.json', '{ "decode": "yes" }\n');
    const bad = session.scan(repo);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/\.seg-hookrc\.json: decode:/);
  });
});

describe('UTF-16 files (binary to git)', () => {
  test.each([
    ['little-endian with a BOM', 'le', true],
    ['big-endian without a BOM', 'be', false],
  ] as const)('%s: found at the line of the decoded text, on commit', (_label, order, bom) => {
    const repo = session.repo();
    repo.stage({ 'README.md': '# x\n' });
    repo.commit('base');
    const token = session.token();
    let bytes = Buffer.from(`${bom ? '\ufeff' : ''}$a = 1\r\n$t = "${token}"\r\n`, 'utf16le');
    if (order === 'be') bytes = Buffer.from(bytes).swap16();
    repo.write('setup.ps1', bytes);
    repo.git('add', 'setup.ps1');
    const { report } = session.json(repo);
    expect(report.findings).toEqual([
      expect.objectContaining({
        file: 'setup.ps1',
        line: 2,
        column: 7,
        endColumn: 7 + token.length,
        encoding: ['utf16'],
      }),
    ]);
    // And a real commit is blocked by the hook.
    repo.git('config', 'core.hooksPath', '.hooks');
    fs.mkdirSync(path.join(repo.dir, '.hooks'));
    fs.writeFileSync(
      path.join(repo.dir, '.hooks', 'pre-commit'),
      `#!/bin/sh\nexec "${process.execPath}" "${path.resolve('dist/cli/main.js')}" --staged\n`,
      { mode: 0o755 },
    );
    const commit = session.run(repo, 'git', ['commit', '-q', '-m', 'ps1']);
    expect(commit.status).not.toBe(0);
    expect(commit.stderr).toContain('setup.ps1:2:7');
    expect(commit.stderr).toContain('(in a UTF-16 file)');
  });
});

describe('a large commit: git grep and the patch of the others let encoded tokens through', () => {
  test('new files (git grep) and modified files (their patch), UTF-16 included', () => {
    const repo = session.repo();
    const base: Record<string, string | Buffer> = {};
    for (let i = 0; i < 70; i++) base[`src/f${i}.js`] = `const v${i} = ${i};\n`;
    base['win/modified.reg'] = Buffer.from('\ufeffa=1\r\n', 'utf16le');
    repo.stage(base);
    repo.commit('base');
    const t = Array.from({ length: 5 }, () => session.token());
    const changed: Record<string, string | Buffer> = {};
    // 30 modified and 40 new: past 64 changes, and few enough others to be named to git.
    for (let i = 0; i < 30; i++) changed[`src/f${i}.js`] = `const v${i} = ${i + 1};\n`;
    changed['src/f7.js'] = `const v7 = 8;\nconst s = "${base64(`u:${t[0]}`)}";\n`;
    for (let i = 0; i < 40; i++) changed[`new/n${i}.txt`] = `n ${i}\n`;
    changed['new/n3.txt'] = `n 3\nq=${writeEncoded(t[1], ['percent'])}\n`;
    changed['new/n9.txt'] = `n 9\nid=${Buffer.from(t[2]).toString('hex')}\n`;
    changed['new/wide.ps1'] = Buffer.from(`\ufeff$x = 1\r\n$t = "${t[3]}"\r\n`, 'utf16le');
    changed['win/modified.reg'] = Buffer.from(`\ufeffa=1\r\nk="${t[4]}"\r\n`, 'utf16le');
    repo.stage(changed);
    const { env, calls } = withGitLog(repo);
    const { report } = session.json(repo, [], { env });
    const found = report.findings.map((f) => `${f.file}:${f.line} ${f.encoding?.join('>')}`);
    expect(found.sort()).toEqual(
      [
        'new/n3.txt:2 percent',
        'new/n9.txt:2 hex',
        'new/wide.ps1:2 utf16',
        'src/f7.js:2 base64',
        'win/modified.reg:2 utf16',
      ].sort(),
    );
    // The routes really ran: git grep for the new files, the patch of the others.
    expect(calls().some((call) => /(^| )grep .* -[PE] /.test(call))).toBe(true);
    expect(
      calls().some((call) => / diff --cached .*--unified=0/.test(call) && !/--raw/.test(call)),
    ).toBe(true);
  });
});

test('--history finds encoded tokens in past commits', () => {
  const repo = session.repo();
  const token = session.token();
  repo.stage({ 'a.yaml': `v: ${base64(token)}\n` });
  repo.commit('add');
  repo.stage({ 'a.yaml': 'v: 1\n' });
  repo.commit('remove');
  const { report } = session.json(repo, ['--history']);
  expect(report.findings).toEqual([
    expect.objectContaining({ file: 'a.yaml', line: 1, encoding: ['base64'] }),
  ]);
});
