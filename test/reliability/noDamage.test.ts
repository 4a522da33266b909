/**
 * No damage. A scan reads and never writes: the whole repository (.git included: index, HEAD,
 * refs, objects, config) and the work tree are byte-identical afterwards, with the same
 * modification times — even with a stat-dirty index that a `git status` would rewrite.
 * Install and uninstall write every file to a temp name and rename it into place, back up what
 * they replace, put everything back on uninstall, and leave the repository as it was when they
 * fail.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isolatedEnv, RunResult, TempRepo } from '../helpers/gitRepo';
import { testNeeding } from '../helpers/systemTools';
import { makeToken } from '../helpers/tokens';
import {
  CLI_UNDER_TEST,
  expectOneLineFailure,
  RUNNING_AS_ROOT,
  runCli,
  snapshotTree,
  unprivilegedOwner,
} from './support';

const repos: TempRepo[] = [];
afterAll(() => {
  for (const repo of repos) {
    if (RUNNING_AS_ROOT) spawnSync('chown', ['-R', '0:0', repo.dir]);
    spawnSync('chmod', ['-R', 'u+rwX', repo.dir]);
    repo.cleanup();
  }
});

function newRepo(prefix = 'seg-hook-nodamage-'): TempRepo {
  const repo = new TempRepo(prefix);
  repos.push(repo);
  return repo;
}

const cli = (
  repo: TempRepo,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; uid?: number } = {},
) => runCli(args, { ...options, cwd: options.cwd ?? repo.dir });

describe('scans never write to the repository', () => {
  let repo: TempRepo;

  beforeAll(() => {
    repo = newRepo();
    repo.stage({
      'keep.js': 'const a = 1;\n',
      'old name.txt': 'line one\nline two\nline three\nline four\n',
      'gone.txt': 'bye\n',
      'sub/dir/deep.js': 'deep\n',
    });
    repo.commit('base');
    repo.git('commit', '-q', '--no-verify', '--allow-empty', '-m', 'second');
    // Staged: an added token, a modification, a rename with an edit, a deletion.
    repo.stage({
      'new.env': `SEGMENT_TOKEN=${makeToken()}\n`,
      'keep.js': `const a = "${makeToken()}";\n`,
    });
    repo.git('mv', 'old name.txt', 'new name.txt');
    repo.write('new name.txt', 'line one\nline two\nline three\nline four\nline five\n');
    repo.git('add', 'new name.txt');
    repo.git('rm', '-q', 'gone.txt');
    // Unstaged edits and an untracked file.
    repo.write('sub/dir/deep.js', `deep ${makeToken()}\n`);
    repo.write('untracked.txt', `${makeToken()}\n`);
    // Stat-dirty index: the work tree's times no longer match what the index recorded, so any
    // command that refreshes the index (git status, git diff without --cached) would rewrite it.
    const past = new Date(Date.now() - 3600_000);
    for (const file of ['keep.js', 'new name.txt', 'new.env'])
      fs.utimesSync(path.join(repo.dir, file), past, past);
    repo.git('config', 'color.ui', 'always');
  });

  const RUNS: [string, string[], { cwd?: string; input?: string; status: number }][] = [
    ['text', [], { status: 1 }],
    ['json', ['--format', 'json'], { status: 1 }],
    ['sarif', ['--format', 'sarif'], { status: 1 }],
    ['github', ['--format', 'github'], { status: 1 }],
    ['explicit --staged', ['--staged'], { status: 1 }],
    ['path arguments', ['keep.js', 'new name.txt', 'sub/dir/deep.js'], { status: 1 }],
    ['from a subdirectory', [], { cwd: 'sub/dir', status: 1 }],
    ['--range', ['--range', 'HEAD~1..HEAD'], { status: 0 }],
    ['--history', ['--history'], { status: 0 }],
    ['pre-push', ['pre-push', 'origin', 'url'], { input: '', status: 0 }],
    ['explain', ['explain'], { status: 0 }],
    ['install --dry-run', ['install', '--dry-run'], { status: 0 }],
    ['uninstall --dry-run', ['uninstall', '--dry-run'], { status: 0 }],
    ['a bad argument', ['--bogus'], { status: 2 }],
    ['a missing --config', ['--config', 'missing.json'], { status: 2 }],
  ];

  test.each(RUNS)('%s', (_name, args, { cwd, input, status }) => {
    const before = snapshotTree(repo.dir, { times: true });
    const result = cli(repo, args, { cwd: cwd && path.join(repo.dir, cwd), input });
    expect(result.status).toBe(status);
    expect(snapshotTree(repo.dir, { times: true })).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

/** A user's own pre-commit hook: CRLF, bytes that are not UTF-8, no final newline, mode 750. */
const USER_HOOK = Buffer.concat([
  Buffer.from('#!/bin/sh\r\necho "user hook"\r\n# '),
  Buffer.from([0xff, 0xfe, 0x80]),
  Buffer.from('\r\nexit 0'),
]);

