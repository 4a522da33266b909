# A fragment, not a hook: install inlines it at each @BYPASS_RULE@ line of the hook templates.
# The bypass rule of src/cli/bypass.ts, in plain sh (test/integration/bypassRule.test.ts runs
# it and the CLI over one table): SEG_HOOK_SKIP set to anything but blank, 0 or false (any
# case), once spaces and tabs around it are removed; or seg-hook in the comma-separated SKIP
# list. Sets seg_hook_skip to yes or no.
seg_hook_skip=no
seg_hook_value=${SEG_HOOK_SKIP:-}
seg_hook_value=${seg_hook_value#"${seg_hook_value%%[! 	]*}"}
seg_hook_value=${seg_hook_value%"${seg_hook_value##*[! 	]}"}
case $seg_hook_value in
  '' | 0 | [Ff][Aa][Ll][Ss][Ee]) ;;
  *) seg_hook_skip=yes ;;
esac
seg_hook_rest="${SKIP:-},"
while [ -n "$seg_hook_rest" ]; do
  seg_hook_value=${seg_hook_rest%%,*}
  seg_hook_rest=${seg_hook_rest#*,}
  seg_hook_value=${seg_hook_value#"${seg_hook_value%%[! 	]*}"}
  seg_hook_value=${seg_hook_value%"${seg_hook_value##*[! 	]}"}
  if [ "$seg_hook_value" = seg-hook ]; then seg_hook_skip=yes; fi
done
