/**
 * husky (v9: core.hooksPath = <dir>/_ ; v8: core.hooksPath = <dir> with _/husky.sh): one
 * marked line in <dir>/pre-commit runs our script, written next to it as <dir>/seg-hook.sh.
 * husky's own files (<dir>/_/*) are never touched. Pure: snapshots in, plan out.
 */
import path from 'node:path';
import { ScanError } from '../errors';
import { installMessages } from '../report/messages';
import { FileOp, FileSnapshot, Plan } from './fileOps';
import { isPristine, parseManagedHook, renderHook } from './hookTemplate';
import {
  hasHuskyLine,
  HUSKY_HELPER_NAME,
  isHeaderOnly,
  withHuskyLine,
  withoutHuskyLine,
} from './hookText';

const HOOK_MODE = 0o755;

export interface HuskyState {
  huskyDir: string;
  version: 8 | 9;
  preCommit: FileSnapshot | null;
  helper: FileSnapshot | null;
  display: (file: string) => string;
}

function isOurs(file: FileSnapshot | null): boolean {
  return file !== null && !file.symlink && parseManagedHook(file.content) !== null;
}

export function planHuskyInstall(
  state: HuskyState,
  template: string,
  projectDir: string,
  setup: string,
): Plan {
  const hookPath = path.join(state.huskyDir, 'pre-commit');
  const helperPath = path.join(state.huskyDir, HUSKY_HELPER_NAME);
  const ops: FileOp[] = [];

  const wantedHelper = renderHook(template, { projectDir, chain: false });
  const helper = state.helper;
  if (helper === null) {
    ops.push({
      kind: 'write',
      path: helperPath,
      content: wantedHelper,
      mode: HOOK_MODE,
      replaces: false,
    });
  } else if (!isOurs(helper)) {
    throw new ScanError(
      'install-failed',
      `${state.display(helperPath)} exists and was not written by seg-hook. Rename it and run install again; nothing was changed`,
    );
  } else if (helper.content !== wantedHelper || helper.mode !== HOOK_MODE) {
    if (!isPristine(helper.content, template, false))
      ops.push({ kind: 'backup', path: helperPath });
    ops.push({
      kind: 'write',
      path: helperPath,
      content: wantedHelper,
      mode: HOOK_MODE,
      replaces: true,
    });
  }

  const hook = state.preCommit;
  if (hook?.symlink) {
    throw new ScanError(
      'install-failed',
      `${state.display(hookPath)} is a symbolic link; add the seg-hook line to the file it points to yourself (see the README). Nothing was changed`,
    );
  }
  const wantedHook = withHuskyLine(hook?.content ?? null, state.version);
  // husky v8 hooks are run by git itself and must be executable; v9 runs them with `sh -e`.
  const wantedMode = state.version === 8 ? HOOK_MODE : (hook?.mode ?? HOOK_MODE);
  if (hook === null || hook.content !== wantedHook) {
    ops.push({
      kind: 'write',
      path: hookPath,
      content: wantedHook,
      encoding: hook?.encoding,
      mode: wantedMode,
      replaces: hook !== null,
    });
  } else if (hook.mode !== wantedMode) {
    ops.push({ kind: 'chmod', path: hookPath, mode: wantedMode, previousMode: hook.mode });
  }

  if (ops.length === 0) return { ops, outcome: installMessages.upToDate(setup), notes: [] };
  return {
    ops,
    outcome: installMessages.installed(setup),
    notes: [installMessages.huskyLine(state.display(hookPath))],
  };
}

export function planHuskyUninstall(state: HuskyState, template: string, setup: string): Plan {
  const hookPath = path.join(state.huskyDir, 'pre-commit');
  const helperPath = path.join(state.huskyDir, HUSKY_HELPER_NAME);
  const ops: FileOp[] = [];
  const notes: string[] = [];

  const hook = state.preCommit;
  if (hook !== null && !hook.symlink && hasHuskyLine(hook.content)) {
    const rest = withoutHuskyLine(hook.content);
    // A file left with nothing but husky's header does nothing: it is the one install created.
    if (isHeaderOnly(rest)) ops.push({ kind: 'remove', path: hookPath });
    else {
      const { encoding, mode } = hook;
      ops.push({ kind: 'write', path: hookPath, content: rest, encoding, mode, replaces: true });
    }
  }
  const helper = state.helper;
  if (isOurs(helper)) {
    if (!isPristine(helper!.content, template, false))
      ops.push({ kind: 'backup', path: helperPath });
    ops.push({ kind: 'remove', path: helperPath });
  } else if (helper !== null) {
    notes.push(installMessages.leftAlone(state.display(helperPath)));
  }
  if (ops.length === 0) return { ops, outcome: installMessages.notInstalled(setup), notes };
  return { ops, outcome: installMessages.uninstalled(setup), notes };
}
