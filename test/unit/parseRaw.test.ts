import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ScanError } from '../../src/errors';
import { addsContent, isNewRegularFile, parseRawZ } from '../../src/diff/parseRaw';
import { TempRepo } from '../helpers/gitRepo';

describe('parseRawZ on real `git diff --cached --raw -z --no-abbrev -M` output', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = new TempRepo();
    repo.stage({ 'old.txt': 'x\n', 'mod.txt': 'y\n', 'mode.sh': 'echo\n' });
    repo.commit('base');
    repo.git('mv', 'old.txt', 'moved.txt');
    repo.write('mod.txt', 'y\nmore\n');
    repo.write('empty.env', '');
    fs.symlinkSync('target', path.join(repo.dir, 'link'));
    // A name with a byte that is not UTF-8 (fs takes the path as bytes).
    const badName = Buffer.concat([
      Buffer.from(`${repo.dir}/bad`),
      Buffer.from([0xff]),
      Buffer.from('name'),
    ]);
    fs.writeFileSync(badName, 'n\n');
    fs.chmodSync(path.join(repo.dir, 'mode.sh'), 0o755);
    repo.git('add', '-A');
  });
  afterAll(() => repo.cleanup());

  test('statuses, modes, names and the content test', () => {
    const output = spawnSync('git', ['diff', '--cached', '--raw', '-z', '--no-abbrev', '-M'], {
      cwd: repo.dir,
    }).stdout;
    const changes = parseRawZ(output);
    const byFile = Object.fromEntries(changes.map((change) => [change.file, change]));
    expect(Object.keys(byFile).sort()).toEqual(
      ['bad\ufffdname', 'empty.env', 'link', 'mod.txt', 'mode.sh', 'moved.txt'].sort(),
    );
    expect(byFile['moved.txt'].status).toBe('R');
    expect(byFile['link']).toMatchObject({ status: 'A', newMode: '120000' });
    expect(isNewRegularFile(byFile['link'])).toBe(false);
    expect(isNewRegularFile(byFile['empty.env'])).toBe(true);
    // Only this name does not survive the trip through UTF-8.
    expect(changes.filter((change) => !change.exactName).map((c) => c.file)).toEqual([
      'bad\ufffdname',
    ]);
    const adding = changes
      .filter(addsContent)
      .map((change) => change.file)
      .sort();
    // Not the empty file, the pure rename or the mode change.
    expect(adding).toEqual(['bad\ufffdname', 'link', 'mod.txt']);
  });
});

test('output that is not a raw record is an error', () => {
  expect(() => parseRawZ(Buffer.from('M\tfile\0'))).toThrow(ScanError);
  expect(() =>
    parseRawZ(Buffer.from(`:100644 100644 ${'a'.repeat(40)} ${'b'.repeat(40)} M\0`)),
  ).toThrow(/without its name/);
});
