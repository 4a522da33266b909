/** `install` / `uninstall` subcommands (filled in by the installer work). */
import { Command } from 'commander';
import { Output } from './output';

export function registerInstallCommands(
  _program: Command,
  _output: Output,
  _setExitCode: (code: number) => void,
): void {}
