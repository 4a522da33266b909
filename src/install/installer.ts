/**
 * `seg-hook install` / `uninstall` (the pre-commit hook; with --pre-push, the pre-push hook):
 * find where git runs hooks, read what is there, plan the change (pure planners), then print it
 * (--dry-run) or apply it atomically. Returns the lines to print; errors are ScanErrors of kind
 * 'install-failed'.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ScanError } from '../errors';
import { installMessages } from '../report/messages';
import { AppliedOp, applyPlan } from './applyPlan';
import { BACKUP_SUFFIX, FileSnapshot, Plan } from './fileOps';
import { HookKind, hookKind, HookName, HOOK_KINDS } from './hookKinds';
import { HookLocation, isSharedSetting, locateHooks } from './hookLocation';
import { isOurHook, loadTemplate, RecordedCommand } from './hookTemplate';
import { analyseDirectRun, analyseLintStagedRun } from './hookAnalysis';
import { findLintStagedInvocation, findSegHookInvocation, usesNpx } from './hookText';
import { HuskyState, planHuskyInstall, planHuskyUninstall } from './huskyPlan';
import {
  configRunsOnEveryFile,
  findLintStagedConfig,
  LintStagedConfig,
  mentionsSegHook,
} from './lintStaged';
import { PlainHooksState, planPlainInstall, planPlainUninstall } from './plainPlan';
import { BIN_PATH, findProjectDir, ProjectDir } from './projectDir';
import { isGlobalHooksDir } from './globalInstall';
import { isInNpxCache, runningSegHook } from './runningSegHook';
import { detectSetup, HookSetup, readSnapshot } from './setup';

export interface InstallOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  dryRun: boolean;
  force: boolean;
  /** Which hook to install or uninstall (default pre-commit). */
  hook?: HookName;
  /** The seg-hook package doing the install (tests point it elsewhere). */
  packageRoot?: string;
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
  const lines = await installLines(options);
  if (options.dryRun) return lines;
  // The same check as `seg-hook status`: a hook git does not run (husky moved core.hooksPath,
  // a global core.hooksPath) is said here, not discovered after a token got through.
  const { checkStatus, formatStatus } = await import('./status');
  const status = await checkStatus(options.cwd, options.env, [
    hookKind(options.hook ?? 'pre-commit'),
  ]);
  return [...lines, installMessages.statusAfterInstall, ...formatStatus(status)];
}

async function installLines(options: InstallOptions): Promise<string[]> {
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
  if (context.setup.kind === 'plain') planned.notes.push(...huskyNotSetUp(context, project));
  // A global seg-hook is run by name: npx, in a repository without package.json, may download.
  const invoke = recorded ? 'seg-hook' : 'npx seg-hook';
  return carryOut('install', planned, context, options.dryRun, invoke);
}

/** The install plan, or the lines to print when the existing hook already runs seg-hook. */
function planPlain(
  context: Context,
  hooksDir: string,
  project: ProjectDir,
  force: boolean,
  recorded: RecordedCommand | null,
): Plan | string[] {
  const state = plainState(context.hook, hooksDir, context.display);
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
  const state = huskyState(context.hook, setup.huskyDir, setup.version, context.display);
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
          plainState(context.hook, context.setup.hooksDir, context.display),
          context.template,
          context.label,
        )
      : planHuskyUninstall(
          huskyState(context.hook, context.setup.huskyDir, context.setup.version, context.display),
          context.template,
          context.label,
        );
  plan.notes.push(...othersStillInstalled(context));
  return carryOut('uninstall', plan, context, options.dryRun);
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

function plainState(
  hook: HookKind,
  hooksDir: string,
  display: (file: string) => string,
): PlainHooksState {
  return {
    hooksDir,
    dirExists: fs.existsSync(hooksDir),
    hook,
    hookFile: readSnapshot(path.join(hooksDir, hook.name)),
    chained: readSnapshot(path.join(hooksDir, hook.chainedName)),
    display,
  };
}

