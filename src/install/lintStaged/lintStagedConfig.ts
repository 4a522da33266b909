/**
 * lint-staged's configuration, as far as install can read it without running code: which file
 * lint-staged would use, and whether it runs seg-hook on every staged file (a catch-all glob
 * whose commands include a staged scan). A narrow glob (`*.{js,ts}`) leaves `.env.production`
 * and `settings.yaml` unscanned; a JavaScript or YAML config cannot be checked: both get the hook.
 */
import path from 'node:path';
import { isStagedScanCommand } from '../core/hookAnalysis';
import { readText } from '../core/readFiles';

/** lint-staged's search order (its lilconfig searchPlaces); package.json counts with the key. */
const CONFIG_FILES = [
  'package.json',
  'package.yaml',
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.js',
  '.lintstagedrc.cjs',
  '.lintstagedrc.ts',
  'lint-staged.config.mjs',
  'lint-staged.config.js',
  'lint-staged.config.cjs',
  'lint-staged.config.ts',
];
/** Globs that match every file: without a slash lint-staged matches the base name, dots included. */
const CATCH_ALL = new Set(['*', '**', '**/*']);
const SEG_HOOK_WORD = /(^|[^\w.-])seg-hook(?=$|[^\w.-])/m;

export interface LintStagedConfig {
  file: string;
  /** The parsed JSON configuration, or undefined when the file is not JSON (YAML, JavaScript). */
  config: unknown;
  text: string;
}

export type ConfigVerdict = { runs: true } | { runs: false; reason: string };

/** The configuration lint-staged would load, searching `dirs` in order. */
export function findLintStagedConfig(dirs: string[]): LintStagedConfig | null {
  for (const dir of [...new Set(dirs)]) {
    for (const name of CONFIG_FILES) {
      const file = path.join(dir, name);
      const text = readText(file);
      if (text === null) continue;
      if (name === 'package.json') {
        const section = parseJson(text) as Record<string, unknown> | undefined;
        if (section?.['lint-staged'] === undefined) continue;
        return {
          file,
          config: section['lint-staged'],
          text: JSON.stringify(section['lint-staged']),
        };
      }
      if (name === 'package.yaml') continue; // no YAML reader here: lint-staged rarely uses it
      return { file, config: parseJson(text), text };
    }
  }
  return null;
}

/** Whether the configuration runs a staged seg-hook scan on every staged file. */
export function configRunsOnEveryFile(found: LintStagedConfig): ConfigVerdict {
  const { config } = found;
  if (
    config === undefined ||
    config === null ||
    typeof config !== 'object' ||
    Array.isArray(config)
  ) {
    return SEG_HOOK_WORD.test(found.text)
      ? { runs: false, reason: 'it is not JSON, and install does not run or guess at code' }
      : { runs: false, reason: 'it does not run seg-hook' };
  }
  const scanning = Object.entries(config as Record<string, unknown>)
    .filter(([, commands]) => commandsOf(commands).some(isStagedScanCommand))
    .map(([glob]) => glob);
  if (scanning.some((glob) => CATCH_ALL.has(glob.trim()))) return { runs: true };
  if (scanning.length > 0) {
    return {
      runs: false,
      reason: `it runs seg-hook only for ${scanning.map((glob) => `"${glob}"`).join(', ')}, so other files (.env.production, settings.yaml) would not be scanned`,
    };
  }
  return SEG_HOOK_WORD.test(found.text)
    ? { runs: false, reason: 'it mentions seg-hook but runs no staged scan with it' }
    : { runs: false, reason: 'it does not run seg-hook' };
}

/** Whether the configuration mentions seg-hook at all (for the double-scan note). */
export function mentionsSegHook(found: LintStagedConfig): boolean {
  return SEG_HOOK_WORD.test(found.text);
}

function commandsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
