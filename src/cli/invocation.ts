/**
 * Who is running seg-hook, as the messages need it: whether a commit is being made (git runs
 * the pre-commit hook with GIT_INDEX_FILE set to the index it commits; a run by hand has no
 * commit to block), and the command that runs this same seg-hook in the user's terminal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Blocked, shellWord, Speaker } from '../report/messages';

/** A staged scan stops a commit only when git's pre-commit hook runs it. */
export function stagedBlocked(env: NodeJS.ProcessEnv): Blocked {
  return env.GIT_INDEX_FILE ? 'commit' : null;
}

/** What a failure stops, for the argument list of this run (pre-push: always a push). */
export function blockedBy(argv: string[], env: NodeJS.ProcessEnv): Blocked {
  if (argv[0] === 'pre-push') return 'push';
  const otherMode = argv.some((arg) => /^--(range|history|files|stdin)(=|$)/.test(arg));
  const staged = argv.length === 0 || (argv[0].startsWith('-') && !otherMode);
  return staged ? stagedBlocked(env) : null;
}

export function readSpeaker(
  env: NodeJS.ProcessEnv,
  script = process.argv[1] ?? 'seg-hook',
  cwd = process.cwd(),
): Speaker {
  return { command: runningCommand(script, cwd, env), fromHook: stagedBlocked(env) !== null };
}

/**
 * The command that runs this seg-hook in the user's terminal, `npx seg-hook` for the project's
 * own (its node_modules holds this script and the work is inside that project), `seg-hook` when
 * PATH finds this very script (a global install), else the script's own path (the pre-commit
 * framework's environment, a checkout): `npx seg-hook` there would ask the registry.
 */
export function runningCommand(script: string, cwd: string, env: NodeJS.ProcessEnv): string {
  const real = realOrSame(script);
  // As run (the hook runs <project>/node_modules/.bin/seg-hook) or as installed (linked there).
  for (const file of [path.resolve(script), real]) {
    const project = projectOf(file);
    if (project !== null && isInside(realOrSame(cwd), realOrSame(project))) return 'npx seg-hook';
  }
  // PATH entries that only this process has: node_modules/.bin (npm scripts, husky) and the
  // pre-commit framework's node environment (NODE_VIRTUAL_ENV).
  const own = env.NODE_VIRTUAL_ENV ? realOrSame(env.NODE_VIRTUAL_ENV) : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir) || dir.split(path.sep).includes('node_modules')) continue;
    if (own !== null && isInside(realOrSame(dir), own)) continue;
    if (realOrSame(path.join(dir, 'seg-hook')) === real) return 'seg-hook';
  }
  return shellWord(script);
}

/** The project whose node_modules holds `file` as seg-hook's binary or package; else null. */
function projectOf(file: string): string | null {
  const parts = file.split(path.sep);
  const modules = parts.lastIndexOf('node_modules');
  if (modules <= 0) return null;
  const next = parts.slice(modules + 1, modules + 3).join('/');
  if (next !== '.bin/seg-hook' && parts[modules + 1] !== 'seg-hook') return null;
  return parts.slice(0, modules).join(path.sep) || path.sep;
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function realOrSame(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
