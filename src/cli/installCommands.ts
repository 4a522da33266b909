/**
 * `install` / `uninstall` subcommands. The installer is loaded only when one of them runs, so
 * the scan (what every commit pays for) does not load it.
 */
import { Command } from 'commander';
import { ScanError } from '../errors';
import type { HookName } from '../install/core/hookKinds';
import { runningCommand } from './invocation';
import { ExitCode } from './exitCodes';
import { Output } from './output';

interface InstallFlags {
  dryRun?: boolean;
  force?: boolean;
  prePush?: boolean;
  global?: boolean;
}

export function registerInstallCommands(
  program: Command,
  output: Output,
  setExitCode: (code: number) => void,
): void {
  for (const command of ['install', 'uninstall'] as const) {
    program
      .command(command)
      .description(
        command === 'install'
          ? 'put seg-hook in front of every commit (plain git hooks, core.hooksPath, husky), keeping existing hooks; --pre-push: in front of every push'
          : 'remove what seg-hook install added and put back the hook it replaced (--pre-push: what install --pre-push added)',
      )
      .option(
        '--pre-push',
        command === 'install'
          ? 'install the pre-push hook instead (scans the commits a push sends); run both install and install --pre-push for both hooks'
          : 'uninstall the pre-push hook instead',
      )
      .option(
        '--global',
        command === 'install'
          ? "every repository of this user, existing and future: a hooks directory set as git's global core.hooksPath that runs seg-hook, then each repository's own hooks"
          : 'remove the machine-wide hooks of install --global and restore the previous global core.hooksPath',
      )
      .option('--dry-run', 'print what would change, change nothing')
      .option(
        '--force',
        'write into a core.hooksPath set outside this repository (global config), or add the hook where seg-hook already runs',
      )
      .action(async (flags: InstallFlags) => {
        if (flags.global) {
          if (flags.force)
            throw new ScanError('bad-arguments', '--global cannot be combined with --force');
          const global = await import('../install/global/globalInstall');
          const run = command === 'install' ? global.installGlobal : global.uninstallGlobal;
          const hook = flags.prePush ? 'pre-push' : 'pre-commit';
          const options = {
            cwd: process.cwd(),
            env: process.env,
            dryRun: Boolean(flags.dryRun),
            command: runningCommand(process.argv[1], process.cwd(), process.env),
          };
          const lines = await run({ ...options, hook });
          // Inside a repository: whether the machine-wide hooks reach seg-hook there.
          const check = command === 'install' && !flags.dryRun;
          const status = check ? await statusAfterInstall(hook).catch(() => []) : [];
          output.out(`${[...lines, ...status].join('\n')}\n`);
          setExitCode(ExitCode.CLEAN);
          return;
        }
        const installer = await import('../install/installer');
        const hook = flags.prePush ? 'pre-push' : 'pre-commit';
        const lines = await installer[command]({
          cwd: process.cwd(),
          env: process.env,
          dryRun: Boolean(flags.dryRun),
          force: Boolean(flags.force),
          hook,
          command: runningCommand(process.argv[1], process.cwd(), process.env),
        });
        // The same check as `seg-hook status`: a hook git does not run (husky moved
        // core.hooksPath, a global core.hooksPath) is said here, not found after a leak.
        const check = command === 'install' && !flags.dryRun;
        const status = check ? await statusAfterInstall(hook) : [];
        output.out(`${[...lines, ...status].join('\n')}\n`);
        setExitCode(ExitCode.CLEAN);
      });
  }

  program
    .command('status')
    .alias('doctor')
    .description(
      'which hook git really runs here for pre-commit and pre-push, whether it reaches seg-hook, and the command that fixes it (exit 1 when commits are not scanned)',
    )
    .action(async () => {
      const { checkStatus, formatStatus, statusExitCode } = await import('../install/status');
      const { installMessages } = await import('../install/installMessages');
      const status = await checkStatus(process.cwd(), process.env);
      output.out(
        `${[installMessages.statusHeader(status.root), ...formatStatus(status)].join('\n')}\n`,
      );
      setExitCode(statusExitCode(status.hooks));
    });
}

/** The lines `install` ends with: `seg-hook status` for the hook just installed. */
async function statusAfterInstall(hook: HookName): Promise<string[]> {
  const { checkStatus, formatStatus } = await import('../install/status');
  const { hookKind } = await import('../install/core/hookKinds');
  const { installMessages } = await import('../install/installMessages');
  const status = await checkStatus(process.cwd(), process.env, [hookKind(hook)]);
  return [installMessages.statusAfterInstall, ...formatStatus(status)];
}
