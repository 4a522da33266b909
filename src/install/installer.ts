/**
 * `seg-hook install` / `uninstall` (the pre-commit hook; with --pre-push, the pre-push hook):
 * find where git runs hooks, read what is there, plan the change (pure planners), then print it
 * (--dry-run) or apply it atomically. Returns the lines to print; errors are ScanErrors of kind
 * 'install-failed'.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ScanError } from '../errors';
import { applyPlan } from './core/applyPlan';
import { describeOp } from './core/describeOp';
import { displayPath } from './core/displayPath';
import { FileSnapshot, Plan } from './core/fileOps';
import { analyseDirectRun } from './core/hookAnalysis';
import { HookKind, hookKind, HookName, HOOK_KINDS } from './core/hookKinds';
import { HookLocation, isSharedSetting, locateHooks } from './core/hookLocation';
import { findSegHookInvocation, usesNpx } from './core/hookText';
import { isOurHook, loadTemplate, RecordedCommand } from './core/hookTemplate';
import { BIN_PATH, findProjectDir, ProjectDir } from './core/projectDir';
import { readSnapshot } from './core/readFiles';
import { isInNpxCache, runningSegHook } from './core/runningSegHook';
import { detectSetup, HookSetup } from './core/setup';
import { isGlobalHooksDir } from './global/globalState';
import { planHuskyInstall, planHuskyUninstall } from './husky/huskyPlan';
import { huskyNotSetUp, readHuskyState } from './husky/huskyState';
import { installMessages } from './installMessages';
import { lintStagedAdvice, lintStagedAlreadyRuns } from './lintStaged/lintStagedAdvice';
import { findLintStagedConfig, LintStagedConfig } from './lintStaged/lintStagedConfig';
import { planPlainInstall, planPlainUninstall } from './plain/plainPlan';
import { readPlainState } from './plain/plainState';

export interface InstallOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  dryRun: boolean;
  force: boolean;
  /** Which hook to install or uninstall (default pre-commit). */
  hook?: HookName;
  /** The seg-hook package doing the install (tests point it elsewhere). */
  packageRoot?: string;
  /** The command that runs this seg-hook in the user's terminal, for the undo line. */
  command: string;
}

type Command = 'install' | 'uninstall';

interface Context {
  hook: HookKind;
  location: HookLocation;
  setup: HookSetup;
  label: string;
  display: (file: string) => string;
  template: string;
}

export async function install(options: InstallOptions): Promise<string[]> {
  const context = await prepare('install', options);
  if (Array.isArray(context)) return context;
  const project = findProjectDir(context.location.worktreeRoot, options.cwd, options.packageRoot);
  // A project's own seg-hook wins; without one, the hook runs the seg-hook doing this install.
  const shared = sharedBinary(context.location, project);
  const recorded = project.binFound || shared ? null : runningSegHook(options.packageRoot);
  const planned =
    context.setup.kind === 'plain'
      ? planPlain(context, context.setup.hooksDir, project, options.force, recorded)
      : planHusky(context, context.setup, project, options.force, recorded);
  if (Array.isArray(planned)) return planned; // skipped: the lines saying why
  planned.notes.push(...whatTheHookRuns(context, project, recorded));
  if (context.setup.kind === 'plain') {
    const dirs = [project.dir, context.location.worktreeRoot];
    planned.notes.push(...huskyNotSetUp(dirs, context.display, `install${context.hook.flag}`));
  }
  return carryOut('install', planned, context, options);
}

/** The install plan, or the lines to print when the existing hook already runs seg-hook. */
function planPlain(
  context: Context,
  hooksDir: string,
  project: ProjectDir,
  force: boolean,
  recorded: RecordedCommand | null,
): Plan | string[] {
  const state = readPlainState(context.hook, hooksDir, context.display);
  const hookPath = path.join(hooksDir, context.hook.name);
  const theirs = state.hookFile && !isOurHook(state.hookFile) ? state.hookFile : null;
  const why: string[] = [];
  const skip = force ? null : alreadyRuns(theirs, hookPath, context, project, why);
  if (skip) return skip;
  const plan = planPlainInstall(state, context.template, project.relative, context.label, recorded);
  plan.notes.push(...why, ...adviceFor(theirs ?? state.chained, hookPath, context, project));
  return plan;
}

