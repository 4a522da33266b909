import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyPlan } from '../../src/install/core/applyPlan';
import { FileOp } from '../../src/install/core/fileOps';
import { isScanError } from '../../src/errors';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-apply-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const at = (name: string) => path.join(dir, name);
const write = (name: string, content: string, mode = 0o644) => {
  fs.mkdirSync(path.dirname(at(name)), { recursive: true });
  fs.writeFileSync(at(name), content);
  fs.chmodSync(at(name), mode);
};

/** Every file under `dir` with its content and mode: the whole observable state. */
function tree(root = dir): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      const name = path.relative(root, full);
      if (entry.isDirectory()) {
        result[`${name}/`] = 'dir';
        walk(full);
      } else if (entry.isSymbolicLink()) {
        result[name] = `link -> ${fs.readlinkSync(full)}`;
      } else {
        result[name] =
          `${(fs.statSync(full).mode & 0o777).toString(8)} ${fs.readFileSync(full, 'utf8')}`;
      }
    }
  };
  walk(root);
  return result;
}

describe('applyPlan', () => {
  it('writes, renames, backs up, removes and chmods', () => {
    write('hooks/pre-commit', 'user hook', 0o755);
    write('hooks/old', 'old ours');
    write('hooks/gone', 'remove me');
    write('hooks/plain', 'x', 0o644);
    const ops: FileOp[] = [
      {
        kind: 'rename',
        from: at('hooks/pre-commit'),
        to: at('hooks/pre-commit.chained'),
        replaces: false,
      },
      {
        kind: 'write',
        path: at('hooks/pre-commit'),
        content: 'ours',
        mode: 0o755,
        replaces: false,
      },
      { kind: 'backup', path: at('hooks/old') },
      { kind: 'write', path: at('hooks/old'), content: 'new ours', mode: 0o700, replaces: true },
      { kind: 'remove', path: at('hooks/gone') },
      { kind: 'chmod', path: at('hooks/plain'), mode: 0o755, previousMode: 0o644 },
      { kind: 'mkdir', path: at('a/b') },
    ];
    const applied = applyPlan(ops);
    expect(applied[2].backupPath).toBe(at('hooks/old.seg-hook-backup'));
    expect(tree()).toEqual({
      'a/': 'dir',
      'a/b/': 'dir',
      'hooks/': 'dir',
      'hooks/pre-commit': '755 ours',
      'hooks/pre-commit.chained': '755 user hook',
      'hooks/old': '700 new ours',
      'hooks/old.seg-hook-backup': '644 old ours',
      'hooks/plain': '755 x',
    });
  });

  it('never overwrites an earlier backup', () => {
    write('f', 'v1');
    applyPlan([{ kind: 'backup', path: at('f') }]);
    fs.writeFileSync(at('f'), 'v2');
    const [{ backupPath }] = applyPlan([{ kind: 'backup', path: at('f') }]);
    expect(backupPath).toBe(at('f.seg-hook-backup-2'));
    expect(fs.readFileSync(at('f.seg-hook-backup'), 'utf8')).toBe('v1');
    expect(fs.readFileSync(at('f.seg-hook-backup-2'), 'utf8')).toBe('v2');
  });

  it('writes bytes back in the encoding they were read in', () => {
    const latin1 = Buffer.from([0x65, 0xe9, 0x0a]).toString('latin1');
    applyPlan([
      {
        kind: 'write',
        path: at('f'),
        content: latin1,
        encoding: 'latin1',
        mode: 0o644,
        replaces: false,
      },
    ]);
    expect(fs.readFileSync(at('f'))).toEqual(Buffer.from([0x65, 0xe9, 0x0a]));
  });

  it('renames over a file it replaces and keeps symlinks as symlinks', () => {
    write('target', 't');
    fs.symlinkSync('target', at('link'));
    write('ours', 'ours');
    applyPlan([{ kind: 'rename', from: at('link'), to: at('ours'), replaces: true }]);
    expect(tree()).toEqual({ target: '644 t', ours: 'link -> target' });
  });

  it('refuses to create over a file that appeared meanwhile', () => {
    write('f', 'someone else');
    expect(() =>
      applyPlan([{ kind: 'write', path: at('f'), content: 'x', mode: 0o644, replaces: false }]),
    ).toThrow(/appeared/);
    expect(tree()).toEqual({ f: '644 someone else' });
  });

  describe('a failure at any step leaves everything as it was', () => {
    const setUp = () => {
      write('hooks/pre-commit', 'user hook', 0o755);
      write('hooks/chained', 'stale', 0o755);
      write('hooks/old', 'old ours');
      write('hooks/gone', 'remove me');
    };
    const ops = (): FileOp[] => [
      { kind: 'mkdir', path: at('new/dir') },
      { kind: 'backup', path: at('hooks/old') },
      { kind: 'write', path: at('hooks/old'), content: 'new', mode: 0o755, replaces: true },
      {
        kind: 'rename',
        from: at('hooks/pre-commit'),
        to: at('hooks/pre-commit.chained'),
        replaces: false,
      },
      {
        kind: 'write',
        path: at('hooks/pre-commit'),
        content: 'ours',
        mode: 0o755,
        replaces: false,
      },
      { kind: 'rename', from: at('hooks/chained'), to: at('hooks/pre-commit'), replaces: true },
      { kind: 'remove', path: at('hooks/gone') },
      { kind: 'chmod', path: at('hooks/old'), mode: 0o700, previousMode: 0o755 },
      { kind: 'write', path: at('hooks/last'), content: 'x', mode: 0o644, replaces: false },
    ];

    const kinds = [
      'mkdir',
      'backup',
      'write',
      'rename',
      'write',
      'rename',
      'remove',
      'chmod',
      'write',
    ];
    it.each(kinds.map((kind, index) => [index, kind]))('failure before step %i (%s)', (failAt) => {
      setUp();
      expect(ops().map((op) => op.kind)).toEqual(kinds);
      const before = tree();
      let error: unknown;
      try {
        applyPlan(ops(), {
          beforeOp: (_op, index) => {
            if (index === failAt) throw Object.assign(new Error('boom'), { code: 'EACCES' });
          },
        });
      } catch (caught) {
        error = caught;
      }
      expect(isScanError(error) && error.kind).toBe('install-failed');
      expect((error as Error).message).toMatch(
        /permission denied \(EACCES\); nothing was changed$/,
      );
      expect(tree()).toEqual(before);
    });

    it('succeeds without leftovers when nothing fails', () => {
      setUp();
      applyPlan(ops());
      expect(Object.keys(tree()).filter((name) => name.includes('.seg-hook-'))).toEqual([
        'hooks/old.seg-hook-backup',
      ]);
    });
  });
});
