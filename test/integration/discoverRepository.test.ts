import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverRepository, isPlainConfig } from '../../src/git/discoverRepository';
import { askGitForLocation, readRepositoryLocation } from '../../src/git/repositoryRoot';
import { isolatedEnv, TempRepo } from '../helpers/gitRepo';

/** What git itself says, for comparison. */
const gitSays = (cwd: string, env: NodeJS.ProcessEnv) => askGitForLocation(cwd, env);

describe('finding the repository without starting git', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = new TempRepo();
    repo.stage({ 'a.txt': 'a\n', 'deep/er/b.txt': 'b\n' });
    repo.commit('one');
  });
  afterAll(() => repo.cleanup());

  test('from the top, a subdirectory and through a symlink: what git says', async () => {
    const link = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-link-'));
    try {
      fs.symlinkSync(path.join(repo.dir, 'deep'), path.join(link, 'to-deep'));
      const env = isolatedEnv();
      for (const cwd of [repo.dir, path.join(repo.dir, 'deep', 'er'), path.join(link, 'to-deep')]) {
        const found = discoverRepository(cwd, env, 'linux');
        expect(found).not.toBeNull();
        expect(found).toEqual(await gitSays(cwd, env));
      }
    } finally {
      fs.rmSync(link, { recursive: true, force: true });
    }
  });

  test('GIT_INDEX_FILE: absolute, or relative to the top level as git reads it', async () => {
    const sub = path.join(repo.dir, 'deep');
    for (const value of [path.join(repo.dir, '.git', 'index.lock'), '.git/index']) {
      const env = isolatedEnv({ GIT_INDEX_FILE: value });
      const found = discoverRepository(sub, env, 'linux');
      expect(found?.indexFile).toBe((await gitSays(sub, env)).indexFile);
    }
  });

  test('a nested repository: the inner one, as git finds it', async () => {
    const inner = path.join(repo.dir, 'vendor', 'inner');
    fs.mkdirSync(inner, { recursive: true });
    repo.run('git', ['init', '-q', inner]);
    try {
      const found = discoverRepository(inner, isolatedEnv(), 'linux');
      expect(found?.root).toBe(inner);
      expect(found).toEqual(await gitSays(inner, isolatedEnv()));
    } finally {
      fs.rmSync(path.join(repo.dir, 'vendor'), { recursive: true, force: true });
    }
  });

  test('anything but the plain layout is left to git', () => {
    const plain = isolatedEnv();
    expect(discoverRepository(repo.dir, plain, 'win32')).toBeNull();
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_CEILING_DIRECTORIES']) {
      expect(discoverRepository(repo.dir, isolatedEnv({ [name]: repo.dir }), 'linux')).toBeNull();
    }
    const worktreeParameter = isolatedEnv({ GIT_CONFIG_PARAMETERS: `'core.worktree'='/x'` });
    expect(discoverRepository(repo.dir, worktreeParameter, 'linux')).toBeNull();
    // Inside .git itself, and outside any repository.
    expect(discoverRepository(path.join(repo.dir, '.git', 'refs'), plain, 'linux')).toBeNull();
    expect(discoverRepository(os.tmpdir(), plain, 'linux')).toBeNull();
    expect(discoverRepository(path.join(repo.dir, 'no-such-dir'), plain, 'linux')).toBeNull();
  });

  test('a worktree (.git is a file) and a moved work tree go to git, which gets them right', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-wt-'));
    const worktree = path.join(other, 'wt');
    try {
      repo.git('worktree', 'add', '-q', worktree);
      expect(discoverRepository(worktree, isolatedEnv(), 'linux')).toBeNull();
      const location = await readRepositoryLocation(worktree, isolatedEnv());
      expect(location.root).toBe(fs.realpathSync(worktree));
    } finally {
      repo.git('worktree', 'remove', '--force', worktree);
      fs.rmSync(other, { recursive: true, force: true });
    }
    repo.git('config', 'core.worktree', repo.dir);
    try {
      expect(discoverRepository(repo.dir, isolatedEnv(), 'linux')).toBeNull();
    } finally {
      repo.git('config', '--unset', 'core.worktree');
    }
    expect(discoverRepository(repo.dir, isolatedEnv(), 'linux')).not.toBeNull();
  });
});

describe('isPlainConfig', () => {
  test('the configuration git init writes is plain', () => {
    const fresh = [
      '[core]',
      '\trepositoryformatversion = 0',
      '\tfilemode = true',
      '\tbare = false',
      '\tlogallrefupdates = true',
    ].join('\n');
    expect(isPlainConfig(fresh)).toBe(true);
  });

  test('a work tree elsewhere, an include or a bare repository is not', () => {
    expect(isPlainConfig('[core]\n\tworktree = /elsewhere\n')).toBe(false);
    expect(isPlainConfig('[extensions]\n\tworktreeConfig = true\n')).toBe(false);
    expect(isPlainConfig('[include]\n\tpath = more.config\n')).toBe(false);
    expect(isPlainConfig('[includeIf "gitdir:~/w/"]\n\tpath = w.config\n')).toBe(false);
    expect(isPlainConfig('[core]\n\tbare = true\n')).toBe(false);
    expect(isPlainConfig('[core]\n  Bare = yes ; set by hand\n')).toBe(false);
  });
});
