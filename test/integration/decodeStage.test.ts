/**
 * The decoding stage end to end, through the CLI on real repositories: the same planted files
 * are found on every route — a small commit (one patch), a large one (git grep of new files,
 * the patch of modified ones), --range and --history — and a bound reached is reported in
 * every format. The planted content comes from the tests' own encoders (test/helpers).
 */
import fs from 'node:fs';
import path from 'node:path';
import { base64After, softWrap, wrapAt, writeLayered } from '../helpers/encodings';
import { GitCallLog, stagedRouteOf } from '../helpers/gitCalls';
import { PREFIX } from '../helpers/tokens';
import { TempRepo } from '../helpers/gitRepo';
import { isolatedEnv, JsonReport, redactedForm, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());
const gitCalls = new GitCallLog();
afterAll(() => gitCalls.cleanup());

const b64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');
const utf16 = (text: string) => Buffer.from(text, 'utf16le').toString('latin1');
const percentAll = (text: string) =>
  [...text].map((ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');

interface Plant {
  file: string;
  /** The file's content for a token. */
  content: (token: string) => string | Buffer;
  /** The line the finding is reported on. */
  line: number;
}

/** Lead text that puts the token's base64 across the first wrap, `into` characters in. */
function leadFor(width: number, into: number): string {
  // The token starts at base64 character (width - into); 4 characters hold 3 bytes.
  const bytes = Math.floor(((width - into) * 3) / 4);
  return 'k'.repeat(bytes - 4) + 'key=';
}

const PLANTS: Plant[] = [
  {
    file: 'certs/wrapped76.txt',
    content: (t) => `${wrapAt(b64(`${leadFor(76, 5)}${t}\n`), 76)}\n`,
    line: 1,
  },
  {
    file: 'certs/wrapped64.pem',
    content: (t) =>
      `-----BEGIN DATA-----\r\n${wrapAt(b64(`${leadFor(64, 11)}${t}`), 64, '\r\n')}\r\n-----END DATA-----\r\n`,
    line: 2,
  },
  {
    file: 'k8s/indented.yaml',
    content: (t) =>
      `data: |\n${wrapAt(b64(`${leadFor(60, 2)}${t}`), 60)
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n')}\n`,
    line: 2,
  },
  {
    file: 'mail/soft-break.eml',
    // A soft line break inside the token's first characters.
    content: (t) =>
      `Subject: x\n\n${softWrap(`${'Your key is here, keep it safe: '.repeat(2)}${t}`, 70)}\n`,
    line: 3,
  },
  {
    file: 'mail/param.eml',
    content: (t) => `Subject: x\n\nOpen https://app.example/?key=3D${t}&x=3D1\n`,
    line: 3,
  },
  {
    file: 'mail/qp-base64.eml',
    // Quoted-printable over base64: padding written =3D, a soft break inside the base64.
    content: (t) =>
      `Subject: x\n\n${softWrap(`${'Your new key: '.repeat(4)}token=3D${b64(`u:${t}`).replace(/=/g, '=3D')}`)}\n`,
    line: 3,
  },
  {
    file: 'scripts/run.ps1',
    content: (t) => `powershell -EncodedCommand ${b64(utf16(`$env:KEY="${t}"`))}\n`,
    line: 1,
  },
  {
    file: 'k8s/pull-secret.yaml',
    content: (t) =>
      `data:\n  .dockerconfigjson: ${b64(JSON.stringify({ auths: { r: { auth: b64(`ci:${t}`) } } }))}\n`,
    line: 2,
  },
  {
    file: 'urls/underscore.txt',
    content: (t) => `https://x/?k=${t.replace('_', '%5F')}\n`,
    line: 1,
  },
  { file: 'urls/first.txt', content: (t) => `https://x/?k=%73${t.slice(1)}\n`, line: 1 },
  {
    file: 'nested/b64-percent.txt',
    content: (t) => `v=${writeLayered(t, ['base64', 'percent'], 'u')}\n`,
    line: 1,
  },
  {
    file: 'nested/b64-escape.txt',
    content: (t) => `v=${writeLayered(t, ['base64', 'escape'])}\n`,
    line: 1,
  },
  {
    file: 'nested/b64x3.txt',
    content: (t) => `v=${writeLayered(t, ['base64', 'base64', 'base64'], 'u:')}\n`,
    line: 1,
  },
  {
    file: 'nested/utf16-escape.json',
    content: (t) => Buffer.from(`{"k": "${writeLayered(t, ['escape'])}"}\n`, 'utf16le'),
    line: 1,
  },
  {
    file: 'lookalikes.txt',
    content: (t) =>
      `${Array.from({ length: 40 }, () => percentAll(`${PREFIX}getResultsForSeason`)).join(' ')} ${percentAll(t)}\n`,
    line: 1,
  },
  {
    file: 'dist/cut.min.js',
    // A percent-encoded token across the 64 KiB cut of a long line.
    content: (t) => `${'var a=1;'.repeat(8190)}q="${percentAll(t)}";${'b=2;'.repeat(60000)}\n`,
    line: 1,
  },
];

/** Placeholders and identifiers that must stay silent on every route. */
const SILENT = {
  'placeholders.env': `SEGMENT_WRITE_KEY_EXAMPLE=${PREFIX}ChangeMeBeforeDeploying\n`,
  'mail/plain.eml': `Subject: hi\n\n${softWrap('Nothing secret in this long line of text that goes on and on and on. '.repeat(3), 76)}\n`,
  'certs/random.pem': `${wrapAt(Buffer.alloc(3000, 7).toString('base64'), 64)}\n`,
};

function expectAllFound(report: JsonReport, tokens: Map<string, string>): void {
  // Each at its line, as the whole token (its fingerprint is the plain token's), redacted.
  const byFile = (a: { file: string }, b: { file: string }) => a.file.localeCompare(b.file);
  const found = report.findings.map(({ file, line, secret }) => ({ file, line, secret }));
  const expected = PLANTS.map(({ file, line }) => ({
    file,
    line,
    secret: redactedForm(tokens.get(file)!),
  }));
  expect(found.sort(byFile)).toEqual(expected.sort(byFile));
  expect(report.warnings.filter((w) => w.kind === 'decode-bound')).toEqual([]);
}

function plant(): { files: Record<string, string | Buffer>; tokens: Map<string, string> } {
  const tokens = new Map<string, string>();
  const files: Record<string, string | Buffer> = { ...SILENT };
  for (const p of PLANTS) {
    const token = session.token();
    tokens.set(p.file, token);
    files[p.file] = p.content(token);
  }
  return { files, tokens };
}

function scanWithCalls(repo: TempRepo, args: string[]) {
  gitCalls.take();
  const result = session.json(repo, args, { env: gitCalls.env(isolatedEnv()) });
  return { ...result, calls: gitCalls.take() };
}

describe('every planted file is found on every route', () => {
  test('a small commit: the whole patch', () => {
    const repo = session.repo();
    repo.stage({ 'README.md': '# x\n' });
    repo.commit('base');
    const { files, tokens } = plant();
    repo.stage(files);
    const { status, report, calls, stdout, stderr } = scanWithCalls(repo, ['--staged']);
    expect(stagedRouteOf(calls)).toBe('one patch');
    expect(status).toBe(1);
    expectAllFound(report, tokens);
    for (const token of tokens.values()) expect(stdout + stderr).not.toContain(token);
  });

  test('a large commit: git grep of new files, with the lines around a match', () => {
    const repo = session.repo();
    repo.stage({ 'README.md': '# x\n' });
    repo.commit('base');
    const { files, tokens } = plant();
    for (let i = 0; i < 70; i++) files[`filler/f${i}.js`] = `const v${i} = ${i};\n`;
    repo.stage(files);
    const { report, calls } = scanWithCalls(repo, ['--staged']);
    expect(calls.some((call) => /(^| )grep .*--after-context=2 .* -[PE] /.test(call))).toBe(true);
    expectAllFound(report, tokens);
  });

  test('a large commit: the patch of modified files', () => {
    const repo = session.repo();
    const before: Record<string, string> = {};
    for (const p of PLANTS) before[p.file] = 'placeholder\n';
    for (let i = 0; i < 70; i++) before[`filler/f${i}.js`] = `const v${i} = ${i};\n`;
    repo.stage(before);
    repo.commit('base');
    const { files, tokens } = plant();
    for (let i = 0; i < 70; i++) files[`filler/f${i}.js`] = `const v${i} = ${i + 1};\n`;
    repo.stage(files);
    const { report, calls } = scanWithCalls(repo, ['--staged']);
    expect(stagedRouteOf(calls)).toBe('patch');
    expect(calls.some((call) => /(^| )grep /.test(call))).toBe(false);
    expectAllFound(report, tokens);
  });

  test('--range and --history', () => {
    const repo = session.repo();
    repo.stage({ 'README.md': '# x\n' });
    repo.commit('base');
    const { files, tokens } = plant();
    repo.stage(files);
    repo.commit('planted');
    expectAllFound(session.json(repo, ['--range', 'HEAD~1..HEAD']).report, tokens);
    expectAllFound(session.json(repo, ['--history']).report, tokens);
  });
});

describe('a bound reached is said, and the line is still scanned plainly', () => {
  // A token four encodings deep: the stage decodes three levels (the prefix written plainly
  // at the third opens the way), finds a fourth, and says so.
  const deep = (t: string) => `q=${b64(b64(b64(`${PREFIX} ${percentAll(t)}`)))}`;

  function boundRepo() {
    const repo = session.repo();
    repo.stage({ 'README.md': '# x\n' });
    repo.commit('base');
    const [hidden, plain] = [session.token(), session.token()];
    repo.stage({ 'deep.txt': `x\n${deep(hidden)} ${plain}\n` });
    return { repo, hidden, plain };
  }

  test('text and JSON', () => {
    const { repo, plain } = boundRepo();
    const json = session.json(repo, ['--staged']);
    expect(json.report.findings.map((f) => f.secret)).toEqual([redactedForm(plain)]);
    expect(json.report.warnings).toEqual([
      { kind: 'decode-bound', file: 'deep.txt', line: 2, bound: 'depth' },
    ]);
    const text = session.scan(repo, ['--staged']);
    expect(text.status).toBe(1);
    expect(text.stderr).toContain('deep.txt:2: not decoded to the end');
    expect(text.stderr).toContain('nested more than 3 deep');
  });

  test('SARIF: a tool execution notification; GitHub: a warning annotation', () => {
    const { repo } = boundRepo();
    const sarif = JSON.parse(session.scan(repo, ['--staged', '--format', 'sarif']).stdout);
    const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      level: 'warning',
      descriptor: { id: 'seg-hook-decode-bound' },
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'deep.txt' }, region: { startLine: 2 } } },
      ],
    });
    const github = session.scan(repo, ['--staged', '--format', 'github']).stdout;
    expect(github).toMatch(/^::warning file=deep.txt,line=2,title=seg-hook%3A decoding bound::/m);
  });
});

