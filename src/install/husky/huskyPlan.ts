/**
 * husky (v9: core.hooksPath = <dir>/_ ; v8: core.hooksPath = <dir> with _/husky.sh): one
 * marked line in <dir>/pre-commit (or <dir>/pre-push) runs our script, written next to it as a
 * helper (<dir>/seg-hook.sh, <dir>/seg-hook-pre-push.sh). husky's own files (<dir>/_/*) are
 * never touched. Pure: snapshots in, plan out.
 */
import path from 'node:path';
import { ScanError } from '../../errors';
import { installMessages } from '../installMessages';
import { FileOp, FileSnapshot, Plan } from '../core/fileOps';
import { HookKind } from '../core/hookKinds';
import {
  HOOK_MODE,
  isOurHook,
  isPristine,
  RecordedCommand,
  renderHook,
} from '../core/hookTemplate';
import { hasHuskyLine, isHeaderOnly, withHuskyLine, withoutHuskyLine } from './huskyLine';

export interface HuskyState {
  huskyDir: string;
  version: 8 | 9;
  /** Which hook: pre-commit or pre-push. */
  hook: HookKind;
  /** husky's hook file (`<huskyDir>/<name>`) as it is now. */
  hookFile: FileSnapshot | null;
  helper: FileSnapshot | null;
  display: (file: string) => string;
}

export function planHuskyInstall(
  state: HuskyState,
  template: string,
  projectDir: string,
  setup: string,
  recorded: RecordedCommand | null = null,
): Plan {
  const { hook } = state;
  const hookPath = path.join(state.huskyDir, hook.name);
  const helperPath = path.join(state.huskyDir, hook.huskyHelper);
  const ops: FileOp[] = [];

  const wantedHelper = renderHook(template, { projectDir, chain: false, hook, recorded });
  const helper = state.helper;
  if (helper === null) {
    ops.push({
      kind: 'write',
      path: helperPath,
      content: wantedHelper,
      mode: HOOK_MODE,
      replaces: false,
    });
  } else if (!isOurHook(helper)) {
    throw new ScanError(
      'install-failed',
      `${state.display(helperPath)} exists and was not written by seg-hook. Rename it and run install again; nothing was changed`,
    );
  } else if (helper.content !== wantedHelper || helper.mode !== HOOK_MODE) {
    if (!isPristine(helper.content, template, false, hook)) {
      ops.push({ kind: 'backup', path: helperPath });
    }
    ops.push({
      kind: 'write',
      path: helperPath,
      content: wantedHelper,
      mode: HOOK_MODE,
      replaces: true,
    });
  }

  const file = state.hookFile;
  if (file?.symlink) {
    throw new ScanError(
      'install-failed',
      `${state.display(hookPath)} is a symbolic link; add the seg-hook line to the file it points to yourself (see the README). Nothing was changed`,
    );
  }
  const wantedHook = withHuskyLine(file?.content ?? null, state.version, hook.huskyLine);
  // husky v8 hooks are run by git itself and must be executable; v9 runs them with `sh -e`.
  const wantedMode = state.version === 8 ? HOOK_MODE : (file?.mode ?? HOOK_MODE);
  if (file === null || file.content !== wantedHook) {
    ops.push({
      kind: 'write',
      path: hookPath,
      content: wantedHook,
      encoding: file?.encoding,
      mode: wantedMode,
      replaces: file !== null,
    });
  } else if (file.mode !== wantedMode) {
    ops.push({ kind: 'chmod', path: hookPath, mode: wantedMode, previousMode: file.mode });
  }

  if (ops.length === 0) {
    return { ops, outcome: installMessages.upToDate(setup, hook.name), notes: [] };
  }
  return {
    ops,
    outcome: installMessages.installed(setup, hook.name),
    notes: [installMessages.huskyLine(state.display(hookPath))],
  };
}

export function planHuskyUninstall(state: HuskyState, template: string, setup: string): Plan {
  const { hook } = state;
  const hookPath = path.join(state.huskyDir, hook.name);
  const helperPath = path.join(state.huskyDir, hook.huskyHelper);
  const ops: FileOp[] = [];
  const notes: string[] = [];

  const file = state.hookFile;
  if (file !== null && !file.symlink && hasHuskyLine(file.content)) {
    const rest = withoutHuskyLine(file.content);
    // A file left with nothing but husky's header does nothing: it is the one install created.
    if (isHeaderOnly(rest)) ops.push({ kind: 'remove', path: hookPath });
    else {
      const { encoding, mode } = file;
      ops.push({ kind: 'write', path: hookPath, content: rest, encoding, mode, replaces: true });
    }
  }
  const helper = state.helper;
  if (isOurHook(helper)) {
    if (!isPristine(helper!.content, template, false, hook)) {
      ops.push({ kind: 'backup', path: helperPath });
    }
    ops.push({ kind: 'remove', path: helperPath });
  } else if (helper !== null) {
    notes.push(installMessages.leftAlone(state.display(helperPath)));
  }
  if (ops.length === 0) {
    return { ops, outcome: installMessages.notInstalled(setup, hook.name), notes };
  }
  return { ops, outcome: installMessages.uninstalled(setup, hook.name), notes };
}
