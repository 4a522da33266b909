/**
 * `seg-hook status`: for pre-commit and pre-push, which file git will really run in this
 * repository (core.hooksPath from any scope, husky, seg-hook's machine-wide hooks, a linked
 * worktree's shared hooks), whether that reaches seg-hook, and the one command that fixes it.
 * `install` prints the same check at its end, so a hook that stopped running is seen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readOptOut } from '../config/optOut';
import { displayPath } from './core/displayPath';
import { analyseDirectRun } from './core/hookAnalysis';
import { HookKind, HOOK_KINDS } from './core/hookKinds';
import { HookLocation, isSharedSetting, locateHooks } from './core/hookLocation';
import { hasHuskyLine } from './husky/huskyLine';
import { isOurHook, parseManagedHook } from './core/hookTemplate';
import { BIN_PATH } from './core/projectDir';
import { readSnapshot, readText } from './core/readFiles';
import { detectSetup } from './core/setup';
import { globalHooksDir, isGlobalHooksDir, readGlobalState } from './global/globalState';
import { installMessages } from './installMessages';
import { scansThroughLintStaged } from './lintStaged/lintStagedAdvice';
import { findLintStagedConfig } from './lintStaged/lintStagedConfig';

export type Reach = 'runs' | 'does-not-run' | 'blocks' | 'opted-out';

export interface HookStatus {
  hook: HookKind;
  /** The file git runs, as shown to the user. */
  file: string;
  /** Where that file comes from (git's default, a core.hooksPath and its scope, husky…). */
  source: string;
  reach: Reach;
  /** One sentence: what runs (or why nothing does). */
  detail: string;
  /** The one command that fixes it, when something needs fixing. */
  fix: string | null;
}

export interface RepositoryStatus {
  root: string;
  hooks: HookStatus[];
  /** E.g. seg-hook's machine-wide hooks overridden by this repository's own core.hooksPath. */
  notes: string[];
}

export async function checkStatus(
  cwd: string,
  env: NodeJS.ProcessEnv,
  hooks: readonly HookKind[] = HOOK_KINDS,
): Promise<RepositoryStatus> {
  const location = await locateHooks(cwd, env);
  const optOut = await readOptOut(location.worktreeRoot);
  return {
    root: location.worktreeRoot,
    hooks: hooks.map((hook) => applyOptOut(checkHook(location, hook, env), optOut)),
    notes: globalOverridden(location, env),
  };
}

/** install --global is in place, but this repository's own core.hooksPath wins over it. */
function globalOverridden(location: HookLocation, env: NodeJS.ProcessEnv): string[] {
  if (!env.HOME && !env.XDG_CONFIG_HOME) return [];
  const dir = globalHooksDir(env);
  if (readGlobalState(dir) === null || isGlobalHooksDir(location.hooksDir, env)) return [];
  const setting = location.hooksPath;
  if (setting === null || isSharedSetting(setting)) return [];
  return [installMessages.globalOverridden(dir, setting.value)];
}

/** Exit code of `seg-hook status`: 0 when commits are scanned, 1 when they are not. */
export function statusExitCode(statuses: HookStatus[]): number {
  const preCommit = statuses.find((status) => status.hook.name === 'pre-commit');
  return preCommit?.reach === 'runs' ? 0 : 1;
}

function checkHook(location: HookLocation, hook: HookKind, env: NodeJS.ProcessEnv): HookStatus {
  const display = displayPath(location.worktreeRoot);
  const setting = location.hooksPath;
  const file = path.join(location.hooksDir, hook.name);
  const installCommand = `${hasLocalBinary(location) ? 'npx ' : ''}seg-hook install${hook.flag}`;
  if (isSharedSetting(setting) && isGlobalHooksDir(location.hooksDir, env)) {
    return globalStatus(location, hook, display(file));
  }
  const setup = detectSetup(location.hooksDir);
  const source =
    setup.kind === 'husky'
      ? installMessages.sourceHusky(display(location.hooksDir), setup.version, setting?.scope)
      : setting
        ? installMessages.sourceHooksPath(setting.value, setting.scope, setting.origin)
        : installMessages.sourceDefault;
  const base = { hook, file: display(file), source };
  const fix = isSharedSetting(setting) ? `${installCommand} --force` : installCommand;
  if (setup.kind === 'husky') {
    const huskyFile = path.join(setup.huskyDir, hook.name);
    const content = readText(huskyFile);
    const shown = display(huskyFile);
    if (content === null) {
      return { ...base, reach: 'does-not-run', detail: installMessages.noSuchFile(shown), fix };
    }
    if (hasHuskyLine(content)) {
      const helper = readSnapshot(path.join(setup.huskyDir, hook.huskyHelper));
      if (isOurHook(helper)) return ourHookStatus(base, helper!.content, location, shown, fix);
    }
    return theirHookStatus(base, content, true, shown, location, fix);
  }
  const snapshot = readSnapshot(file);
  if (snapshot === null) {
    return { ...base, reach: 'does-not-run', detail: installMessages.noSuchFile(base.file), fix };
  }
  if ((snapshot.mode & 0o111) === 0 && !snapshot.symlink) {
    return {
      ...base,
      reach: 'does-not-run',
      detail: installMessages.notExecutable(base.file),
      fix,
    };
  }
  if (isOurHook(snapshot)) return ourHookStatus(base, snapshot.content, location, base.file, fix);
  return theirHookStatus(base, snapshot.content, false, base.file, location, fix);
}

