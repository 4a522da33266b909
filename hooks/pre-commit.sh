#!/bin/sh
# seg-hook-managed-hook format=2
# Written by `seg-hook install@FLAG@`; `seg-hook uninstall@FLAG@` removes it. It blocks @BLOCKED@ that add
# Segment Public API tokens. Do not edit: install rewrites this file (keeping a backup of edits).
# Bypass once: SEG_HOOK_SKIP=1 git @GIT_COMMAND@ ...  or  git @GIT_COMMAND@ --no-verify

# Where seg-hook is installed (node_modules), relative to the top of the work tree.
seg_hook_project=@PROJECT_DIR@
# The seg-hook that ran `install` when the project had none (a global install), and the node that
# ran it: used when the project has no node_modules/.bin/seg-hook. Empty: none was recorded.
seg_hook_recorded_node=@RECORDED_NODE@
seg_hook_recorded_script=@RECORDED_SCRIPT@

# >>> pre-push
# git writes the refs being pushed to stdin, which can be read only once: from here on stdin is
# a copy in a temp file, read by the hook chained below (or by husky's lines after seg-hook's),
# and seg-hook opens the same file again for itself.
@STDIN_COPY@

# <<< pre-push
# >>> chained-hook (plain git hooks only)
# The @HOOK_NAME@ hook that was here before seg-hook was installed runs first; its failure blocks.
seg_hook_chained="$(dirname -- "$0")/@HOOK_NAME@.seg-hook-chained"
if [ -x "$seg_hook_chained" ]; then
  "$seg_hook_chained" "$@" || exit "$?"
fi
# <<< chained-hook

# >>> pre-push
# A subshell: husky sources this file, and the scan's exits must end only the scan.
(
# <<< pre-push
# The project's own binary first, never bare npx: with stdin closed npx may download and run
# whatever is published under that name. A fresh linked worktree has no node_modules: use the
# main one's. Without one, the recorded seg-hook runs with the recorded node.
seg_hook_root="$(git rev-parse --show-toplevel)" || exit 2
seg_hook_bin="$seg_hook_root/$seg_hook_project/node_modules/.bin/seg-hook"
if [ ! -x "$seg_hook_bin" ]; then
  seg_hook_main="$(git worktree list --porcelain | sed -n '1s/^worktree //p')"
  if [ -n "$seg_hook_main" ] && [ -x "$seg_hook_main/$seg_hook_project/node_modules/.bin/seg-hook" ]; then
    seg_hook_bin="$seg_hook_main/$seg_hook_project/node_modules/.bin/seg-hook"
  fi
fi
seg_hook_node=
seg_hook_problem=
if [ -x "$seg_hook_bin" ]; then
  # The project's binary starts with `#!/usr/bin/env node`. GUI clients and shells without a
  # version manager loaded often have no node on PATH: the user's init file may put it there.
  if ! command -v node >/dev/null 2>&1; then
    seg_hook_init="${XDG_CONFIG_HOME:-$HOME/.config}/seg-hook/init.sh"
    # shellcheck disable=SC1090
    [ -f "$seg_hook_init" ] && . "$seg_hook_init"
  fi
  command -v node >/dev/null 2>&1 || seg_hook_problem=@NO_NODE_MESSAGE@
elif [ -n "$seg_hook_recorded_script" ]; then
  seg_hook_node="$seg_hook_recorded_node"
  seg_hook_bin="$seg_hook_recorded_script"
  if [ ! -x "$seg_hook_node" ] || [ ! -f "$seg_hook_bin" ]; then
    seg_hook_problem=@RECORDED_GONE_MESSAGE@
  fi
else
  seg_hook_problem=@MISSING_MESSAGE@
fi
if [ -n "$seg_hook_problem" ]; then
  @BYPASS_RULE@
  if [ "$seg_hook_skip" = yes ]; then
    printf '%s\n' @SKIPPED_MESSAGE@ >&2
    exit 0
  fi
  printf '%s\n' "$seg_hook_problem" >&2
  exit 1
fi

# >>> pre-commit
# --staged reads the index git is committing (GIT_INDEX_FILE): commit -a and commit <path> too.
exec ${seg_hook_node:+"$seg_hook_node"} "$seg_hook_bin" --staged
# <<< pre-commit
# >>> pre-push
# pre-push scans only the commits the remote does not have yet (from the refs on stdin).
exec ${seg_hook_node:+"$seg_hook_node"} "$seg_hook_bin" pre-push "$@"
) <"$seg_hook_input" || exit "$?"

# Stdin stays open on the copy for husky's lines after seg-hook's; an open file outlives its
# name, so the name can go now.
rm -f -- "$seg_hook_input"
trap - EXIT HUP INT TERM
# <<< pre-push