test('a file of 2,000-character hostile lines is read without a bound and a real token after it is found', () => {
  const repo = session.repo();
  repo.stage({ 'README.md': '# x\n' });
  repo.commit('base');
  const token = session.token();
  const hostile = [
    '%2573%2567%2570%255F',
    's%00g%00p%00_%00',
    '\\u0073\\u0067\\u0070\\u005f',
    b64(PREFIX),
  ]
    .map((unit) => unit.repeat(Math.ceil(2000 / unit.length)))
    .join('\n');
  const dir = repo.dir;
  fs.mkdirSync(path.join(dir, 'fixtures'), { recursive: true });
  repo.stage({ 'fixtures/hostile.txt': `${hostile}\n${hostile} ${percentAll(token)}\n` });
  const { report } = session.json(repo, ['--staged']);
  expect(report.findings.map((f) => [f.line, f.secret])).toEqual([[8, redactedForm(token)]]);
  expect(report.warnings).toEqual([]);
});

test('base64 alignments: a wrapped token is found whichever byte it starts on', () => {
  const repo = session.repo();
  repo.stage({ 'README.md': '# x\n' });
  repo.commit('base');
  const files: Record<string, string> = {};
  const tokens: string[] = [];
  for (let into = 1; into <= 24; into++) {
    const token = session.token();
    tokens.push(token);
    files[`b64/into${into}.txt`] = `${wrapAt(base64After(leadFor(76, into), token), 76)}\n`;
  }
  repo.stage(files);
  const { report } = session.json(repo, ['--staged']);
  expect(report.findings.map((f) => f.secret).sort()).toEqual(tokens.map(redactedForm).sort());
});

test('UTF-16 columns do not count the byte order mark (the same line, with and without one)', () => {
  const repo = session.repo();
  repo.stage({ 'README.md': '# x\n' });
  repo.commit('base');
  const token = session.token();
  const line = `$t = "${token}"\r\n`;
  repo.stage({
    'with-bom.ps1': Buffer.from(`\ufeff${line}`, 'utf16le'),
    'without-bom.ps1': Buffer.from(line, 'utf16le'),
    'big-endian-bom.ps1': Buffer.from(Buffer.from(`\ufeff${line}`, 'utf16le')).swap16(),
  });
  const { report } = session.json(repo, ['--staged']);
  const columns = Object.fromEntries(report.findings.map((f) => [f.file, [f.line, f.column]]));
  expect(columns).toEqual({
    'with-bom.ps1': [1, 7],
    'without-bom.ps1': [1, 7],
    'big-endian-bom.ps1': [1, 7],
  });
});