function planHusky(
  context: Context,
  setup: { version: 8 | 9; huskyDir: string },
  project: ProjectDir,
  force: boolean,
  recorded: RecordedCommand | null,
): Plan | string[] {
  const state = readHuskyState(context.hook, setup.huskyDir, setup.version, context.display);
  const hookPath = path.join(setup.huskyDir, context.hook.name);
  const installed = state.helper !== null && isOurHook(state.helper);
  const why: string[] = [];
  const skip =
    force || installed ? null : alreadyRuns(state.hookFile, hookPath, context, project, why);
  if (skip) return skip;
  const plan = planHuskyInstall(state, context.template, project.relative, context.label, recorded);
  plan.notes.push(...why, ...adviceFor(state.hookFile, hookPath, context, project));
  return plan;
}

export async function uninstall(options: InstallOptions): Promise<string[]> {
  const context = await prepare('uninstall', options);
  if (Array.isArray(context)) return context;
  const plan =
    context.setup.kind === 'plain'
      ? planPlainUninstall(
          readPlainState(context.hook, context.setup.hooksDir, context.display),
          context.template,
          context.label,
        )
      : planHuskyUninstall(
          readHuskyState(
            context.hook,
            context.setup.huskyDir,
            context.setup.version,
            context.display,
          ),
          context.template,
          context.label,
        );
  plan.notes.push(...othersStillInstalled(context));
  return carryOut('uninstall', plan, context, options);
}

/** uninstall removes one hook: say so when seg-hook's other hook is still in place. */
function othersStillInstalled(context: Context): string[] {
  return HOOK_KINDS.filter(
    (other) => other !== context.hook && isInstalled(context.setup, other),
  ).map((other) => installMessages.otherStillInstalled(other.name, `uninstall${other.flag}`));
}

function isInstalled(setup: HookSetup, hook: HookKind): boolean {
  const script =
    setup.kind === 'plain'
      ? path.join(setup.hooksDir, hook.name)
      : path.join(setup.huskyDir, hook.huskyHelper);
  try {
    return isOurHook(readSnapshot(script));
  } catch {
    return false; // only a note depends on it
  }
}

/** The context of a per-repository install, or the lines to print when there is nothing to do. */
async function prepare(command: Command, options: InstallOptions): Promise<Context | string[]> {
  const hook = hookKind(options.hook ?? 'pre-commit');
  const location = await locateHooks(options.cwd, options.env);
  const setting = location.hooksPath;
  // seg-hook's own machine-wide directory: writing a repository's hook there would replace a
  // forwarding stub every repository relies on.
  if (isSharedSetting(setting) && isGlobalHooksDir(location.hooksDir, options.env)) {
    return [installMessages.skipped(installMessages.globalCovers(location.hooksDir))];
  }
  if (isSharedSetting(setting) && !options.force) {
    throw new ScanError(
      'install-failed',
      installMessages.globalHooksPath(
        setting!.scope,
        setting!.origin,
        setting!.value,
        `${command}${hook.flag}`,
        hook.name,
      ),
    );
  }
  const display = displayPath(location.worktreeRoot);
  const setup = detectSetup(location.hooksDir);
  const label =
    setup.kind === 'husky'
      ? installMessages.setupHusky(setup.version, display(setup.huskyDir))
      : setting
        ? installMessages.setupHooksPath(display(setup.hooksDir))
        : installMessages.setupPlain(display(setup.hooksDir));
  return { hook, location, setup, label, display, template: loadTemplate() };
}

function lintStagedConfig(context: Context, project: ProjectDir): LintStagedConfig | null {
  return findLintStagedConfig([project.dir, context.location.worktreeRoot]);
}

