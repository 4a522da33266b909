/**
 * The index of new files that each git grep of the large-commit route searches
 * (src/git/newFileIndex.ts): git update-index writes it into the given file alone, whatever the
 * repository's index settings, and git reads back exactly the entries given.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeNewFileIndex } from '../../src/git/newFileIndex';
import { isolatedEnv, TempRepo } from '../helpers/gitRepo';

const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));

/** A repository whose settings would split an index or ask a file-system monitor. */
function hostileRepo(): TempRepo {
  const repo = new TempRepo('seg-hook-index-');
  repos.push(repo);
  repo.stage({ 'base.txt': 'base\n' });
  repo.commit('base');
  repo.git('config', 'core.splitIndex', 'true');
  repo.git('config', 'core.fsmonitor', 'true');
  repo.git('config', 'index.version', '4');
  repo.git('config', 'index.skipHash', 'true');
  repo.stage({ 'a b/über.txt': 'one\n', 'z.js': 'two\n', 'x\ty.txt': 'three\n' });
  return repo;
}

function stagedEntries(repo: TempRepo) {
  const listed = repo.git('ls-files', '-s', '-z').split('\0').filter(Boolean);
  return listed.map((line) => {
    const tab = line.indexOf('\t');
    const [meta, file] = [line.slice(0, tab), line.slice(tab + 1)];
    const [newMode, newId] = meta.split(' ');
    return { newMode, newId, file };
  });
}

test('writes exactly the given entries, into the given file only', async () => {
  const repo = hostileRepo();
  const entries = stagedEntries(repo).filter((entry) => entry.file !== 'base.txt');
  expect(entries.map((entry) => entry.file)).toEqual(['a b/über.txt', 'x\ty.txt', 'z.js']);
  const dir = fs.mkdtempSync(path.join(path.dirname(repo.dir), 'seg-hook-index-dir-'));
  const gitDirBefore = fs.readdirSync(path.join(repo.dir, '.git')).sort();
  try {
    const indexFile = path.join(dir, 'index0');
    await writeNewFileIndex(repo.dir, indexFile, entries, isolatedEnv());
    // Nothing beside it (no shared index part, no lock left), nothing new in the repository.
    expect(fs.readdirSync(dir)).toEqual(['index0']);
    expect(fs.readdirSync(path.join(repo.dir, '.git')).sort()).toEqual(gitDirBefore);
    const readBack = repo.git('ls-files', '-s', '-z');
    const own = repo.tryGit(['ls-files', '-s', '-z'], {
      env: isolatedEnv({ GIT_INDEX_FILE: indexFile }),
    });
    expect(own.status).toBe(0);
    expect(own.stdout).toBe(entries.map((e) => `${e.newMode} ${e.newId} 0\t${e.file}\0`).join(''));
    // The user's index is untouched.
    expect(repo.git('ls-files', '-s', '-z')).toBe(readBack);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an index that git cannot write is an error, not an empty search', async () => {
  const repo = hostileRepo();
  const entries = stagedEntries(repo);
  const missingDir = path.join(path.dirname(repo.dir), 'seg-hook-no-such-dir', 'index0');
  await expect(writeNewFileIndex(repo.dir, missingDir, entries, isolatedEnv())).rejects.toThrow();
});
