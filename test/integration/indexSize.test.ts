import fs from 'node:fs';
import path from 'node:path';
import { readIndexEntryCount } from '../../src/git/indexSize';
import { readRepositoryLocation } from '../../src/git/repositoryRoot';
import { isolatedEnv, TempRepo } from '../helpers/gitRepo';

describe('the index git is using, and its size', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = new TempRepo();
    repo.stage({ 'a.txt': 'a\n', 'b/c.txt': 'c\n', 'd.txt': 'd\n' });
    fs.mkdirSync(path.join(repo.dir, 'sub'));
  });
  afterAll(() => repo.cleanup());

  test('from the top and from a subdirectory: the root, and the entry count git lists', async () => {
    const listed = repo.git('ls-files').trim().split('\n').length;
    for (const cwd of [repo.dir, path.join(repo.dir, 'sub')]) {
      const location = await readRepositoryLocation(cwd, isolatedEnv());
      expect(location.root).toBe(repo.dir);
      expect(location.indexFile).toBe(path.join(repo.dir, '.git', 'index'));
      expect(readIndexEntryCount(location.indexFile)).toBe(listed);
    }
  });

  test('GIT_INDEX_FILE (the temporary index of git commit -a) is the one measured', async () => {
    const temp = path.join(repo.dir, '.git', 'other-index');
    fs.copyFileSync(path.join(repo.dir, '.git', 'index'), temp);
    const env = isolatedEnv({ GIT_INDEX_FILE: temp });
    repo.run('git', ['rm', '-q', '--cached', 'd.txt'], { env });
    const location = await readRepositoryLocation(repo.dir, env);
    expect(location.indexFile).toBe(temp);
    expect(readIndexEntryCount(location.indexFile)).toBe(2);
  });

  test('no index, or a file that is not one: unknown', () => {
    expect(readIndexEntryCount(null)).toBeNull();
    expect(readIndexEntryCount(path.join(repo.dir, 'nothing-here'))).toBeNull();
    expect(readIndexEntryCount(path.join(repo.dir, 'a.txt'))).toBeNull();
  });
});
