/**
 * The user's git configuration and environment must not change what seg-hook sees. One fixture
 * repository exercises every setting at once (context lines, renames, copies, attributes,
 * non-ASCII names, a submodule, a subdirectory); each hostile setting is switched on, the
 * findings are compared with the baseline, and the setting is switched off again. Each setting
 * is also checked to really change a plain `git diff --cached`, so no test passes vacuously.
 * Every setting is tried on both kinds of commit: a small one (one git process reads the whole
 * patch) and one of more than 64 changes (git grep for the new files, the patch of the rest);
 * git's recorded calls show which route ran, so the grep settings really meet git grep.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GitCallLog, StagedRoute, stagedRouteOf } from '../helpers/gitCalls';
import { TempRepo } from '../helpers/gitRepo';
import { isolatedEnv, Location, positionOf, ScanSession, writeScript } from './scanSupport';

const session = new ScanSession();
const calls = new GitCallLog();
afterAll(() => {
  session.cleanup();
  calls.cleanup();
});

/** The routes every setting is tried on (see stagedRoutes.test.ts for how they are chosen). */
const ROUTES: StagedRoute[] = ['one patch', 'grep + patch'];

/** Runs `body` with 65 new files staged beside the fixture's changes, then unstages them. */
function withRoute<T>(repo: TempRepo, route: StagedRoute, body: () => T): T {
  if (route === 'one patch') return body();
  for (let i = 0; i < 65; i++) repo.write(`zz-filler/${i}.txt`, `filler ${i}\n`);
  repo.git('add', 'zz-filler');
  try {
    return body();
  } finally {
    repo.git('rm', '-r', '-q', '--cached', 'zz-filler');
    fs.rmSync(path.join(repo.dir, 'zz-filler'), { recursive: true, force: true });
  }
}

const NON_ASCII_FILE = 'naïve é/中文 😀.md';

function filler(count: number, tag: string): string[] {
  return Array.from({ length: count }, (_, i) => `// ${tag} ${i + 1}`);
}

interface Fixture {
  repo: TempRepo;
  expected: Location[];
  scripts: { empty: string; upper: string };
}

function buildFixture(): Fixture {
  const repo = session.repo();
  const toolDir = session.tempDir('seg-hook-tools-');
  const scripts = {
    empty: writeScript(path.join(toolDir, 'empty-diff.sh'), 'exit 0'),
    upper: writeScript(path.join(toolDir, 'upper.sh'), 'tr a-z A-Z < "$1"'),
  };

  // A submodule whose own history holds a token: its content is not what this commit adds.
  const library = session.repo();
  library.stage({ 'secret.txt': `lib=${session.token()}\n` });
  library.commit('library');

  const config = filler(30, 'config');
  config[14] = `const old = "${session.token()}";`;
  const copied = session.token();
  const copySource = [...filler(10, 'source'), `const s = "${copied}";`];
  repo.stage({
    'app/config.js': `${config.join('\n')}\n`,
    'old.env': `${filler(8, 'env').join('\n')}\nTOKEN=${session.token()}\n`,
    'copy-src.js': `${copySource.join('\n')}\n`,
    'notes.txt': 'notes\n\nmore notes\n',
    'data.json': '{}\n',
    'settings.cfg': 'a=1\n',
    'sub/dir/keep.js': 'keep\n',
  });
  repo.commit('base');

  const added: Record<string, string[]> = {};
  const edited = [...config];
  edited[13] = '// config 14, edited';
  edited[15] = '// config 16, edited';
  const near = session.token();
  const far = session.token();
  edited[2] = `const near = "${near}";`;
  edited.splice(25, 0, `const far = "${far}";`);
  added['app/config.js'] = [near, far];
  fs.mkdirSync(path.join(repo.dir, 'renamed'), { recursive: true });
  repo.git('mv', 'old.env', 'renamed/new.env');

  const notes = session.token();
  const json = session.token();
  const cfg = session.token();
  const nonAscii = session.token();
  const deep = session.token();
  const files: Record<string, string> = {
    'app/config.js': `${edited.join('\n')}\n`,
    'copied.js': `${copySource.join('\n')}\n`,
    'copy-src.js': `${copySource.join('\n')}\n// appended\n`,
    'notes.txt': `notes\n\nmore notes\nsegment: ${notes}\n`,
    'data.json': `{\n  "segment": { "apiToken": "${json}" }\n}\n`,
    'settings.cfg': `a=1\ntoken=${cfg}\n`,
    [NON_ASCII_FILE]: `# ${nonAscii}\n`,
    'sub/dir/deep.js': `module.exports = "${deep}";\n`,
  };
  repo.stage(files);
  added['copied.js'] = [copied];
  added['notes.txt'] = [notes];
  added['data.json'] = [json];
  added['settings.cfg'] = [cfg];
  added[NON_ASCII_FILE] = [nonAscii];
  added['sub/dir/deep.js'] = [deep];
  repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', library.dir, 'vendor/lib');

  const expected = Object.entries(added).flatMap(([file, tokens]) =>
    tokens.map((token) => {
      const { line, column } = positionOf(files[file], token);
      return { file, line, column };
    }),
  );
  return { repo, expected: sortLocations(expected), scripts };
}

