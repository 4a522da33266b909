import { RawChange } from '../../src/diff/parseRaw';
import {
  grepGroups,
  MAX_ARGUMENT_BYTES,
  MAX_GREPS,
  MAX_OTHER_CHANGES,
  MAX_PATHSPEC_WORK,
  MIN_FILES_PER_GREP,
  planSplit,
} from '../../src/scan/splitPlan';

const EMPTY = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
let nextId = 1;
const id = () => (nextId++).toString(16).padStart(40, '0');

function change(file: string, status: string, extra: Partial<RawChange> = {}): RawChange {
  return {
    file,
    exactName: true,
    status,
    newMode: '100644',
    oldId: status === 'A' ? '0'.repeat(40) : id(),
    newId: id(),
    ...extra,
  };
}

const added = (count: number, prefix = 'new') =>
  Array.from({ length: count }, (_, i) => change(`${prefix}/${i}.txt`, 'A'));

describe('planSplit', () => {
  test('no new file: the single diff', () => {
    expect(planSplit([change('a.js', 'M')], 10)).toBeNull();
  });

  test('only new files: git grep alone', () => {
    const files = added(3);
    expect(planSplit(files, 100)).toEqual({ newFiles: files, others: null });
  });

  test('new files and a few other changes: both, renames named by both names', () => {
    const files = added(2);
    const plan = planSplit(
      [
        ...files,
        change('a.js', 'M'),
        change('b.txt', 'R', { oldFile: 'old/b.txt', exactOldName: true }),
      ],
      100,
    );
    expect(plan).toEqual({
      newFiles: files,
      others: [':(top,literal)a.js', ':(top,literal)b.txt', ':(top,literal)old/b.txt'],
    });
  });

  test('symlinks and submodules stay in the diff; a name git cannot be given keeps one diff', () => {
    const [file] = added(1);
    const plan = planSplit(
      [
        file,
        change('link', 'A', { newMode: '120000' }),
        change('vendor/lib', 'A', { newMode: '160000' }),
      ],
      100,
    );
    expect(plan).toEqual({
      newFiles: [file],
      others: [':(top,literal)link', ':(top,literal)vendor/lib'],
    });
    // A name that is not UTF-8 can be neither searched nor named: the single diff reads it.
    expect(
      planSplit([...added(1), change('odd\ufffd.txt', 'A', { exactName: false })], 100),
    ).toBeNull();
    expect(planSplit([...added(1), change('x\ufffd', 'M', { exactName: false })], 100)).toBeNull();
  });

  test('empty new files are searched by nobody: nothing to find in them', () => {
    const [file] = added(1);
    const plan = planSplit([file, change('empty.env', 'A', { newId: EMPTY })], 100);
    expect(plan).toEqual({ newFiles: [file], others: null });
  });

  test('new files are not named to git: any number of them, whatever the index size', () => {
    const files = added(40_000);
    expect(planSplit(files, 1_000_000)).toEqual({ newFiles: files, others: null });
    expect(planSplit(files, null)).toEqual({ newFiles: files, others: null });
  });

  test('naming the other changes costs git (index entries x names): past the budget, one diff', () => {
    const files = [...added(3), change('a.js', 'M'), change('b.js', 'M')];
    expect(planSplit(files, Math.floor(MAX_PATHSPEC_WORK / 2))).not.toBeNull();
    expect(planSplit(files, Math.floor(MAX_PATHSPEC_WORK / 2) + 1)).toBeNull();
    expect(planSplit(files, null)).toBeNull();
  });

  test('too many other changes, or names too long for one command line: the single diff', () => {
    const others = Array.from({ length: MAX_OTHER_CHANGES + 1 }, (_, i) => change(`m${i}`, 'M'));
    expect(planSplit([...added(1), ...others.slice(1)], 100)).not.toBeNull();
    expect(planSplit([...added(1), ...others], 100)).toBeNull();
    const long = change('d'.repeat(MAX_ARGUMENT_BYTES), 'M');
    expect(planSplit([...added(1), long], 100)).toBeNull();
  });
});

describe('grepGroups', () => {
  const files = (count: number) => Array.from({ length: count }, (_, i) => i);

  test('one group per core, each file in exactly one, dealt round-robin in order', () => {
    const groups = grepGroups(files(100), 2);
    expect(groups).toEqual([
      files(100).filter((i) => i % 2 === 0),
      files(100).filter((i) => i % 2 === 1),
    ]);
  });

  test('never more groups than MAX_GREPS, whatever the cores', () => {
    const groups = grepGroups(files(1000), 64);
    expect(groups).toHaveLength(MAX_GREPS);
    expect(groups.flat().sort((a, b) => a - b)).toEqual(files(1000));
    const sizes = groups.map((group) => group.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  test('at least MIN_FILES_PER_GREP files per group; one group on one core', () => {
    expect(grepGroups(files(2 * MIN_FILES_PER_GREP - 1), 8)).toHaveLength(1);
    expect(grepGroups(files(2 * MIN_FILES_PER_GREP), 8)).toHaveLength(2);
    for (const count of [33, 64, 95, 96, 200]) {
      for (const group of grepGroups(files(count), 8)) {
        expect(group.length).toBeGreaterThanOrEqual(MIN_FILES_PER_GREP);
      }
    }
    expect(grepGroups(files(500), 1)).toEqual([files(500)]);
  });

  test('fewer files than MIN_FILES_PER_GREP still get a group', () => {
    expect(grepGroups(files(5), 8)).toEqual([files(5)]);
  });

  test('a machine that reports no cores still gets one group', () => {
    expect(grepGroups(files(10), 0)).toEqual([files(10)]);
  });
});