type Base = Pick<HookStatus, 'hook' | 'file' | 'source'>;

/** A script of ours: it reaches seg-hook if the binary it looks for is there. */
function ourHookStatus(
  base: Base,
  content: string,
  location: HookLocation,
  shown: string,
  fix: string,
): HookStatus {
  const managed = parseManagedHook(content);
  const projectDir = managed?.projectDir ?? '.';
  const roots = [location.worktreeRoot, location.mainWorktree].filter((r): r is string => !!r);
  const local = roots
    .map((root) => path.join(root, projectDir, BIN_PATH))
    .find((bin) => fs.existsSync(bin));
  if (local) {
    return {
      ...base,
      reach: 'runs',
      detail: installMessages.reachesLocal(shown, local),
      fix: null,
    };
  }
  const recorded = managed?.recorded;
  if (recorded && isExecutable(recorded.node) && fs.existsSync(recorded.script)) {
    return {
      ...base,
      reach: 'runs',
      detail: installMessages.reachesRecorded(shown, recorded.script, recorded.node),
      fix: null,
    };
  }
  return { ...base, reach: 'blocks', detail: installMessages.reachesNothing(shown), fix };
}

/** A hook we did not write: it counts only if it demonstrably runs seg-hook on everything. */
function theirHookStatus(
  base: Base,
  content: string,
  errexit: boolean,
  shown: string,
  location: HookLocation,
  fix: string,
): HookStatus {
  const direct = analyseDirectRun(content, base.hook, errexit);
  if (direct.runs) {
    const detail = installMessages.reachesTheirs(shown, direct.line.line);
    return { ...base, reach: 'runs', detail, fix: null };
  }
  if (base.hook.name === 'pre-commit') {
    const found = findLintStagedConfig([location.worktreeRoot]);
    const config = scansThroughLintStaged(content, errexit, found);
    if (config) {
      const detail = installMessages.reachesLintStaged(shown, config.file);
      return { ...base, reach: 'runs', detail, fix: null };
    }
  }
  return {
    ...base,
    reach: 'does-not-run',
    detail: installMessages.doesNotReach(shown, direct.reason),
    fix,
  };
}

function globalStatus(location: HookLocation, hook: HookKind, file: string): HookStatus {
  const state = readGlobalState(location.hooksDir);
  const source = installMessages.sourceGlobal(location.hooksDir);
  const fix = `seg-hook install --global${hook.flag}`;
  if (!state || !state.scans.includes(hook.name)) {
    const detail = installMessages.globalDoesNotScan(hook.name);
    return { hook, file, source, reach: 'does-not-run', detail, fix };
  }
  const { node, script } = state.recorded;
  if (!isExecutable(node) || !fs.existsSync(script)) {
    return {
      hook,
      file,
      source,
      reach: 'blocks',
      detail: installMessages.reachesNothing(file),
      fix,
    };
  }
  const detail = installMessages.reachesRecorded(file, script, node);
  return { hook, file, source, reach: 'runs', detail, fix: null };
}

/** `"enabled": false` (a committed opt-out) turns a reachable seg-hook into a pass. */
function applyOptOut(status: HookStatus, optOut: string | null): HookStatus {
  if (optOut === null || status.reach !== 'runs') return status;
  return { ...status, reach: 'opted-out', detail: installMessages.optedOutStatus(optOut) };
}

function hasLocalBinary(location: HookLocation): boolean {
  return fs.existsSync(path.join(location.worktreeRoot, BIN_PATH));
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The lines `status` (and the end of `install`) print. */
export function formatStatus(status: RepositoryStatus): string[] {
  return [
    ...status.hooks.flatMap((status) => [
      installMessages.statusLine(status.hook.name, status.file, status.source),
      `  ${installMessages.statusReach(status.reach, status.hook.gitCommand)} ${status.detail}`,
      ...(status.fix ? [`  Fix: ${status.fix}`] : []),
    ]),
    ...status.notes,
  ];
}
