/**
 * What `seg-hook install` / `uninstall` / `status` and the hooks they write say, in one place
 * beside the installer (the scan report's wording is in src/report/messages.ts).
 */
export const installMessages = {
  /** Printed by the installed hook when the project's binary is missing: it fails closed. */
  missingBinary: (binPath: string, gitCommand: 'commit' | 'push' = 'commit') =>
    `seg-hook: ${binPath} was not found, so this ${gitCommand} cannot be scanned and is blocked. Run npm install (seg-hook must be in devDependencies), or bypass once with SEG_HOOK_SKIP=1 or git ${gitCommand} --no-verify.`,

  /** Printed by every hook we write when the project's seg-hook needs node and PATH has none. */
  noNode: (gitCommand: 'commit' | 'push' = 'commit') =>
    `seg-hook: node was not found on PATH (common in GUI git clients, and when nvm, fnm or volta is not loaded), so this ${gitCommand} cannot be scanned and is blocked. Fix: put node on PATH in ~/.config/seg-hook/init.sh (README, Troubleshooting: node not found), or bypass once with SEG_HOOK_SKIP=1 or git ${gitCommand} --no-verify.`,

  /** Printed by the hook when the seg-hook (or node) recorded at install time is gone. */
  recordedGone: (
    script: string,
    node: string,
    gitCommand: 'commit' | 'push' = 'commit',
    fix = 'seg-hook install in this repository',
  ) =>
    `seg-hook: ${script} or ${node}, recorded by seg-hook install, no longer exists (uninstalled, or that Node.js version removed), so this ${gitCommand} cannot be scanned and is blocked. Fix: npm install -g seg-hook, then ${fix}; or bypass once with SEG_HOOK_SKIP=1 or git ${gitCommand} --no-verify.`,

  /** Printed by the machine-wide hook when git cannot say where the repository is. */
  globalNoRepository:
    "seg-hook: the machine-wide hook (install --global) cannot find this repository's hooks directory (git rev-parse --git-common-dir failed), so this cannot go on and is blocked. Bypass once with git --no-verify, or run seg-hook status here.",

  /** Printed by the pre-push hook when it cannot keep a copy of git's input: it fails closed. */
  noTempFile:
    'seg-hook: cannot create a temporary file (mktemp) to hold the list of refs git is pushing, so this push cannot be scanned and is blocked. Check TMPDIR, or bypass once with git push --no-verify.',

  /** The one line an install/uninstall error prints (exit code 2). */
  failed: (reason: string) => `seg-hook: ${reason}.`,

  globalHooksPath: (
    scope: string,
    origin: string,
    value: string,
    command: string,
    hook = 'pre-commit',
  ) =>
    `core.hooksPath is set in your ${scope} git config (${origin}) to ${value}: hooks there run in every repository on this machine, and seg-hook does not edit a ${scope} setup. Add seg-hook to that directory's ${hook} yourself (see the README), or run seg-hook ${command} --force to write there anyway`,

  setupPlain: (hooksDir: string) => `git hooks in ${hooksDir}`,
  setupHooksPath: (hooksDir: string) => `core.hooksPath ${hooksDir}`,
  setupHusky: (version: number, dir: string) => `husky v${version} in ${dir}`,

  installed: (setup: string, hook = 'pre-commit') =>
    `seg-hook: installed the ${hook} hook (${setup}).`,
  upToDate: (setup: string, hook = 'pre-commit') =>
    `seg-hook: the ${hook} hook is already installed and up to date (${setup}); nothing changed.`,
  uninstalled: (setup: string, hook = 'pre-commit') =>
    `seg-hook: uninstalled the ${hook} hook (${setup}).`,
  notInstalled: (setup: string, hook = 'pre-commit') =>
    `seg-hook: the ${hook} hook is not installed (${setup}); nothing changed.`,
  /** After uninstalling one hook, when the other one is still there. */
  otherStillInstalled: (hook: string, command: string) =>
    `Note: the ${hook} hook is still installed; seg-hook ${command} removes it.`,
  skipped: (reason: string) => `seg-hook: ${reason}; nothing changed.`,
  dryRun: (command: string, setup: string) =>
    `seg-hook ${command} --dry-run (${setup}): nothing was changed. It would:`,
  dryRunNothing: (command: string, setup: string) =>
    `seg-hook ${command} --dry-run (${setup}): nothing to change.`,
  undo: (command: string, invoke: string) => `Undo with: ${invoke} ${command}`,

  opMkdir: (done: boolean, dir: string) => `${done ? 'created' : 'create'} directory ${dir}`,
  opWrite: (done: boolean, file: string, replaces: boolean, mode: number) =>
    `${done ? (replaces ? 'updated' : 'wrote') : replaces ? 'update' : 'write'} ${file} (mode ${mode.toString(8)})`,
  opRename: (done: boolean, from: string, to: string) =>
    `${done ? 'moved' : 'move'} ${from} to ${to}`,
  opBackup: (done: boolean, file: string, copy: string) =>
    `${done ? 'copied' : 'copy'} ${file} to ${copy} (backup)`,
  opRemove: (done: boolean, file: string) => `${done ? 'removed' : 'remove'} ${file}`,
  opChmod: (done: boolean, file: string, mode: number) =>
    `${done ? 'made' : 'make'} ${file} executable (mode ${mode.toString(8)})`,

  chained: (original: string, chained: string, gitCommand = 'commit', uninstall = 'uninstall') =>
    `Your existing ${original} is kept as ${chained} and runs first${gitCommand === 'push' ? ' (with the same arguments and the same refs on stdin)' : ''}; its failure still blocks the ${gitCommand}. seg-hook ${uninstall} puts it back.`,
  restored: (original: string) => `Your original ${original} is back in place.`,
  huskyLine: (file: string) =>
    `${file} runs seg-hook first (one line marked "added by seg-hook install"); your other lines are unchanged. Commit ${file} and the helper next to it so that everyone gets the hook.`,
  alreadyRuns: (file: string, line: number) =>
    `seg-hook already runs from ${file} (line ${line}), so no hook was added (no file is scanned twice); run again with --force to add it anyway`,
  alreadyRunsViaLintStaged: (config: string) =>
    `seg-hook already runs through lint-staged (${config}) from this pre-commit hook, so no hook was added (no file is scanned twice); run again with --force to add it anyway`,
  /** An existing hook (or lint-staged) mentions seg-hook but does not demonstrably scan everything. */
  addedAnyway: (what: string, reason: string) =>
    `Note: ${what} mentions seg-hook, but ${reason}; so seg-hook's hook was added (a file scanned twice beats a file not scanned).`,
  npxWarning: (file: string, line: number, install = 'install') =>
    `Note: ${file} line ${line} runs seg-hook through npx: with stdin closed npx may download whatever is published under that name. Prefer node_modules/.bin/seg-hook, or remove that line and run seg-hook ${install}.`,
  lintStagedAlternative: (file: string) =>
    `Tip: ${file} runs lint-staged. Instead of this hook you can add "*": "seg-hook --staged" to lint-staged's configuration and run seg-hook uninstall; use one or the other, not both, so no file is scanned twice.`,
  lintStagedDouble: (config: string) =>
    `Note: lint-staged (${config}) also runs seg-hook; if lint-staged runs at commit time, remove one of the two so no file is scanned twice.`,
  huskyNotSetUp: (dir: string, install = 'install') =>
    `Note: ${dir} exists but git does not use it (core.hooksPath is not set to it): the hook went into the plain git hooks directory. If you set husky up later, run seg-hook ${install} again.`,
  leftAlone: (file: string) => `${file} was not written by seg-hook and is left alone.`,
  // seg-hook status
  statusHeader: (root: string) => `seg-hook status (${root}):`,
  statusAfterInstall: 'Check (seg-hook status):',
  statusLine: (hook: string, file: string, source: string) =>
    `${hook}: git runs ${file} (${source}).`,
  statusReach: (reach: string, gitCommand: string) =>
    reach === 'runs'
      ? 'seg-hook runs:'
      : reach === 'opted-out'
        ? 'seg-hook is switched off here:'
        : reach === 'blocks'
          ? `seg-hook cannot run, so every ${gitCommand} is blocked:`
          : `seg-hook does NOT run, so ${gitCommand === 'commit' ? 'commits are' : 'pushes are'} not scanned:`,
  sourceDefault: "git's default hooks directory",
  sourceHooksPath: (value: string, scope: string, origin: string) =>
    scope === 'local' || scope === 'worktree'
      ? `core.hooksPath ${value}, set in this repository`
      : `core.hooksPath ${value}, from your ${scope} git config ${origin}: hooks there run in every repository`,
  sourceHusky: (dir: string, version: number, scope?: string) =>
    `husky v${version}: core.hooksPath ${dir}${scope && scope !== 'local' && scope !== 'worktree' ? `, from your ${scope} git config` : ', set in this repository'}`,
  sourceGlobal: (dir: string) =>
    `seg-hook's machine-wide hooks, install --global: git's global core.hooksPath ${dir}`,
  noSuchFile: (file: string) => `there is no ${file}.`,
  notExecutable: (file: string) => `${file} is not executable, so git skips it.`,
  reachesLocal: (file: string, bin: string) => `${file} runs ${bin} (node from PATH).`,
  reachesRecorded: (file: string, script: string, node: string) =>
    `${file} runs ${script} with ${node}.`,
  reachesNothing: (file: string) =>
    `${file} is seg-hook's, but neither the project's node_modules/.bin/seg-hook nor a recorded seg-hook exists.`,
  reachesTheirs: (file: string, line: number) => `${file} runs seg-hook itself (line ${line}).`,
  reachesLintStaged: (file: string, config: string) =>
    `${file} runs lint-staged, which runs seg-hook on every staged file (${config}).`,
  doesNotReach: (file: string, reason: string) => `${file}: ${reason}.`,
  globalDoesNotScan: (hook: string) =>
    `the machine-wide hooks forward ${hook} to this repository's own hook without scanning.`,
  globalOverridden: (dir: string, value: string) =>
    `Note: seg-hook's machine-wide hooks (${dir}) do not run in this repository: its own core.hooksPath (${value}) overrides the global one. The lines above say whether this repository is protected anyway.`,
  optedOutStatus: (file: string) => `this repository opts out ("enabled": false in ${file}).`,

  globalInstalled: (dir: string, scans: string[], previous: string | null) =>
    `seg-hook: installed machine-wide (${scans.join(' and ')}): git's global core.hooksPath is now ${dir} (it was ${previous === null ? 'unset' : previous}). Every repository that does not set core.hooksPath itself runs seg-hook before each ${scans.map((s) => (s === 'pre-push' ? 'push' : 'commit')).join(' and ')}.`,
  globalUpToDate: (dir: string, scans: string[]) =>
    `seg-hook: already installed machine-wide (${scans.join(' and ')}) in ${dir} and up to date; nothing changed.`,
  globalRuns: (script: string, node: string, version: string) =>
    `The hooks run ${script} with ${node} (${version}), both recorded now (a repository's own node_modules is never run from them). If either is removed later, they block and say so; then run seg-hook install --global again.`,
  globalForwards: (count: number, previousDir: string) =>
    `All ${count} hooks git knows are forwarded, with their arguments and standard input, to ${previousDir === '' ? "each repository's own hooks (.git/hooks)" : previousDir}, after seg-hook's scan.`,
  globalOptOut:
    'A repository opts out by committing {"enabled": false} in its .seg-hookrc.json. A repository with its own core.hooksPath (husky) does not run these hooks: seg-hook status there says whether it is protected.',
  globalSetConfig: (dir: string) => `set git's global core.hooksPath to ${dir}`,
  globalRestoreConfig: (previous: string | null, done = false) =>
    previous === null
      ? `${done ? 'Unset' : 'unset'} git's global core.hooksPath${done ? ' (it was not set before install --global).' : ''}`
      : `${done ? 'Restored' : 'restore'} git's global core.hooksPath to ${previous}${done ? '.' : ''}`,
  globalConfigMoved: (value: string | null) =>
    `git's global core.hooksPath no longer points there (${value === null ? 'unset' : value}); it was left as it is.`,
  globalUninstalled: (dir: string) => `seg-hook: uninstalled the machine-wide hooks (${dir}).`,
  globalUninstalledOne: (hook: string, dir: string, dryRun: boolean) =>
    `seg-hook: ${dryRun ? 'would stop' : 'stopped'} scanning in the machine-wide ${hook} hook (${dir}); the hooks directory stays for the other hook.`,
  globalNotInstalled: (hook: string, dir: string) =>
    `seg-hook: the machine-wide ${hook} hook is not installed (${dir}); nothing changed.`,
  globalForeignFile: (file: string) =>
    `${file} exists and was not written by seg-hook install --global. Move it away and run install --global again; nothing was changed`,
  globalSeveralValues: (count: number) =>
    `your global git config sets core.hooksPath ${count} times (git uses the last); leave one and run the command again; nothing was changed`,
  /** `install` in one repository when the machine-wide hooks of seg-hook already cover it. */
  globalCovers: (dir: string) =>
    `seg-hook's machine-wide hooks (install --global, ${dir}) already run in this repository (seg-hook status shows what runs; seg-hook uninstall --global removes them)`,

  /** What the hook will run: the project's own seg-hook (node from PATH at commit time). */
  runsProjectBinary: (bin: string, node: string, version: string) =>
    `The hook runs ${bin} with the node on PATH at commit time (here: ${node}, ${version}); node must be on PATH where you commit (GUI clients: see Troubleshooting).`,
  /** What the hook will run: the seg-hook doing the install, recorded with its node. */
  runsRecorded: (script: string, node: string, version: string, bin: string) =>
    `The hook runs ${script} with ${node} (${version}), both recorded now; a ${bin} installed later runs instead. If either is removed later, the hook blocks and says so; then run seg-hook install again.`,
  npxCacheWarning: (script: string) =>
    `Note: ${script} is in npx's cache, which npm may clean at any time; install seg-hook for good (npm install -g seg-hook, or npm install -D seg-hook) and run install again.`,
} as const;
