/**
 * `install --global`: the scripts of the machine-wide hooks directory, rendered from
 * hooks/global-hook.sh, and the state they record (which hooks scan, the seg-hook they run, the
 * core.hooksPath they replaced). Pure: strings in, strings out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { installMessages, messages } from '../report/messages';
import type { RecordedCommand } from './hookTemplate';
import type { HookName } from './hookKinds';
import { inlineBypassRule } from './bypassRule';
import { findPackageRoot } from './packageRoot';
import { shellQuote, shellUnquote } from './shellQuote';

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

export function loadGlobalTemplate(
  file = path.join(findPackageRoot(), 'hooks', 'global-hook.sh'),
): string {
  return inlineBypassRule(fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n'), path.dirname(file));
}

export function renderDispatcher(template: string, state: GlobalState): string {
  const q = (value: string) => () => shellQuote(value);
  const gone = (gitCommand: 'commit' | 'push') =>
    q(
      installMessages.recordedGone(
        state.recorded.script,
        state.recorded.node,
        gitCommand,
        `seg-hook install --global${gitCommand === 'push' ? ' --pre-push' : ''}`,
      ),
    );
  return template
    .replace('@SCANS@', q(state.scans.join(' ')))
    .replace('@RECORDED_NODE@', q(state.recorded.node))
    .replace('@RECORDED_SCRIPT@', q(state.recorded.script))
    .replace('@PREVIOUS_SET@', q(state.previous.value === null ? 'no' : 'yes'))
    .replace('@PREVIOUS_VALUE@', q(state.previous.value ?? ''))
    .replace('@PREVIOUS_DIR@', q(state.previous.dir))
    .replace('@NO_REPOSITORY_MESSAGE@', q(installMessages.globalNoRepository))
    .replace('@GONE_PUSH_MESSAGE@', gone('push'))
    .replace('@GONE_COMMIT_MESSAGE@', gone('commit'))
    .replace('@SKIPPED_MESSAGE@', q(messages.bypassWarning('SEG_HOOK_SKIP')))
    .replace('@TEMP_FILE_MESSAGE@', q(installMessages.noTempFile));
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