/**
 * A hook we did not write that demonstrably runs seg-hook on everything (itself, or through
 * lint-staged with a catch-all glob), so adding ours would scan every file twice: the lines
 * saying so. Otherwise null, with `why` holding what install saw and why it adds its hook.
 */
function alreadyRuns(
  hook: FileSnapshot | null,
  hookPath: string,
  context: Context,
  project: ProjectDir,
  why: string[],
): string[] | null {
  if (hook === null || hook.symlink) return null;
  const file = context.display(hookPath);
  // git runs a plain hook (and husky 8's) only when it is executable; husky 9 runs it with sh -e.
  const husky9 = context.setup.kind === 'husky' && context.setup.version === 9;
  const errexit = context.setup.kind === 'husky';
  if (!husky9 && (hook.mode & 0o111) === 0) {
    if (findSegHookInvocation(hook.content, context.hook)) {
      why.push(installMessages.addedAnyway(file, 'it is not executable, so git does not run it'));
    }
    return null;
  }
  const direct = analyseDirectRun(hook.content, context.hook, errexit);
  if (direct.runs) {
    return [
      installMessages.skipped(installMessages.alreadyRuns(file, direct.line.line)),
      ...(usesNpx(direct.line)
        ? [installMessages.npxWarning(file, direct.line.line, `install${context.hook.flag}`)]
        : []),
    ];
  }
  if (direct.line) why.push(installMessages.addedAnyway(file, direct.reason));
  // lint-staged runs at commit time: it scans staged files, never the commits of a push.
  if (context.hook.name !== 'pre-commit') return null;
  const config = lintStagedConfig(context, project);
  return lintStagedAlreadyRuns(hook.content, errexit, config, context.display, why);
}

/** Hints about lint-staged (pre-commit only: lint-staged never scans a push). */
function adviceFor(
  hook: FileSnapshot | null,
  hookPath: string,
  context: Context,
  project: ProjectDir,
): string[] {
  if (context.hook.name !== 'pre-commit') return [];
  return lintStagedAdvice(hook, hookPath, lintStagedConfig(context, project), context.display);
}

/** A fresh linked worktree has no node_modules: the hook runs the main worktree's seg-hook. */
function sharedBinary(location: HookLocation, project: ProjectDir): boolean {
  if (project.binFound || location.mainWorktree === null) return false;
  return fs.existsSync(path.join(location.mainWorktree, project.relative, BIN_PATH));
}

/** Which seg-hook and which node the hook will run, so nobody has to guess at commit time. */
function whatTheHookRuns(
  context: Context,
  project: ProjectDir,
  recorded: RecordedCommand | null,
): string[] {
  const bin = context.display(path.join(project.dir, BIN_PATH));
  if (recorded === null) {
    return [installMessages.runsProjectBinary(bin, process.execPath, process.version)];
  }
  const { script, node } = recorded;
  return [
    installMessages.runsRecorded(script, node, process.version, bin),
    ...(isInNpxCache(script) ? [installMessages.npxCacheWarning(script)] : []),
  ];
}

function carryOut(
  command: Command,
  plan: Plan,
  context: Context,
  { dryRun, command: invoke }: InstallOptions,
): string[] {
  const { display, label } = context;
  const flag = context.hook.flag;
  if (dryRun) {
    if (plan.ops.length === 0)
      return [installMessages.dryRunNothing(`${command}${flag}`, label), ...plan.notes];
    return [
      installMessages.dryRun(`${command}${flag}`, label),
      ...plan.ops.map((op) => `  - ${describeOp({ op }, false, display)}`),
      ...plan.notes,
    ];
  }
  if (plan.ops.length === 0) return [plan.outcome, ...plan.notes];
  const applied = applyPlan(plan.ops, { display });
  return [
    plan.outcome,
    ...applied.map((step) => `  - ${describeOp(step, true, display)}`),
    ...plan.notes,
    installMessages.undo(`${command === 'install' ? 'uninstall' : 'install'}${flag}`, invoke),
  ];
}