function repoWithUserHook(hooksDir = '.git/hooks'): TempRepo {
  const repo = newRepo('seg-hook-install-nodamage-');
  repo.stage({ 'README.md': 'hello\n' });
  repo.commit('init');
  const dir = path.join(repo.dir, hooksDir);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pre-commit'), USER_HOOK, { mode: 0o750 });
  fs.chmodSync(path.join(dir, 'pre-commit'), 0o750);
  fs.writeFileSync(path.join(dir, 'post-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return repo;
}

function expectOk(result: RunResult): RunResult {
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  return result;
}

describe('install and uninstall put everything back', () => {
  test.each([
    ['plain .git/hooks', '.git/hooks', {}],
    ['core.hooksPath', 'tools/git hooks', { 'core.hooksPath': 'tools/git hooks' }],
  ])(
    '%s: install then uninstall restores the repository byte for byte',
    (_name, hooksDir, config) => {
      const repo = repoWithUserHook(hooksDir);
      for (const [key, value] of Object.entries(config)) repo.git('config', key, value);
      const before = snapshotTree(repo.dir);
      const installed = expectOk(cli(repo, ['install']));
      expect(installed.stdout).toMatch(/installed the pre-commit hook/);
      const hook = path.join(repo.dir, hooksDir, 'pre-commit');
      expect(fs.readFileSync(hook, 'utf8')).toMatch(/seg-hook-managed-hook/);
      // The user's hook is kept, byte for byte, and still runs first.
      expect(fs.readFileSync(`${hook}.seg-hook-chained`)).toEqual(USER_HOOK);
      expect(snapshotTree(repo.dir)).not.toEqual(before);

      expectOk(cli(repo, ['install'])); // idempotent
      expectOk(cli(repo, ['uninstall']));
      expect(snapshotTree(repo.dir)).toEqual(before);
    },
  );

  test('replacing an edited hook of ours keeps a backup with the old bytes', () => {
    const repo = newRepo('seg-hook-install-nodamage-');
    expectOk(cli(repo, ['install']));
    const hook = path.join(repo.dir, '.git', 'hooks', 'pre-commit');
    const edited =
      fs.readFileSync(hook, 'utf8').replace('format=2', 'format=0') + '# my local edit\n';
    fs.writeFileSync(hook, edited);
    const inode = fs.statSync(hook).ino;
    expectOk(cli(repo, ['install']));
    const backups = fs
      .readdirSync(path.dirname(hook))
      .filter((name) => name.includes('seg-hook-backup'));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(hook), backups[0]), 'utf8')).toBe(edited);
    // Replaced by a rename (a new file), not rewritten in place.
    expect(fs.statSync(hook).ino).not.toBe(inode);
  });
});

// ---------------------------------------------------------------------------------------------

