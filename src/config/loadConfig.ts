/**
 * Finds and validates the configuration at the repository root: `.seg-hookrc.json` first,
 * else the `seg-hook` key of `package.json`. A malformed file is an error naming the file and
 * the problem, never a silent fallback to the defaults.
 */
import path from 'node:path';
import { lilconfig, Loader } from 'lilconfig';
import { ScanError } from '../errors';
import { DEFAULT_CONFIG, SegHookConfig } from './config';

export const CONFIG_FILE = '.seg-hookrc.json';
const PACKAGE_KEY = 'seg-hook';

const loadJson: Loader = (filepath, content) => {
  try {
    return JSON.parse(content);
  } catch (error) {
    throw new ScanError('bad-config', `${filepath}: invalid JSON (${(error as Error).message})`);
  }
};

const explorer = (stopDir?: string) =>
  lilconfig(PACKAGE_KEY, {
    searchPlaces: [CONFIG_FILE, 'package.json'],
    loaders: { '.json': loadJson, noExt: loadJson },
    packageProp: PACKAGE_KEY,
    // An empty config file is a mistake to report, not a file to skip silently.
    ignoreEmptySearchPlaces: false,
    // An explicit `stopDir: undefined` would override lilconfig's default and make it throw.
    ...(stopDir === undefined ? {} : { stopDir }),
  });

/** Load the configuration for the repository at `root`, or `explicitPath` when given. */
export async function loadConfig(root: string, explicitPath?: string): Promise<SegHookConfig> {
  // Normalised, so the comparison below holds for "repo/", relative roots and git's C:/ form.
  root = path.resolve(root);
  let found: { filepath: string; config: unknown } | null;
  try {
    found = explicitPath
      ? await explorer().load(path.resolve(explicitPath))
      : await explorer(root).search(root);
  } catch (error) {
    if (error instanceof ScanError) throw error;
    const problem =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'file not found'
        : (error as Error).message;
    throw new ScanError('bad-config', `${explicitPath ?? root}: ${problem}`);
  }
  // lilconfig walks upwards; only the repository root (or an explicit file) counts.
  if (!found || (!explicitPath && path.dirname(found.filepath) !== root)) return DEFAULT_CONFIG;
  if (found.config === undefined) {
    throw new ScanError('bad-config', `${found.filepath}: no seg-hook configuration in it`);
  }
  return validateConfig(found.config, found.filepath);
}

export async function validateConfig(raw: unknown, source: string): Promise<SegHookConfig> {
  // zod is loaded only when a configuration exists: most repositories have none.
  const { configSchema } = await import('./schema');
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : 'top level';
    const detail =
      issue.code === 'unrecognized_keys'
        ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : issue.message;
    throw new ScanError('bad-config', `${source}: ${where}: ${detail}`);
  }
  return {
    ignorePaths: parsed.data.ignorePaths ?? DEFAULT_CONFIG.ignorePaths,
    sourcegraphTokens: parsed.data.sourcegraphTokens ?? DEFAULT_CONFIG.sourcegraphTokens,
    credentialAssignments:
      parsed.data.credentialAssignments ?? DEFAULT_CONFIG.credentialAssignments,
    riskyFileWarnings: parsed.data.riskyFileWarnings ?? DEFAULT_CONFIG.riskyFileWarnings,
    source,
  };
}
