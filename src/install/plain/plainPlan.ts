/**
 * Plain git hooks (`.git/hooks`, a core.hooksPath directory): our script is `pre-commit` (or
 * `pre-push`); a hook of that name we did not write is moved aside to
 * `<name>.seg-hook-chained`, which our script runs first, and moved back by uninstall. Pure:
 * snapshots in, plan out.
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

export interface PlainHooksState {
  hooksDir: string;
  dirExists: boolean;
  /** Which hook: pre-commit or pre-push. */
  hook: HookKind;
  /** The hook file (`<hooksDir>/<name>`) as it is now. */
  hookFile: FileSnapshot | null;
  chained: FileSnapshot | null;
  /** How paths are shown to the user (relative to the work tree when inside it). */
  display: (file: string) => string;
}

export function planPlainInstall(
  state: PlainHooksState,
  template: string,
  projectDir: string,
  setup: string,
  recorded: RecordedCommand | null = null,
): Plan {
  const { hook } = state;
  const hookPath = path.join(state.hooksDir, hook.name);
  const chainedPath = path.join(state.hooksDir, hook.chainedName);
  const wanted = renderHook(template, { projectDir, chain: true, hook, recorded });
  const ops: FileOp[] = [];
  const notes: string[] = [];
  if (!state.dirExists) ops.push({ kind: 'mkdir', path: state.hooksDir });

  const current = state.hookFile;
  if (current === null) {
    ops.push({ kind: 'write', path: hookPath, content: wanted, mode: HOOK_MODE, replaces: false });
  } else if (isOurHook(current)) {
    if (current.content === wanted && current.mode === HOOK_MODE) {
      return { ops: [], outcome: installMessages.upToDate(setup, hook.name), notes };
    }
    if (!isPristine(current.content, template, true, hook)) {
      ops.push({ kind: 'backup', path: hookPath });
    }
    ops.push({ kind: 'write', path: hookPath, content: wanted, mode: HOOK_MODE, replaces: true });
  } else {
    if (state.chained !== null) {
      throw new ScanError(
        'install-failed',
        `cannot keep the existing ${state.display(hookPath)}: ${state.display(chainedPath)} already exists (left by an earlier install?). Move one of them away and run install again; nothing was changed`,
      );
    }
    ops.push({ kind: 'rename', from: hookPath, to: chainedPath, replaces: false });
    ops.push({ kind: 'write', path: hookPath, content: wanted, mode: HOOK_MODE, replaces: false });
  }
  const chainedAfter = current !== null && !isOurHook(current) ? current : state.chained;
  if (chainedAfter !== null) {
    notes.push(
      installMessages.chained(
        state.display(hookPath),
        state.display(chainedPath),
        hook.gitCommand,
        `uninstall${hook.flag}`,
      ),
    );
  }
  return { ops, outcome: installMessages.installed(setup, hook.name), notes };
}

export function planPlainUninstall(state: PlainHooksState, template: string, setup: string): Plan {
  const { hook } = state;
  const hookPath = path.join(state.hooksDir, hook.name);
  const chainedPath = path.join(state.hooksDir, hook.chainedName);
  const current = state.hookFile;
  if (current === null && state.chained !== null) {
    // Our hook is gone (deleted by hand, or an install was interrupted): still put theirs back.
    return {
      ops: [{ kind: 'rename', from: chainedPath, to: hookPath, replaces: false }],
      outcome: installMessages.uninstalled(setup, hook.name),
      notes: [installMessages.restored(state.display(hookPath))],
    };
  }
  if (!isOurHook(current)) {
    const notes =
      current !== null ? [installMessages.leftAlone(state.display(hookPath))] : ([] as string[]);
    if (state.chained !== null) notes.push(installMessages.leftAlone(state.display(chainedPath)));
    return { ops: [], outcome: installMessages.notInstalled(setup, hook.name), notes };
  }
  const ops: FileOp[] = [];
  // Our own unedited script can be rewritten at any time; anything else is copied first.
  if (!isPristine(current!.content, template, true, hook)) {
    ops.push({ kind: 'backup', path: hookPath });
  }
  const notes: string[] = [];
  if (state.chained !== null) {
    ops.push({ kind: 'rename', from: chainedPath, to: hookPath, replaces: true });
    notes.push(installMessages.restored(state.display(hookPath)));
  } else {
    ops.push({ kind: 'remove', path: hookPath });
  }
  return { ops, outcome: installMessages.uninstalled(setup, hook.name), notes };
}