describe('install writes through a temp file and a rename (system calls traced)', () => {
  testNeeding('strace')(
    'no final hook path is ever opened for writing; each appears by rename',
    () => {
      const repo = repoWithUserHook();
      const hooks = path.join(repo.dir, '.git', 'hooks');
      const hook = path.join(hooks, 'pre-commit');
      // install (moves the user's hook aside, writes ours), uninstall (moves it back), install
      // again, then install over an edited older hook of ours (backup + replace).
      const steps: { args: string[]; before?: () => void }[] = [
        { args: ['install'] },
        { args: ['uninstall'] },
        { args: ['install'] },
        {
          args: ['install'],
          before: () =>
            fs.writeFileSync(
              hook,
              fs.readFileSync(hook, 'utf8').replace('format=2', 'format=0') + '# edit\n',
            ),
        },
      ];
      const log = path.join(repo.dir, '..', `${path.basename(repo.dir)}.strace`);
      const writes: string[] = [];
      const renamedTo: string[] = [];
      try {
        for (const { args, before } of steps) {
          before?.();
          const traced = spawnSync(
            'strace',
            [
              '-f',
              '-qq',
              '-s',
              '4096',
              '-o',
              log,
              '-e',
              'trace=open,openat,creat,truncate,rename,renameat,renameat2',
              process.execPath,
              CLI_UNDER_TEST,
              ...args,
            ],
            { cwd: repo.dir, env: isolatedEnv(), encoding: 'utf8' },
          );
          expect(traced.status).toBe(0);
          for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
            const open = /\b(?:open|openat|creat)\((?:AT_FDCWD, )?"([^"]+)", ([A-Z_|]+)/.exec(line);
            if (
              open &&
              open[1].startsWith(hooks) &&
              /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/.test(open[2])
            )
              writes.push(`${path.basename(open[1])} ${open[2]}`);
            if (/\btruncate\(/.test(line) && line.includes(hooks)) writes.push(line);
            const rename =
              /\brename(?:at2?)?\((?:AT_FDCWD, )?"([^"]+)", (?:AT_FDCWD, )?"([^"]+)"/.exec(line);
            if (rename && rename[2].startsWith(hooks)) renamedTo.push(path.basename(rename[2]));
          }
        }
      } finally {
        fs.rmSync(log, { force: true });
      }
      // Every file opened for writing in the hooks dir is a hidden temp/undo name or a backup,
      // always created new (O_EXCL): an existing file is never opened for writing.
      expect(writes.length).toBeGreaterThan(0);
      for (const write of writes)
        expect(write).toMatch(
          /^(\.pre-commit\S*\.seg-hook-(tmp|undo)-\S+|pre-commit\.seg-hook-backup(-\d+)?) .*O_EXCL/,
        );
      // The hook and the kept user hook only ever appear through rename.
      expect(renamedTo).toEqual(
        expect.arrayContaining(['pre-commit', 'pre-commit.seg-hook-chained']),
      );
      // The edited hook was backed up (a new file, created exclusively) before being replaced.
      expect(
        writes.some((w) => /^pre-commit\.seg-hook-backup O_WRONLY\|O_CREAT\|O_EXCL/.test(w)),
      ).toBe(true);
    },
  );
});

// ---------------------------------------------------------------------------------------------

describe('a failed install or uninstall leaves the repository as it was', () => {
  function readOnlyHooksRepo(installFirst: boolean): { repo: TempRepo; uid?: number } {
    const repo = repoWithUserHook();
    if (installFirst) expectOk(cli(repo, ['install']));
    const uid = unprivilegedOwner(repo.dir);
    fs.chmodSync(path.join(repo.dir, '.git', 'hooks'), 0o555);
    return { repo, uid };
  }

  test.each([
    ['install', false],
    ['uninstall', true],
  ] as const)(
    '%s into a read-only hooks directory: exit 2, one line, nothing changed',
    (command, installFirst) => {
      const { repo, uid } = readOnlyHooksRepo(installFirst);
      const before = snapshotTree(repo.dir, { times: true });
      const result = cli(repo, [command], { uid, env: isolatedEnv({ HOME: repo.dir }) });
      expectOneLineFailure(result, /permission denied \(EACCES\); nothing was changed\.$/m);
      expect(snapshotTree(repo.dir, { times: true })).toEqual(before);
    },
  );

  test('the hook path is a directory: exit 2, one line, nothing changed', () => {
    const repo = newRepo('seg-hook-install-nodamage-');
    fs.mkdirSync(path.join(repo.dir, '.git', 'hooks', 'pre-commit', 'inner'), { recursive: true });
    const before = snapshotTree(repo.dir, { times: true });
    expectOneLineFailure(cli(repo, ['install']), /pre-commit is a directory/);
    expect(snapshotTree(repo.dir, { times: true })).toEqual(before);
  });

  test('core.hooksPath names a file: exit 2, one line, nothing changed', () => {
    const repo = newRepo('seg-hook-install-nodamage-');
    repo.write('not-a-dir', 'x\n');
    repo.git('config', 'core.hooksPath', 'not-a-dir');
    const before = snapshotTree(repo.dir, { times: true });
    expectOneLineFailure(cli(repo, ['install']), /not-a-dir/);
    expect(snapshotTree(repo.dir, { times: true })).toEqual(before);
  });

  test('core.hooksPath under a read-only directory: exit 2, one line, nothing created', () => {
    const repo = newRepo('seg-hook-install-nodamage-');
    fs.mkdirSync(path.join(repo.dir, 'locked'));
    repo.git('config', 'core.hooksPath', 'locked/hooks/deeper');
    const uid = unprivilegedOwner(repo.dir);
    fs.chmodSync(path.join(repo.dir, 'locked'), 0o555);
    const before = snapshotTree(repo.dir, { times: true });
    const result = cli(repo, ['install'], { uid, env: isolatedEnv({ HOME: repo.dir }) });
    expectOneLineFailure(result, /nothing was changed\.$/m);
    expect(snapshotTree(repo.dir, { times: true })).toEqual(before);
  });
});
