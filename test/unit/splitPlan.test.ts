import { RawChange } from '../../src/diff/parseRaw';
import {
  MAX_ARGUMENT_BYTES,
  MAX_OTHER_CHANGES,
  MAX_PATHSPEC_WORK,
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
