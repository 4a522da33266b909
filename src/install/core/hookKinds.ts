/**
 * The two hooks install manages: `pre-commit` (`seg-hook install`) and `pre-push`
 * (`seg-hook install --pre-push`). Everything that differs between them is here; the planners,
 * the template and the installer take a HookKind and are otherwise the same for both.
 */

export type HookName = 'pre-commit' | 'pre-push';

export interface HookKind {
  /** The file git (or husky) runs. */
  name: HookName;
  /** What the hook guards, for messages: "this commit", "git push --no-verify". */
  gitCommand: 'commit' | 'push';
  /** The install / uninstall flag that selects this hook ('' for pre-commit). */
  flag: '' | ' --pre-push';
  /** Where plain git hooks keep the hook that was there before: it runs first. */
  chainedName: string;
  /** The helper written next to husky's hook file. */
  huskyHelper: string;
  /**
   * The line added to husky's hook file. `$0` is that file, so the helper is found next to it
   * wherever husky lives; `|| exit` blocks even without `sh -e`.
   */
  huskyLine: string;
}

const MARK = '# added by seg-hook install';

export const PRE_COMMIT: HookKind = {
  name: 'pre-commit',
  gitCommand: 'commit',
  flag: '',
  chainedName: 'pre-commit.seg-hook-chained',
  huskyHelper: 'seg-hook.sh',
  huskyLine: `sh "$(dirname -- "$0")/seg-hook.sh" || exit "$?" ${MARK}`,
};

/**
 * The pre-push helper is sourced (`.`), not run: git's stdin can be read only once, and the
 * helper puts a copy of it back on the husky file's stdin for the lines after it (git lfs
 * pre-push reads it too). Its own exits end the push only when the scan blocks.
 */
export const PRE_PUSH: HookKind = {
  name: 'pre-push',
  gitCommand: 'push',
  flag: ' --pre-push',
  chainedName: 'pre-push.seg-hook-chained',
  huskyHelper: 'seg-hook-pre-push.sh',
  huskyLine: `. "$(dirname -- "$0")/seg-hook-pre-push.sh" || exit "$?" ${MARK}`,
};

export const HOOK_KINDS: readonly HookKind[] = [PRE_COMMIT, PRE_PUSH];

export function hookKind(name: HookName): HookKind {
  return name === 'pre-push' ? PRE_PUSH : PRE_COMMIT;
}
