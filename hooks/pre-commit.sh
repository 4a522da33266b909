#!/bin/sh
# seg-hook-managed-hook format=1
# Written by `seg-hook install`; `seg-hook uninstall` removes it. It blocks commits that add
# Segment Public API tokens. Do not edit: install rewrites this file (keeping a backup of edits).
# Bypass once: SEG_HOOK_SKIP=1 git commit ...  or  git commit --no-verify

# Where seg-hook is installed (node_modules), relative to the top of the work tree.
seg_hook_project=@PROJECT_DIR@

# >>> chained-hook (plain git hooks only)
# The pre-commit hook that was here before seg-hook was installed runs first; its failure blocks.
seg_hook_chained="$(dirname -- "$0")/pre-commit.seg-hook-chained"
if [ -x "$seg_hook_chained" ]; then
  "$seg_hook_chained" "$@" || exit "$?"
fi
# <<< chained-hook

# The project's own binary, never bare npx: with stdin closed npx may download and run whatever
# is published under that name. A fresh linked worktree has no node_modules: use the main one's.
seg_hook_root="$(git rev-parse --show-toplevel)" || exit 2
seg_hook_bin="$seg_hook_root/$seg_hook_project/node_modules/.bin/seg-hook"
if [ ! -x "$seg_hook_bin" ]; then
  seg_hook_main="$(git worktree list --porcelain | sed -n '1s/^worktree //p')"
  if [ -n "$seg_hook_main" ] && [ -x "$seg_hook_main/$seg_hook_project/node_modules/.bin/seg-hook" ]; then
    seg_hook_bin="$seg_hook_main/$seg_hook_project/node_modules/.bin/seg-hook"
  fi
fi
if [ ! -x "$seg_hook_bin" ]; then
  case "${SEG_HOOK_SKIP:-}" in
    '' | 0 | false | FALSE | False) ;;
    *)
      printf '%s\n' @SKIPPED_MESSAGE@ >&2
      exit 0
      ;;
  esac
  printf '%s\n' @MISSING_MESSAGE@ >&2
  exit 1
fi

# --staged reads the index git is committing (GIT_INDEX_FILE): commit -a and commit <path> too.
exec "$seg_hook_bin" --staged
