/**
 * `seg-hook install --global` / `uninstall --global`: one hooks directory, set as git's global
 * core.hooksPath, protects every repository of the user that does not set core.hooksPath itself.
 * Every hook name git knows is forwarded to the hook git would have run otherwise (the previous
 * global hooks directory, or the repository's own), so nothing the user had stops running.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ScanError } from '../../errors';
import { ConfiguredHooksPath, readHooksPath, writeGlobalHooksPath } from '../../git/globalConfig';
import { installMessages } from '../installMessages';
import { applyPlan } from '../core/applyPlan';
import { FileOp, FileSnapshot } from '../core/fileOps';
import { describeOp } from '../core/describeOp';
import { HookName } from '../core/hookKinds';
import { HOOK_MODE, loadTemplate, templateFile } from '../core/hookTemplate';
import { readSnapshot } from '../core/readFiles';
import { isInNpxCache, runningSegHook } from '../core/runningSegHook';
import {
  DISPATCHER,
  GIT_HOOK_NAMES,
  GlobalState,
  isGlobalScript,
  PreviousHooksPath,
  renderDispatcher,
  renderStub,
} from './globalHooks';
import { globalHooksDir, readGlobalState, samePath } from './globalState';

export interface GlobalOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  dryRun: boolean;
  hook: HookName;
  packageRoot?: string;
  /** The command that runs this seg-hook in the user's terminal, for the undo line. */
  command: string;
}

export async function installGlobal(options: GlobalOptions): Promise<string[]> {
  const dir = globalHooksDir(options.env);
  const current = await singleGlobalValue(options);
  const existing = readGlobalState(dir);
  const pointsHere = current !== null && samePath(current.expanded, dir);
  const previous: PreviousHooksPath =
    pointsHere && existing
      ? existing.previous
      : pointsHere
        ? { value: null, dir: '' }
        : await previousOf(current, options);
  const scans = [...new Set([...(existing?.scans ?? []), options.hook])].sort() as HookName[];
  const recorded = runningSegHook(options.packageRoot);
  const state: GlobalState = { scans, recorded, previous };
  const ops = planFiles(dir, state);
  const setConfig = !pointsHere;
  const notes = [
    installMessages.globalRuns(recorded.script, recorded.node, process.version),
    ...(isInNpxCache(recorded.script) ? [installMessages.npxCacheWarning(recorded.script)] : []),
    installMessages.globalForwards(GIT_HOOK_NAMES.length, previous.dir),
    installMessages.globalOptOut,
  ];
  if (options.dryRun) {
    return [
      installMessages.dryRun(`install --global${flag(options.hook)}`, dir),
      ...ops.map((op) => `  - ${describeOp({ op }, false)}`),
      ...(setConfig ? [`  - ${installMessages.globalSetConfig(dir)}`] : []),
      ...notes,
    ];
  }
  if (ops.length === 0 && !setConfig) {
    return [installMessages.globalUpToDate(dir, scans), ...notes];
  }
  applyPlan(ops);
  if (setConfig) await writeGlobalHooksPath(dir, options.cwd, options.env);
  return [
    installMessages.globalInstalled(
      dir,
      scans,
      pointsHere ? previous.value : (current?.value ?? null),
    ),
    ...notes,
    installMessages.undo(`uninstall --global${flag(options.hook)}`, options.command),
  ];
}

export async function uninstallGlobal(options: GlobalOptions): Promise<string[]> {
  const dir = globalHooksDir(options.env);
  const existing = readGlobalState(dir);
  const current = await singleGlobalValue(options);
  const pointsHere = current !== null && samePath(current.expanded, dir);
  if (!existing || !existing.scans.includes(options.hook)) {
    return [installMessages.globalNotInstalled(options.hook, dir)];
  }
  const scans = existing.scans.filter((name) => name !== options.hook);
  if (scans.length > 0) {
    const ops = planFiles(dir, { ...existing, scans });
    if (!options.dryRun) applyPlan(ops);
    const other = scans[0];
    return [
      installMessages.globalUninstalledOne(options.hook, dir, options.dryRun),
      installMessages.otherStillInstalled(other, `uninstall --global${flag(other)}`),
    ];
  }
  const ops: FileOp[] = [];
  for (const name of [...GIT_HOOK_NAMES, DISPATCHER]) {
    const file = path.join(dir, name);
    if (isOurs(readSnapshot(file))) ops.push({ kind: 'remove', path: file });
  }
  const restore = pointsHere ? existing.previous.value : undefined;
  if (options.dryRun) {
    return [
      installMessages.dryRun('uninstall --global', dir),
      ...ops.map((op) => `  - ${describeOp({ op }, false)}`),
      ...(pointsHere ? [`  - ${installMessages.globalRestoreConfig(restore ?? null)}`] : []),
    ];
  }
  applyPlan(ops);
  removeIfEmpty(dir);
  if (pointsHere) await writeGlobalHooksPath(restore ?? null, options.cwd, options.env);
  return [
    installMessages.globalUninstalled(dir),
    pointsHere
      ? installMessages.globalRestoreConfig(restore ?? null, true)
      : installMessages.globalConfigMoved(current?.value ?? null),
  ];
}

/** The global core.hooksPath; several values (git uses the last) are refused, not guessed at. */
async function singleGlobalValue(options: GlobalOptions): Promise<ConfiguredHooksPath | null> {
  const values = await readHooksPath('global', options.cwd, options.env);
  if (values.length > 1) {
    throw new ScanError('install-failed', installMessages.globalSeveralValues(values.length));
  }
  return values[0] ?? null;
}

/** What git ran before: the global directory, or a system-wide one, or the repository's own. */
async function previousOf(
  current: ConfiguredHooksPath | null,
  options: GlobalOptions,
): Promise<PreviousHooksPath> {
  if (current) return { value: current.value, dir: current.expanded };
  const system = await readHooksPath('system', options.cwd, options.env);
  return { value: null, dir: system.at(-1)?.expanded ?? '' };
}

function planFiles(dir: string, state: GlobalState): FileOp[] {
  const template = loadTemplate(templateFile('global-hook.sh'));
  const wanted = new Map<string, string>([
    [DISPATCHER, renderDispatcher(template, state)],
    ...GIT_HOOK_NAMES.map((name): [string, string] => [name, renderStub(name)]),
  ]);
  const ops: FileOp[] = [];
  if (!fs.existsSync(dir)) ops.push({ kind: 'mkdir', path: dir });
  for (const [name, content] of wanted) {
    const file = path.join(dir, name);
    const now = readSnapshot(file);
    if (now !== null && !isOurs(now)) {
      throw new ScanError('install-failed', installMessages.globalForeignFile(file));
    }
    if (now?.content === content && now.mode === HOOK_MODE) continue;
    ops.push({ kind: 'write', path: file, content, mode: HOOK_MODE, replaces: now !== null });
  }
  return ops;
}

/** A file of the machine-wide hooks (a link, even to one, is the user's). */
function isOurs(file: FileSnapshot | null): boolean {
  return file !== null && !file.symlink && isGlobalScript(file.content);
}

function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty (a file of the user's): it stays.
  }
}

function flag(hook: HookName): string {
  return hook === 'pre-push' ? ' --pre-push' : '';
}