function sortLocations(locations: Location[]): Location[] {
  return [...locations].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

interface HostileSetting {
  name: string;
  config?: (scripts: Fixture['scripts']) => Record<string, string>;
  /** Lines for a work-tree `.gitattributes` (untracked: it changes how git diffs, not what is staged). */
  attributes?: string[];
  env?: (scripts: Fixture['scripts']) => NodeJS.ProcessEnv;
  /** Repo-relative directory to run from. */
  cwd?: string;
  /** Whether a plain `git diff --cached` shows the effect (false where nothing visible changes). */
  visible?: boolean;
  /** The plain git command that shows the effect (default `git diff --cached`). */
  probe?: string[];
}

/** New files are searched with git grep: its settings must not change the findings either. */
const GREP_PROBE = ['grep', '--cached', '-e', 'sgp_'];

const SETTINGS: HostileSetting[] = [
  { name: 'color.ui=always', config: () => ({ 'color.ui': 'always' }) },
  { name: 'color.diff=always', config: () => ({ 'color.diff': 'always' }) },
  { name: 'diff.external (prints nothing)', config: (s) => ({ 'diff.external': s.empty }) },
  {
    name: 'textconv driver via .gitattributes (*.txt diff=upper)',
    attributes: ['*.txt diff=upper'],
    config: (s) => ({ 'diff.upper.textconv': s.upper }),
  },
  {
    name: 'external diff driver via .gitattributes (diff.<driver>.command)',
    attributes: ['*.txt diff=silent', '*.js diff=silent'],
    config: (s) => ({ 'diff.silent.command': s.empty }),
  },
  {
    name: '.gitattributes *.json binary, *.cfg -diff',
    attributes: ['*.json binary', '*.cfg -diff'],
  },
  { name: 'diff.noprefix=true', config: () => ({ 'diff.noprefix': 'true' }) },
  { name: 'diff.mnemonicPrefix=true', config: () => ({ 'diff.mnemonicPrefix': 'true' }) },
  {
    name: 'diff.relative=true (from the root)',
    config: () => ({ 'diff.relative': 'true' }),
    visible: false,
  },
  {
    name: 'diff.relative=true (from a subdirectory)',
    config: () => ({ 'diff.relative': 'true' }),
    cwd: 'sub/dir',
  },
  { name: 'diff.renames=false', config: () => ({ 'diff.renames': 'false' }) },
  { name: 'diff.renames=copies', config: () => ({ 'diff.renames': 'copies' }) },
  { name: 'diff.context=10', config: () => ({ 'diff.context': '10' }) },
  { name: 'diff.interHunkContext=10', config: () => ({ 'diff.interHunkContext': '10' }) },
  { name: 'core.quotePath=false (non-ASCII name)', config: () => ({ 'core.quotePath': 'false' }) },
  { name: 'diff.submodule=diff', config: () => ({ 'diff.submodule': 'diff' }) },
  { name: 'diff.submodule=log', config: () => ({ 'diff.submodule': 'log' }) },
  {
    name: 'diff.algorithm=patience',
    config: () => ({ 'diff.algorithm': 'patience' }),
    visible: false,
  },
  { name: 'diff.suppressBlankEmpty=true', config: () => ({ 'diff.suppressBlankEmpty': 'true' }) },
  { name: 'diff.orderFile (reversed order)', config: () => ({ 'diff.orderFile': '.git/order' }) },
  { name: 'GIT_EXTERNAL_DIFF', env: (s) => ({ GIT_EXTERNAL_DIFF: s.empty }) },
  { name: 'GIT_DIFF_OPTS=--unified=10', env: () => ({ GIT_DIFF_OPTS: '--unified=10' }) },
  {
    name: 'GIT_CONFIG_COUNT/KEY/VALUE (color.ui, diff.noprefix)',
    env: () => ({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'color.ui',
      GIT_CONFIG_VALUE_0: 'always',
      GIT_CONFIG_KEY_1: 'diff.noprefix',
      GIT_CONFIG_VALUE_1: 'true',
    }),
  },
  {
    name: 'GIT_CONFIG_PARAMETERS (how `git -c` reaches a hook)',
    env: () => ({ GIT_CONFIG_PARAMETERS: "'diff.mnemonicprefix'='true' 'color.ui'='always'" }),
  },
  {
    name: 'an editor, pager and askpass in the environment',
    env: () => ({
      EDITOR: 'vi',
      VISUAL: 'vi',
      PAGER: 'less',
      GIT_PAGER: 'less',
      GIT_EDITOR: ':',
      SSH_ASKPASS: '/bin/false',
      PREFIX: '/usr',
    }),
    visible: false,
  },
  { name: 'color.grep=always', config: () => ({ 'color.grep': 'always' }), probe: GREP_PROBE },
  { name: 'grep.column=true', config: () => ({ 'grep.column': 'true' }), probe: GREP_PROBE },
  {
    name: 'grep.lineNumber=true',
    config: () => ({ 'grep.lineNumber': 'true' }),
    probe: GREP_PROBE,
  },
  {
    name: 'grep.fullName=true (from a subdirectory)',
    config: () => ({ 'grep.fullName': 'true' }),
    cwd: 'sub/dir',
    probe: GREP_PROBE,
  },
  {
    name: 'grep.patternType=perl',
    config: () => ({ 'grep.patternType': 'perl' }),
    probe: ['grep', '--cached', '-c', '-e', '(?i)SGP_'],
  },
  {
    name: 'grep.patternType=fixed',
    config: () => ({ 'grep.patternType': 'fixed' }),
    probe: ['grep', '--cached', '-c', '-e', 'sgp_.'],
  },
  {
    name: 'submodule.recurse=true (git grep would search the submodule)',
    config: () => ({ 'submodule.recurse': 'true' }),
    probe: GREP_PROBE,
  },
  { name: 'grep.threads=1', config: () => ({ 'grep.threads': '1' }), visible: false },
  {
    name: 'a pager configured through GIT_CONFIG_KEY (core.pager)',
    env: () => ({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.pager',
      GIT_CONFIG_VALUE_0: 'less',
    }),
    visible: false,
  },
];

describe('hostile git settings leave the findings unchanged', () => {
  let fixture: Fixture;

  beforeAll(() => {
    fixture = buildFixture();
    fs.writeFileSync(
      path.join(fixture.repo.dir, '.git', 'order'),
      ['vendor/*', 'sub/*', 'settings.cfg', 'notes.txt', '*'].join('\n'),
    );
  });

  test('the baseline finds exactly the added tokens (not the renamed, copied-from or submodule ones)', () => {
    const locations = session.locations(fixture.repo);
    expect(sortLocations(locations)).toEqual(fixture.expected);
    expect(fixture.expected.map((l) => l.file)).toEqual(
      expect.arrayContaining(['copied.js', NON_ASCII_FILE, 'sub/dir/deep.js']),
    );
  });

  test.each(
    SETTINGS.flatMap((setting) => ROUTES.map((route) => [setting.name, route, setting] as const)),
  )('%s (%s)', (_name, route, setting) => {
    const { repo, scripts } = fixture;
    const cwd = path.join(repo.dir, setting.cwd ?? '.');
    const env = calls.env(isolatedEnv(setting.env?.(scripts) ?? {}));
    const probe = setting.probe ?? ['diff', '--cached'];
    const plainDiff = () => repo.run('git', probe, { cwd, env: isolatedEnv() }).stdout;
    const before = plainDiff();
    const config = setting.config?.(scripts) ?? {};
    const attributesFile = path.join(repo.dir, '.gitattributes');
    try {
      for (const [key, value] of Object.entries(config)) repo.git('config', key, value);
      if (setting.attributes)
        fs.writeFileSync(attributesFile, `${setting.attributes.join('\n')}\n`);

      const after = repo.run('git', probe, { cwd, env }).stdout;
      // A setting marked invisible must stay so: if git starts to show it, the mark is wrong.
      expect(after !== before).toBe(setting.visible !== false);

      calls.take();
      const result = withRoute(repo, route, () => session.json(repo, [], { cwd, env }));
      expect(stagedRouteOf(calls.take())).toBe(route);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe('');
      expect(sortLocations(result.report.findings)).toEqual(
        fixture.expected.map((l) => expect.objectContaining(l)),
      );
    } finally {
      for (const key of Object.keys(config)) repo.git('config', '--unset-all', key);
      fs.rmSync(attributesFile, { force: true });
    }
  });

  test('the same scan in text mode is unaffected by colour settings', () => {
    const { repo } = fixture;
    repo.git('config', 'color.ui', 'always');
    try {
      const result = session.scan(repo);
      expect(result.status).toBe(1);
      // NO_COLOR is set by the test environment: git's colour must not leak into our report.
      expect(result.stderr).not.toContain('\u001b[');
      for (const { file, line, column } of fixture.expected) {
        expect(result.stderr).toContain(`${file}:${line}:${column}`);
      }
    } finally {
      repo.git('config', '--unset-all', 'color.ui');
    }
  });
});