function huskyState(
  hook: HookKind,
  huskyDir: string,
  version: 8 | 9,
  display: (file: string) => string,
): HuskyState {
  return {
    huskyDir,
    version,
    hook,
    hookFile: readSnapshot(path.join(huskyDir, hook.name)),
    helper: readSnapshot(path.join(huskyDir, hook.huskyHelper)),
    display,
  };
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
  const viaLintStaged = analyseLintStagedRun(hook.content, errexit);
  const config = lintStagedConfig(context, project);
  if (!viaLintStaged.runs || config === null) return null;
  const verdict = configRunsOnEveryFile(config);
  if (verdict.runs) {
    const reason = installMessages.alreadyRunsViaLintStaged(context.display(config.file));
    return [installMessages.skipped(reason)];
  }
  if (mentionsSegHook(config)) {
    why.push(
      installMessages.addedAnyway(`lint-staged (${context.display(config.file)})`, verdict.reason),
    );
  }
  return null;
}

/** Hints about lint-staged: the alternative wiring, or a double scan to remove. */
function adviceFor(
  hook: FileSnapshot | null,
  hookPath: string,
  context: Context,
  project: ProjectDir,
): string[] {
  if (context.hook.name !== 'pre-commit') return [];
  const config = lintStagedConfig(context, project);
  if (config && configRunsOnEveryFile(config).runs) {
    return [installMessages.lintStagedDouble(context.display(config.file))];
  }
  if (hook && !hook.symlink && findLintStagedInvocation(hook.content)) {
    return [installMessages.lintStagedAlternative(context.display(hookPath))];
  }
  return [];
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

function huskyNotSetUp(context: Context, project: ProjectDir): string[] {
  const dirs = [project.dir, context.location.worktreeRoot].map((dir) => path.join(dir, '.husky'));
  const found = dirs.find((dir) => fs.existsSync(dir));
  const again = `install${context.hook.flag}`;
  return found ? [installMessages.huskyNotSetUp(context.display(found), again)] : [];
}

function carryOut(
  command: Command,
  plan: Plan,
  context: Context,
  dryRun: boolean,
  invoke = 'npx seg-hook',
): string[] {
  const { display, label } = context;
  const flag = context.hook.flag;
  if (dryRun) {
    if (plan.ops.length === 0)
      return [installMessages.dryRunNothing(`${command}${flag}`, label), ...plan.notes];
    return [
      installMessages.dryRun(`${command}${flag}`, label),
      ...plan.ops.map((op) => `  - ${describe({ op }, false, display)}`),
      ...plan.notes,
    ];
  }
  if (plan.ops.length === 0) return [plan.outcome, ...plan.notes];
  const applied = applyPlan(plan.ops, { display });
  return [
    plan.outcome,
    ...applied.map((step) => `  - ${describe(step, true, display)}`),
    ...plan.notes,
    installMessages.undo(`${command === 'install' ? 'uninstall' : 'install'}${flag}`, invoke),
  ];
}

function describe(
  { op, backupPath }: AppliedOp,
  done: boolean,
  display: (f: string) => string,
): string {
  switch (op.kind) {
    case 'mkdir':
      return installMessages.opMkdir(done, display(op.path));
    case 'write':
      return installMessages.opWrite(done, display(op.path), op.replaces, op.mode);
    case 'rename':
      return installMessages.opRename(done, display(op.from), display(op.to));
    case 'backup':
      return installMessages.opBackup(
        done,
        display(op.path),
        display(backupPath ?? `${op.path}${BACKUP_SUFFIX}`),
      );
    case 'remove':
      return installMessages.opRemove(done, display(op.path));
    case 'chmod':
      return installMessages.opChmod(done, display(op.path), op.mode);
  }
}

/** Paths inside the work tree are shown relative to its top; others in full. */
function displayPath(worktreeRoot: string): (file: string) => string {
  return (file) => {
    const relative = path.relative(worktreeRoot, file);
    if (relative === '') return '.';
    if (relative.startsWith('..') || path.isAbsolute(relative)) return file;
    return relative.split(path.sep).join('/');
  };
}
