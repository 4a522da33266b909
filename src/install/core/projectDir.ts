/**
 * The directory whose node_modules/.bin/seg-hook the hook runs: the project that installed the
 * running seg-hook when it lives in the work tree, else the nearest one above the current
 * directory that has it. Monorepos keep husky and node_modules in a subfolder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { findPackageRoot } from './packageRoot';

export const BIN_PATH = path.join('node_modules', '.bin', 'seg-hook');

export interface ProjectDir {
  /** Absolute directory. */
  dir: string;
  /** Relative to the work tree top with '/' separators ('.' for the top itself). */
  relative: string;
  binFound: boolean;
}

export function findProjectDir(
  worktreeRoot: string,
  cwd: string,
  packageRoot = findPackageRoot(),
): ProjectDir {
  const root = real(worktreeRoot);
  const candidates = [...installingProject(packageRoot), ...ancestors(real(cwd), root)];
  const withBin = candidates.find((dir) => isInside(dir, root) && hasBin(dir));
  if (withBin) return describe(withBin, root, true);
  const withManifest = ancestors(real(cwd), root).find((dir) =>
    fs.existsSync(path.join(dir, 'package.json')),
  );
  return describe(withManifest ?? root, root, false);
}

/** `<project>/node_modules/seg-hook` -> `<project>`. */
function installingProject(packageRoot: string): string[] {
  const resolved = real(packageRoot);
  const parent = path.dirname(resolved);
  return path.basename(parent) === 'node_modules' ? [path.dirname(parent)] : [];
}

/** `from`, its parent, … up to and including `root` (nothing if `from` is outside it). */
function ancestors(from: string, root: string): string[] {
  if (!isInside(from, root)) return [];
  const result: string[] = [];
  for (let dir = from; ; dir = path.dirname(dir)) {
    result.push(dir);
    if (dir === root || path.dirname(dir) === dir) return result;
  }
}

function hasBin(dir: string): boolean {
  return fs.existsSync(path.join(dir, BIN_PATH));
}

function isInside(dir: string, root: string): boolean {
  const relative = path.relative(root, dir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function describe(dir: string, root: string, binFound: boolean): ProjectDir {
  const relative = path.relative(root, dir).split(path.sep).join('/');
  return { dir, relative: relative === '' ? '.' : relative, binFound };
}

function real(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
