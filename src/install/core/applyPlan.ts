/**
 * Carries out a plan: every file is written to a temp file and renamed into place, every
 * replaced or removed file can be restored, and on the first failure everything already done
 * is undone in reverse, so a failed install or uninstall leaves the repository as it was.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ScanError } from '../../errors';
import { BACKUP_SUFFIX, FileOp } from './fileOps';

export interface AppliedOp {
  op: FileOp;
  /** Where a `backup` op put its copy. */
  backupPath?: string;
}

export interface ApplyOptions {
  display?: (file: string) => string;
  /** Test seam: called before each operation; throwing there simulates a failure at that step. */
  beforeOp?: (op: FileOp, index: number) => void;
}

interface Step {
  undo: () => void;
  /** Drops the undo material (the kept copy of a replaced file) once everything succeeded. */
  commit: () => void;
}

export function applyPlan(ops: FileOp[], options: ApplyOptions = {}): AppliedOp[] {
  const display = options.display ?? ((file: string) => file);
  const done: Step[] = [];
  const applied: AppliedOp[] = [];
  for (const [index, op] of ops.entries()) {
    try {
      options.beforeOp?.(op, index);
      const { step, backupPath } = runOp(op);
      done.push(step);
      applied.push({ op, backupPath });
    } catch (error) {
      const problem = `cannot ${verb(op)} ${display(targetOf(op))}: ${reason(error)}`;
      const rollbackError = rollback(done);
      throw new ScanError(
        'install-failed',
        rollbackError
          ? `${problem}; undoing the earlier steps also failed (${reason(rollbackError)}), check ${display(path.dirname(targetOf(op)))}`
          : `${problem}; nothing was changed`,
      );
    }
  }
  for (const step of done) {
    try {
      step.commit();
    } catch {
      // A leftover undo copy is harmless (a hidden file next to the hook); the plan succeeded.
    }
  }
  return applied;
}

function rollback(done: Step[]): unknown {
  let firstError: unknown = null;
  for (const step of [...done].reverse()) {
    try {
      step.undo();
    } catch (error) {
      firstError ??= error;
    }
  }
  return firstError;
}

function runOp(op: FileOp): { step: Step; backupPath?: string } {
  switch (op.kind) {
    case 'mkdir':
      return { step: makeDirectory(op.path) };
    case 'write':
      return {
        step: writeFile(
          op.path,
          Buffer.from(op.content, op.encoding ?? 'utf8'),
          op.mode,
          op.replaces,
        ),
      };
    case 'rename':
      return { step: renameFile(op.from, op.to, op.replaces) };
    case 'backup': {
      const backupPath = copyToFreeName(op.path);
      return { step: { undo: () => fs.unlinkSync(backupPath), commit: () => {} }, backupPath };
    }
    case 'remove': {
      const kept = sideName(op.path, 'removed');
      fs.renameSync(op.path, kept);
      return {
        step: { undo: () => fs.renameSync(kept, op.path), commit: () => fs.unlinkSync(kept) },
      };
    }
    case 'chmod':
      fs.chmodSync(op.path, op.mode);
      return { step: { undo: () => fs.chmodSync(op.path, op.previousMode), commit: () => {} } };
  }
}

function makeDirectory(dir: string): Step {
  const created: string[] = [];
  for (let current = dir; !fs.existsSync(current); current = path.dirname(current)) {
    created.unshift(current);
  }
  fs.mkdirSync(dir, { recursive: true });
  return {
    undo: () => [...created].reverse().forEach((d) => fs.rmdirSync(d)),
    commit: () => {},
  };
}

function writeFile(file: string, content: Buffer, mode: number, replaces: boolean): Step {
  if (!replaces) mustNotExist(file);
  const temp = sideName(file, 'tmp');
  let previous: string | null = null;
  try {
    fs.writeFileSync(temp, content, { mode, flag: 'wx' });
    fs.chmodSync(temp, mode); // the umask may have taken bits away
    if (replaces) previous = keepCopy(file);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (previous) fs.rmSync(previous, { force: true });
    throw error;
  }
  const kept = previous;
  return {
    undo: () => (kept ? fs.renameSync(kept, file) : fs.unlinkSync(file)),
    commit: () => kept && fs.unlinkSync(kept),
  };
}

function renameFile(from: string, to: string, replaces: boolean): Step {
  if (!replaces) mustNotExist(to);
  const previous = replaces ? keepCopy(to) : null;
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if (previous) fs.rmSync(previous, { force: true });
    throw error;
  }
  return {
    undo: () => {
      fs.renameSync(to, from);
      if (previous) fs.renameSync(previous, to);
    },
    commit: () => previous && fs.unlinkSync(previous),
  };
}

/** A copy of `file` (bytes and mode) to put back if a later step fails. */
function keepCopy(file: string): string {
  const copy = sideName(file, 'undo');
  fs.copyFileSync(file, copy, fs.constants.COPYFILE_EXCL);
  return copy;
}

function copyToFreeName(file: string): string {
  for (let n = 1; ; n++) {
    const candidate = `${file}${BACKUP_SUFFIX}${n === 1 ? '' : `-${n}`}`;
    if (fs.existsSync(candidate)) continue;
    fs.copyFileSync(file, candidate, fs.constants.COPYFILE_EXCL);
    return candidate;
  }
}

function mustNotExist(file: string): void {
  let exists = true;
  try {
    fs.lstatSync(file);
  } catch {
    exists = false;
  }
  if (exists) throw new Error('it appeared while installing; run the command again');
}

/** A hidden name in the same directory, so the final rename stays on one file system. */
function sideName(file: string, purpose: string): string {
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  return path.join(path.dirname(file), `.${path.basename(file)}.seg-hook-${purpose}-${suffix}`);
}

function targetOf(op: FileOp): string {
  return op.kind === 'rename' ? op.to : op.path;
}

function verb(op: FileOp): string {
  switch (op.kind) {
    case 'mkdir':
      return 'create directory';
    case 'write':
      return 'write';
    case 'rename':
      return `move ${path.basename(op.from)} to`;
    case 'backup':
      return 'back up';
    case 'remove':
      return 'remove';
    case 'chmod':
      return 'change the mode of';
  }
}

const ERRNO_TEXT: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  ENOENT: 'no such file or directory',
  EEXIST: 'it already exists',
  EISDIR: 'it is a directory',
};

function reason(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  if (err?.code && ERRNO_TEXT[err.code]) return `${ERRNO_TEXT[err.code]} (${err.code})`;
  return String(err?.message ?? error).split('\n')[0];
}
