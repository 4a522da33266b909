/**
 * The seg-hook doing the install, as a hook can run it later without PATH: the absolute path of
 * its CLI script and of the node running it now. A hook records it when the project has no
 * node_modules/.bin/seg-hook of its own (a global install, a repository without package.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RecordedCommand } from './hookTemplate';
import { findPackageRoot } from './packageRoot';

export function runningSegHook(packageRoot = findPackageRoot()): RecordedCommand {
  const script = path.join(packageRoot, 'dist', 'cli', 'main.js');
  return { node: realOrSame(process.execPath), script: realOrSame(script) };
}

/** npx keeps what it downloads in `<npm cache>/_npx/<hash>/`, which `npm cache clean` removes. */
export function isInNpxCache(script: string): boolean {
  return script.split(path.sep).includes('_npx');
}

function realOrSame(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}
