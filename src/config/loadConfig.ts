/**
 * Finds and validates the configuration at the repository root: `.seg-hookrc.json` first,
 * else the `seg-hook` key of `package.json`. A malformed file is an error naming the file and
 * the problem, never a silent fallback to the defaults.
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ScanError } from '../errors';
import { DEFAULT_CONFIG, SegHookConfig } from './config';
import type { RawConfig } from './schema';

export const CONFIG_FILE = '.seg-hookrc.json';
const PACKAGE_KEY = 'seg-hook';

/*
 * Not lilconfig (which this used at first): we read exactly two JSON files at one place, and
 * lilconfig's module load pulls in fs/promises and readline — about 3 ms on every commit, a
 * tenth of the hook's own time on a small commit — for search features we do not use.
 */

/** Load the configuration for the repository at `root`, or `explicitPath` when given. */
export async function loadConfig(root: string, explicitPath?: string): Promise<SegHookConfig> {
  if (explicitPath) {
    const file = resolve(explicitPath);
    const text = readConfigFile(file);
    if (text === null) throw new ScanError('bad-config', `${file}: file not found`);
    if (!file.endsWith('.json')) throw new ScanError('bad-config', `${file}: not a .json file`);
    const json = parseJson(file, text);
    const raw = basename(file) === 'package.json' ? packageSection(json) : json;
    if (raw === undefined)
      throw new ScanError('bad-config', `${file}: no seg-hook configuration in it`);
    return validateConfig(
      raw,
      file,
      basename(file) === 'package.json' ? `${file}#${PACKAGE_KEY}` : file,
    );
  }
  // Resolved, so "repo/", relative roots and git's C:/ form all name the same files.
  const rcFile = join(resolve(root), CONFIG_FILE);
  const rcText = readConfigFile(rcFile);
  if (rcText !== null) return configFromFiles({ text: rcText, source: rcFile }, null);
  const packageFile = join(resolve(root), 'package.json');
  const packageText = readConfigFile(packageFile);
  return configFromFiles(
    null,
    packageText === null ? null : { text: packageText, source: packageFile },
  );
}

/** A file's text and how errors name it (a path, or a path at a commit). */
export interface ConfigText {
  text: string;
  source: string;
}

/** The configuration from the root's files: `.seg-hookrc.json` first, else package.json's key. */
export async function configFromFiles(
  rc: ConfigText | null,
  packageJson: ConfigText | null,
): Promise<SegHookConfig> {
  if (rc) return validateConfig(parseJson(rc.source, rc.text), rc.source);
  if (!packageJson) return DEFAULT_CONFIG;
  const raw = packageSection(parseJson(packageJson.source, packageJson.text));
  return raw === undefined
    ? DEFAULT_CONFIG
    : validateConfig(raw, packageJson.source, `${packageJson.source}#${PACKAGE_KEY}`);
}

/** The file's text, or null when it does not exist; other read errors are errors. */
function readConfigFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new ScanError(
      'bad-config',
      `${file}: cannot read it (${code ?? (error as Error).message})`,
    );
  }
}

function parseJson(file: string, text: string): unknown {
  // An empty file is a mistake to report, not a file to skip silently.
  if (text.trim() === '')
    throw new ScanError('bad-config', `${file}: no seg-hook configuration in it`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ScanError('bad-config', `${file}: invalid JSON (${(error as Error).message})`);
  }
}

function packageSection(json: unknown): unknown {
  return json !== null && typeof json === 'object'
    ? (json as Record<string, unknown>)[PACKAGE_KEY]
    : undefined;
}

/**
 * `source` is the file (kept in the result); `location` is where the keys live in it, for
 * errors: package.json's keys are under "seg-hook", not at its top level.
 */
export async function validateConfig(
  raw: unknown,
  source: string,
  location = source,
): Promise<SegHookConfig> {
  // zod is loaded only when a configuration exists: most repositories have none.
  const { configSchema, describeConfigIssue } = await import('./schema');
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ScanError(
      'bad-config',
      `${location}: ${describeConfigIssue(parsed.error.issues[0])}`,
    );
  }
  return {
    ignorePaths: parsed.data.ignorePaths ?? DEFAULT_CONFIG.ignorePaths,
    sourcegraphTokens: parsed.data.sourcegraphTokens ?? DEFAULT_CONFIG.sourcegraphTokens,
    credentialAssignments:
      parsed.data.credentialAssignments ?? DEFAULT_CONFIG.credentialAssignments,
    riskyFileWarnings: parsed.data.riskyFileWarnings ?? DEFAULT_CONFIG.riskyFileWarnings,
    enabled: parsed.data.enabled ?? DEFAULT_CONFIG.enabled,
    policyChanges: parsed.data.policyChanges ?? DEFAULT_CONFIG.policyChanges,
    decode: resolveDecode(parsed.data.decode),
    source,
  };
}

/** `true`/absent: every encoding; `false`: none; an object: the defaults with its changes. */
function resolveDecode(decode: RawConfig['decode']): SegHookConfig['decode'] {
  if (decode === undefined || decode === true) return DEFAULT_CONFIG.decode;
  if (decode === false)
    return {
      percent: false,
      escape: false,
      hex: false,
      base64: false,
      utf16: false,
      quotedPrintable: false,
    };
  return { ...DEFAULT_CONFIG.decode, ...decode };
}
