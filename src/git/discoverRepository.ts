/**
 * The work tree's top level and index file, found the way git finds them, without starting
 * git: on a small commit one git process fewer is a tenth of the hook's time.
 *
 * Only the plain layout is recognised: a `.git` directory above the working directory, no GIT_*
 * variable that moves the repository, and a repository configuration without core.worktree,
 * includes or a bare flag. Anything else (worktrees and submodules with a `.git` file, a bare
 * repository, running inside `.git`, a mount point on the way up, Windows paths) returns null,
 * and the caller asks git (`git rev-parse`). The scan itself is git's own either way: this
 * only decides where the configuration and baseline are read from.
 */
import { lstatSync, readFileSync, realpathSync, Stats, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface DiscoveredRepository {
  root: string;
  indexFile: string;
}

/** Variables that choose another repository, work tree or discovery rule than the walk up. */
const MOVING_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_OBJECT_DIRECTORY',
  'GIT_NAMESPACE',
];

export function discoverRepository(
  cwd: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): DiscoveredRepository | null {
  if (platform === 'win32') return null;
  if (MOVING_VARIABLES.some((name) => env[name] !== undefined)) return null;
  if (commandLineConfigMentions(env, /worktree|bare|include/i)) return null;
  try {
    const start = realpathSync.native(cwd);
    const root = findWorkTreeRoot(start);
    if (root === null) return null;
    const gitDir = join(root, '.git');
    if (!isPlainConfig(readFileSync(join(gitDir, 'config'), 'latin1'))) return null;
    const indexVariable = env.GIT_INDEX_FILE;
    // git reads a relative GIT_INDEX_FILE from the top level (it moves there first).
    const indexFile = indexVariable ? resolve(root, indexVariable) : join(gitDir, 'index');
    return { root, indexFile };
  } catch {
    return null;
  }
}

/** The nearest directory holding a `.git` directory that looks like a repository. */
function findWorkTreeRoot(start: string): string | null {
  const device = statSync(start).dev;
  for (let dir = start; ; dir = dirname(dir)) {
    // Inside a .git directory, or in a bare repository: git has no work tree here.
    if (basename(dir) === '.git' || looksLikeGitDir(dir)) return null;
    const dotGit = statOrNull(join(dir, '.git'));
    if (dotGit !== null) {
      return dotGit.isDirectory() && looksLikeGitDir(join(dir, '.git')) ? dir : null;
    }
    // git stops at a mount point; whatever it would say there, let it say it.
    if (dirname(dir) === dir || statSync(dirname(dir)).dev !== device) return null;
  }
}

/** What git checks first in a candidate: HEAD, objects/ and refs/. */
function looksLikeGitDir(dir: string): boolean {
  const head = statOrNull(join(dir, 'HEAD'));
  const objects = statOrNull(join(dir, 'objects'));
  const refs = statOrNull(join(dir, 'refs'));
  return head !== null && !head.isDirectory() && !!objects?.isDirectory() && !!refs?.isDirectory();
}

/**
 * A repository configuration that cannot move the work tree: no core.worktree (nor the
 * extensions.worktreeConfig that would allow one elsewhere), no include, not bare.
 */
export function isPlainConfig(text: string): boolean {
  if (/worktree|include/i.test(text)) return false;
  return !/^\s*bare\s*=\s*(true|yes|on|1)\s*(?:[#;].*)?$/im.test(text);
}

/** `git -c` settings reach hooks in GIT_CONFIG_PARAMETERS / GIT_CONFIG_KEY_<n>. */
function commandLineConfigMentions(env: NodeJS.ProcessEnv, pattern: RegExp): boolean {
  return Object.entries(env).some(
    ([name, value]) =>
      (name === 'GIT_CONFIG_PARAMETERS' || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(name)) &&
      pattern.test(value ?? ''),
  );
}

function statOrNull(file: string): Stats | null {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}
