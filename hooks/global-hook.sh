#!/bin/sh
# seg-hook-managed-global format=1
# Written by `seg-hook install --global`; `seg-hook uninstall --global` removes it. git's global
# core.hooksPath points at this directory, so git runs these hooks in every repository that does
# not set core.hooksPath itself. Every hook file here runs this script with its own name: seg-hook
# scans first (pre-commit; pre-push after install --global --pre-push), then the hook git would
# have run without seg-hook, with the same arguments and standard input.
# Bypass once: SEG_HOOK_SKIP=1 git commit ...  or  git commit --no-verify

# The hooks that scan.
seg_hook_scans=@SCANS@
# The seg-hook that ran `install --global`, and the node that ran it: neither needs PATH.
# A repository's own node_modules is never run from here: its files do not choose the program.
seg_hook_node=@RECORDED_NODE@
seg_hook_script=@RECORDED_SCRIPT@
# core.hooksPath before install --global: uninstall --global puts it back. Hooks were forwarded
# to that directory; with none, to each repository's own hooks directory.
seg_hook_previous_set=@PREVIOUS_SET@
seg_hook_previous_value=@PREVIOUS_VALUE@
seg_hook_previous_dir=@PREVIOUS_DIR@

seg_hook_name="$1"
shift

if [ -n "$seg_hook_previous_dir" ]; then
  seg_hook_target="$seg_hook_previous_dir/$seg_hook_name"
elif [ -z "${GIT_DIR:-}${GIT_COMMON_DIR:-}" ] && [ -d .git ]; then
  # git runs a main worktree's hooks at its top without GIT_DIR: no git process needed (most
  # hooks here only forward, several per commit). Linked worktrees and bare repositories ask git.
  seg_hook_target="$PWD/.git/hooks/$seg_hook_name"
else
  seg_hook_common="$(git rev-parse --path-format=absolute --git-common-dir)" || {
    printf '%s\n' @NO_REPOSITORY_MESSAGE@ >&2
    exit 1
  }
  seg_hook_target="$seg_hook_common/hooks/$seg_hook_name"
fi

case " $seg_hook_scans " in
  *" $seg_hook_name "*) ;;
  *)
    # Not a hook seg-hook scans in: the repository's own hook, as if seg-hook were not here.
    if [ -x "$seg_hook_target" ]; then
      exec "$seg_hook_target" "$@"
    fi
    if [ "$seg_hook_name" = push-to-checkout ]; then
      # A push-to-checkout hook replaces git's own update of the checked-out branch: without
      # one of the repository's, do what git does (receive-pack.c, push_to_deploy).
      git update-index -q --ignore-submodules --refresh &&
        git diff-files --quiet --ignore-submodules -- &&
        git diff-index --quiet --cached --ignore-submodules HEAD -- &&
        exec git read-tree -u -m HEAD "$1"
      printf '%s\n' 'Working directory has unstaged or uncommitted changes' >&2
      exit 1
    fi
    exit 0
    ;;
esac

if [ ! -x "$seg_hook_node" ] || [ ! -f "$seg_hook_script" ]; then
  @BYPASS_RULE@
  if [ "$seg_hook_skip" = no ]; then
    if [ "$seg_hook_name" = pre-push ]; then
      printf '%s\n' @GONE_PUSH_MESSAGE@ >&2
    else
      printf '%s\n' @GONE_COMMIT_MESSAGE@ >&2
    fi
    exit 1
  fi
  printf '%s\n' @SKIPPED_MESSAGE@ >&2
elif [ "$seg_hook_name" = pre-push ]; then
  # git writes the refs being pushed to stdin, read once: seg-hook and the repository's own
  # pre-push hook each read a copy kept in a temp file.
  @STDIN_COPY@
  "$seg_hook_node" "$seg_hook_script" pre-push "$@" <"$seg_hook_input" || exit "$?"
  rm -f -- "$seg_hook_input"
  trap - EXIT HUP INT TERM
else
  "$seg_hook_node" "$seg_hook_script" --staged || exit "$?"
fi

if [ -x "$seg_hook_target" ]; then
  exec "$seg_hook_target" "$@"
fi
exit 0
