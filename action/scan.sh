#!/usr/bin/env bash
# The GitHub Action's step (action.yml): chooses the commits to scan from the event that started
# the workflow, then runs seg-hook on them. Run in the checked-out repository.
#   SEG_HOOK_CLI       seg-hook's dist/cli/main.js (built by the action's previous step)
#   INPUT_FORMAT       report format: github (annotations, default), text, json or sarif
#   INPUT_SARIF        true: also write a SARIF report to INPUT_SARIF_FILE (the action uploads it)
#   INPUT_RANGE        optional A..B that replaces the range taken from the event
#   GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_OUTPUT: set by the runner
# Exit status: seg-hook's (0 clean, 1 tokens found, 2 could not scan).
set -euo pipefail

readonly NO_COMMIT=0000000000000000000000000000000000000000
format="${INPUT_FORMAT:-github}"
sarif_file="${INPUT_SARIF_FILE:-seg-hook.sarif}"

fail() {
  echo "seg-hook action: $1" >&2
  exit 2
}

[ -n "${SEG_HOOK_CLI:-}" ] && [ -f "$SEG_HOOK_CLI" ] || fail "seg-hook is not built (SEG_HOOK_CLI=${SEG_HOOK_CLI:-unset})."

# One field of the event payload (a dotted path), empty when absent.
event_field() {
  node -e '
    const event = JSON.parse(require("fs").readFileSync(process.env.GITHUB_EVENT_PATH, "utf8"));
    const value = process.argv[1].split(".").reduce((at, key) => (at == null ? at : at[key]), event);
    process.stdout.write(value == null ? "" : String(value));
  ' "$1"
}

# A shallow clone lacks the older commits: a range could silently cover less than it says.
require_full_clone() {
  if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
    fail "this clone is shallow, so the commits to scan may be missing: check out with fetch-depth: 0 (actions/checkout)."
  fi
}

is_commit() {
  git cat-file -e "$1^{commit}" 2>/dev/null
}

# Commits of a push that no other branch has: those not on the default branch, or every commit
# when the default branch itself is new (the first push of a repository).
new_commits_of() {
  local after="$1" default_branch
  default_branch="$(event_field repository.default_branch)"
  if [ -n "$default_branch" ] && [ "${GITHUB_REF:-}" != "refs/heads/$default_branch" ] &&
    is_commit "refs/remotes/origin/$default_branch"; then
    range="origin/$default_branch..$after"
  else
    range="$after"
  fi
}

why=""
if [ -n "${INPUT_RANGE:-}" ]; then
  require_full_clone
  range="$INPUT_RANGE"
  why="the range input"
else
  [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "$GITHUB_EVENT_PATH" ] ||
    fail "no event payload (GITHUB_EVENT_PATH); set the range input to scan outside a workflow run."
  case "${GITHUB_EVENT_NAME:-}" in
  pull_request | pull_request_target)
    require_full_clone
    range="$(event_field pull_request.base.sha)..$(event_field pull_request.head.sha)"
    why="the pull request's commits"
    ;;
  push)
    before="$(event_field before)"
    after="$(event_field after)"
    if [ "$(event_field deleted)" = true ] || [ "$after" = "$NO_COMMIT" ]; then
      echo "seg-hook action: the push deleted ${GITHUB_REF:-a ref}; nothing to scan."
      exit 0
    fi
    require_full_clone
    if [ "$before" = "$NO_COMMIT" ]; then
      new_commits_of "$after"
      why="a new branch: the commits not on the default branch"
    elif ! is_commit "$before"; then
      new_commits_of "$after"
      why="a force push whose old commit $before is not in this clone: the commits not on the default branch"
    else
      range="$before..$after"
      why="the pushed commits"
    fi
    ;;
  *)
    fail "event ${GITHUB_EVENT_NAME:-unknown} has no commit range; set the range input (e.g. range: origin/main..HEAD)."
    ;;
  esac
fi

echo "seg-hook action: scanning $range ($why)."
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "range=$range" >>"$GITHUB_OUTPUT"; fi

# One commit (the first push of a repository) has no older side: its whole history is scanned,
# with --history (seg-hook refuses a --range without two ends).
case "$range" in
*..*) scope="--range=$range" ;;
*) scope="--history" ;;
esac

if [ "${INPUT_SARIF:-false}" = true ]; then
  status=0
  node "$SEG_HOOK_CLI" "$scope" --format sarif >"$sarif_file" || status=$?
  [ "$status" -le 1 ] || exit "$status"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "sarif-file=$sarif_file" >>"$GITHUB_OUTPUT"; fi
fi
exec node "$SEG_HOOK_CLI" "$scope" --format "$format"
