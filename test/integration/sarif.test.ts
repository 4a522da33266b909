/**
 * `--format sarif` and `--format github` from the built CLI in real repositories: SARIF that
 * validates against the official 2.1.0 schema in every scan mode, with percent-encoded URIs
 * that lead back to the exact file, and GitHub annotations that survive hostile file names.
 */
import { TempRepo } from '../helpers/gitRepo';
import { sarifSchemaErrors } from '../helpers/sarifSchema';
import { positionOf, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string }[] } };
    results: {
      ruleId: string;
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string };
          region: { startLine: number; startColumn: number; endColumn: number };
        };
      }[];
      partialFingerprints: Record<string, string>;
      properties?: { commit: string };
    }[];
  }[];
}

const NAMES = ['plain.txt', 'with space/a file.env', 'café/中文 😀.js', '100% sure#1?.txt'];

function sarif(repo: TempRepo, args: string[]) {
  const result = session.scan(repo, ['--format', 'sarif', ...args]);
  expect(result.stderr).toBe('');
  const log = JSON.parse(result.stdout) as SarifLog;
  expect(sarifSchemaErrors(log)).toEqual([]);
  return { status: result.status, log, results: log.runs[0].results };
}

const decodeUri = (uri: string) => uri.split('/').map(decodeURIComponent).join('/');

describe('--format sarif', () => {
  let repo: TempRepo;
  let base: string;
  let added: string;
  const contents = new Map<string, { content: string; token: string }>();

  beforeAll(() => {
    repo = session.repo();
    repo.stage({ 'README.md': 'base\n' });
    repo.commit('base');
    base = repo.git('rev-parse', 'HEAD').trim();
    NAMES.forEach((name, i) => {
      const token = session.token();
      contents.set(name, { token, content: `${'\n'.repeat(i)}value = "${token}"\n` });
    });
    repo.stage(Object.fromEntries([...contents].map(([name, { content }]) => [name, content])));
    repo.commit('leaks');
    added = repo.git('rev-parse', 'HEAD').trim();
  });

  test.each([
    ['--staged (the files staged again elsewhere)', 'staged'],
    ['--range', 'range'],
    ['--history', 'history'],
  ])('%s: schema-valid, every finding located exactly', (_title, mode) => {
    let args: string[];
    if (mode === 'staged') {
      // Stage copies under new names so the staged diff has the same findings.
      for (const [name, { content }] of contents) repo.write(`copy/${name}`, content);
      repo.git('add', '--', 'copy');
      args = [];
    } else {
      args = mode === 'range' ? ['--range', `${base}..HEAD`] : ['--history'];
    }
    const { status, log, results } = sarif(repo, args);
    const json = session.json(repo, args);
    if (mode === 'staged') repo.git('rm', '-q', '-r', '--cached', '--', 'copy');
    expect(status).toBe(1);
    expect(log.runs[0].tool.driver.name).toBe('seg-hook');
    expect(results).toHaveLength(NAMES.length);
    const prefix = mode === 'staged' ? 'copy/' : '';
    for (const result of results) {
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      // A valid URI reference: nothing outside the unreserved set but '/' and %XX.
      expect(artifactLocation.uri).toMatch(/^[A-Za-z0-9\-._~%/!$&'()*+;=@]+$/);
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      const file = decodeUri(artifactLocation.uri);
      expect(file.startsWith(prefix)).toBe(true);
      const { content, token } = contents.get(file.slice(prefix.length))!;
      const position = positionOf(content, token);
      expect(region).toEqual({
        startLine: position.line,
        startColumn: position.column,
        endColumn: position.endColumn,
      });
      if (mode !== 'staged') expect(result.properties).toEqual({ commit: added });
      else expect(result.properties).toBeUndefined();
    }
    // The same fingerprints as the JSON report, in the same order.
    expect(results.map((r) => Object.values(r.partialFingerprints)[0])).toEqual(
      json.report.findings.map((f) => f.fingerprint),
    );
  });

  test('names are percent-encoded segment by segment', () => {
    const { results } = sarif(repo, ['--history']);
    const uris = results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri).sort();
    expect(uris).toEqual(
      [
        'plain.txt',
        'with%20space/a%20file.env',
        'caf%C3%A9/%E4%B8%AD%E6%96%87%20%F0%9F%98%80.js',
        '100%25%20sure%231%3F.txt',
      ].sort(),
    );
  });

  test('a clean scan is a valid log with no results, exit 0', () => {
    const clean = session.repo();
    clean.stage({ 'a.txt': 'nothing here\n' });
    const { status, results } = sarif(clean, []);
    expect(status).toBe(0);
    expect(results).toEqual([]);
  });

  test('no full token in the SARIF output (the session also sweeps every run)', () => {
    const result = session.scan(repo, ['--history', '--format', 'sarif']);
    for (const { token } of contents.values()) expect(result.stdout).not.toContain(token);
  });
});

describe('--format github', () => {
  test('one annotation per finding; %, comma, colon and newline in names are escaped', () => {
    const repo = session.repo();
    const names = ['50%,off: now.txt', 'line\nbreak.txt', 'a::error file=x.txt'];
    const files: Record<string, string> = {};
    for (const name of names) files[name] = `k = "${session.token()}"\n`;
    repo.stage(files);
    const result = session.scan(repo, ['--format', 'github']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(names.length);
    for (const line of lines)
      expect(line).toMatch(/^::error file=[^,:]*,line=1,col=6,endColumn=\d+,title=[^:]*::/);
    expect(result.stdout).toContain('file=50%25%2Coff%3A now.txt,line=1');
    expect(result.stdout).toContain('file=line%0Abreak.txt,line=1');
    expect(result.stdout).toContain('file=a%3A%3Aerror file=x.txt,line=1');
  });

  test('--range: annotations name the commit; a clean range prints nothing', () => {
    const repo = session.repo();
    repo.stage({ 'README.md': 'base\n' });
    repo.commit('base');
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.stage({ 'a.txt': `k=${session.token()}\n` });
    repo.commit('leak');
    const leak = repo.git('rev-parse', 'HEAD').trim();
    const found = session.scan(repo, ['--format', 'github', '--range', `${base}..HEAD`]);
    expect(found.status).toBe(1);
    expect(found.stdout).toMatch(/^::error file=a\.txt,line=1,col=3,/);
    expect(found.stdout).toContain(`commit ${leak.slice(0, 12)}`);
    const clean = session.scan(repo, ['--format', 'github', '--range', `${leak}..HEAD`]);
    expect(clean).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });
});
