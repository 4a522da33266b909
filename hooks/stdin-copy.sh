# A fragment, not a hook: install inlines it at each @STDIN_COPY@ line (pre-push's stdin, kept in a temp file; the template removes it).
seg_hook_input="$(mktemp)" || { printf '%s\n' @TEMP_FILE_MESSAGE@ >&2; exit 1; }
trap 'rm -f -- "$seg_hook_input"' EXIT
trap 'exit 1' HUP INT TERM
cat >"$seg_hook_input" || exit 1
exec <"$seg_hook_input"
