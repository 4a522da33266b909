/**
 * Whether lint-staged is already wired to run seg-hook (`"*": "seg-hook --staged"`): then a
 * pre-commit hook that runs lint-staged needs no second seg-hook line.
 */
import fs from 'node:fs';
import path from 'node:path';

const CONFIG_FILES = [
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.cjs',
  '.lintstagedrc.js',
  'lint-staged.config.mjs',
  'lint-staged.config.cjs',
  'lint-staged.config.js',
  'lint-staged.config.ts',
];
const SEG_HOOK_COMMAND = /(^|[^\w.-])seg-hook(?=$|[^\w.-])/m;

/** The first lint-staged configuration (in `dirs`, in order) that runs seg-hook, or null. */
export function lintStagedConfigRunningSegHook(dirs: string[]): string | null {
  for (const dir of [...new Set(dirs)]) {
    const manifest = readText(path.join(dir, 'package.json'));
    if (manifest !== null && packageConfigRunsSegHook(manifest)) {
      return path.join(dir, 'package.json');
    }
    for (const name of CONFIG_FILES) {
      const text = readText(path.join(dir, name));
      if (text !== null && SEG_HOOK_COMMAND.test(text)) return path.join(dir, name);
    }
  }
  return null;
}

export function packageConfigRunsSegHook(manifestText: string): boolean {
  try {
    const config = (JSON.parse(manifestText) as Record<string, unknown>)['lint-staged'];
    return config !== undefined && SEG_HOOK_COMMAND.test(JSON.stringify(config));
  } catch {
    return false;
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
