/**
 * What install and status say about lint-staged: whether a pre-commit hook already scans every
 * staged file through it (then no hook of ours is added), and the tips about the other wiring or
 * a double scan.
 */
import type { FileSnapshot } from '../core/fileOps';
import { analyseLintStagedRun } from '../core/hookAnalysis';
import { findLintStagedInvocation } from '../core/hookText';
import { installMessages } from '../installMessages';
import { configRunsOnEveryFile, LintStagedConfig, mentionsSegHook } from './lintStagedConfig';

/** The configuration through which `hookContent` runs seg-hook on every staged file, or null. */
export function scansThroughLintStaged(
  hookContent: string,
  errexit: boolean,
  config: LintStagedConfig | null,
): LintStagedConfig | null {
  if (config === null || !analyseLintStagedRun(hookContent, errexit).runs) return null;
  return configRunsOnEveryFile(config).runs ? config : null;
}

/**
 * install's verdict on a pre-commit hook that runs lint-staged: the lines saying no hook is
 * added (lint-staged already scans everything), or null, with `why` holding why seg-hook's hook
 * is added although lint-staged mentions seg-hook.
 */
export function lintStagedAlreadyRuns(
  hookContent: string,
  errexit: boolean,
  config: LintStagedConfig | null,
  display: (file: string) => string,
  why: string[],
): string[] | null {
  if (config === null || !analyseLintStagedRun(hookContent, errexit).runs) return null;
  const verdict = configRunsOnEveryFile(config);
  if (verdict.runs) {
    const reason = installMessages.alreadyRunsViaLintStaged(display(config.file));
    return [installMessages.skipped(reason)];
  }
  if (mentionsSegHook(config)) {
    why.push(installMessages.addedAnyway(`lint-staged (${display(config.file)})`, verdict.reason));
  }
  return null;
}

/** Hints about lint-staged: the alternative wiring, or a double scan to remove. */
export function lintStagedAdvice(
  hook: FileSnapshot | null,
  hookPath: string,
  config: LintStagedConfig | null,
  display: (file: string) => string,
): string[] {
  if (config && configRunsOnEveryFile(config).runs) {
    return [installMessages.lintStagedDouble(display(config.file))];
  }
  if (hook && !hook.symlink && findLintStagedInvocation(hook.content)) {
    return [installMessages.lintStagedAlternative(display(hookPath))];
  }
  return [];
}
