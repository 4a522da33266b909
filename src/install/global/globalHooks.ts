/**
 * `install --global`: the scripts of the machine-wide hooks directory, rendered from
 * hooks/global-hook.sh by the one hook renderer (core/hookTemplate.ts), and the state they record (which hooks scan, the seg-hook they run, the
 * core.hooksPath they replaced). Pure: strings in, strings out.
 */
import { messages } from '../../report/messages';
import { installMessages } from '../installMessages';
import { fillTemplate, RecordedCommand } from '../core/hookTemplate';
import type { HookName } from '../core/hookKinds';
import { shellQuote, shellUnquote } from '../core/shellQuote';

/**
 * Every hook git runs from core.hooksPath (githooks(5), git 2.39 through 2.52). A global
 * core.hooksPath stops git from running `.git/hooks/*`, so each one must be forwarded.
 * fsmonitor-watchman is not here: git runs it from core.fsmonitor's path, never from hooks.
 */
export const GIT_HOOK_NAMES = [
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-rebase',
  'post-checkout',
  'post-merge',
  'pre-push',
  'pre-receive',
  'update',
  'proc-receive',
  'post-receive',
  'post-update',
  'reference-transaction',
  'push-to-checkout',
  'pre-auto-gc',
  'post-rewrite',
  'sendemail-validate',
  'p4-changelist',
  'p4-prepare-changelist',
  'p4-post-changelist',
  'p4-pre-submit',
  'post-index-change',
] as const;

/** The script every hook file runs (it is no hook name, so git never runs it itself). */
export const DISPATCHER = 'seg-hook-dispatch.sh';
const FORMAT_LINE = /^# seg-hook-managed-global format=(\d+)$/m;
export const GLOBAL_FORMAT = 1;

export interface PreviousHooksPath {
  /** The global core.hooksPath exactly as it was written, put back by uninstall; null: unset. */
  value: string | null;
  /** Where hooks were forwarded ('' : each repository's own hooks directory). */
  dir: string;
}

export interface GlobalState {
  scans: HookName[];
  recorded: RecordedCommand;
  previous: PreviousHooksPath;
}

export function renderDispatcher(template: string, state: GlobalState): string {
  const gone = (gitCommand: 'commit' | 'push') =>
    shellQuote(
      installMessages.recordedGone(
        state.recorded.script,
        state.recorded.node,
        gitCommand,
        `seg-hook install --global${gitCommand === 'push' ? ' --pre-push' : ''}`,
      ),
    );
  return fillTemplate(template, {
    SCANS: shellQuote(state.scans.join(' ')),
    RECORDED_NODE: shellQuote(state.recorded.node),
    RECORDED_SCRIPT: shellQuote(state.recorded.script),
    PREVIOUS_SET: shellQuote(state.previous.value === null ? 'no' : 'yes'),
    PREVIOUS_VALUE: shellQuote(state.previous.value ?? ''),
    PREVIOUS_DIR: shellQuote(state.previous.dir),
    NO_REPOSITORY_MESSAGE: shellQuote(installMessages.globalNoRepository),
    GONE_PUSH_MESSAGE: gone('push'),
    GONE_COMMIT_MESSAGE: gone('commit'),
    SKIPPED_MESSAGE: shellQuote(messages.bypassWarning('SEG_HOOK_SKIP')),
    TEMP_FILE_MESSAGE: shellQuote(installMessages.noTempFile),
  });
}

/** The file git runs for `name`: one line handing over to the dispatcher. */
export function renderStub(name: string): string {
  return [
    '#!/bin/sh',
    '# seg-hook-managed-global format=1 (seg-hook install --global)',
    `exec sh "$(dirname -- "$0")/${DISPATCHER}" ${name} "$@"`,
    '',
  ].join('\n');
}

export function isGlobalScript(content: string): boolean {
  return FORMAT_LINE.test(content) || /^# seg-hook-managed-global format=\d+ /m.test(content);
}

/** The state a dispatcher was written with; null for a file we did not write. */
export function parseDispatcher(content: string): GlobalState | null {
  if (!FORMAT_LINE.test(content)) return null;
  const read = (name: string): string | null => {
    const line = new RegExp(`^${name}=(.*)$`, 'm').exec(content);
    return line ? shellUnquote(line[1].trim()) : null;
  };
  const scans = read('seg_hook_scans');
  const node = read('seg_hook_node');
  const script = read('seg_hook_script');
  const set = read('seg_hook_previous_set');
  const value = read('seg_hook_previous_value');
  const dir = read('seg_hook_previous_dir');
  if (scans === null || node === null || script === null || value === null || dir === null) {
    return null;
  }
  return {
    scans: scans
      .split(' ')
      .filter((name): name is HookName => name === 'pre-commit' || name === 'pre-push'),
    recorded: { node, script },
    previous: { value: set === 'yes' ? value : null, dir },
  };
}
