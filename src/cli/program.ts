/** Command-line parsing (commander) and dispatch. Errors become one line and exit code 2. */
import { Command, CommanderError, Option } from 'commander';
import { BASELINE_FILE } from '../baseline/baseline';
import { existsSync } from 'node:fs';
import { ScanError } from '../errors';
import { Blocked, messages } from '../report/messages';
import { closestWord } from '../report/suggest';
import { ExitCode } from './exitCodes';
import { registerInstallCommands } from './installCommands';
import { reportFailure } from './failure';
import { stagedBlocked } from './invocation';
import { createOutput, Output } from './output';
import { packageVersion } from './packageVersion';
import type { VerifyCommandOptions } from './verifyCommand';
import type { BaselineCommandOptions } from './baselineCommand';
import { runScanCommand } from './scanCommand';
import { OUTPUT_FORMATS, ScanCommandOptions } from './scanRun';

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const redact = !argv.includes('--no-redact');
  const output = createOutput(redact, env);
  let exitCode: number = ExitCode.CLEAN;
  // What a failure stops, said in its message: set by the command that runs.
  let blocked: Blocked = null;
  const program = buildProgram(
    output,
    env,
    (code) => (exitCode = code),
    (what) => (blocked = what),
  );
  try {
    rejectUnknownHelpTopic(program, argv);
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, output, env, blocked);
  }
}

/** Names of the commands, for "did you mean". */
function commandNames(program: Command): string[] {
  return program.commands.map((command) => command.name());
}

/** `seg-hook help explian`: commander prints the whole help, then fails oddly. Say what is wrong. */
function rejectUnknownHelpTopic(program: Command, argv: string[]): void {
  if (argv[0] !== 'help' || argv.length < 2) return;
  const names = commandNames(program);
  const topic = argv[1];
  if (names.includes(topic)) return;
  throw new ScanError(
    'bad-arguments',
    messages.unknownHelpTopic(topic, closestWord(topic, names), names),
  );
}

/** `seg-hook instal` is read as a file to scan: when no such file exists, say what was meant. */
function rejectMistypedCommand(program: Command, paths: string[]): void {
  const names = commandNames(program).filter((name) => name !== 'help');
  for (const word of paths) {
    if (existsSync(word)) continue;
    const command = closestWord(word, names);
    if (command) throw new ScanError('bad-arguments', messages.pathLooksLikeCommand(word, command));
  }
}

function buildProgram(
  output: Output,
  env: NodeJS.ProcessEnv,
  setExitCode: (code: number) => void,
  setBlocked: (what: Blocked) => void,
): Command {
  const version = packageVersion();
  const program = new Command('seg-hook')
    .description('Blocks commits that add Segment Public API tokens (sgp_...).')
    .version(version, '-v, --version')
    .argument('[paths...]', 'limit the scan to these staged files (absolute or relative paths)')
    .option('--staged', 'scan what the next commit would add (the default mode)')
    .option('--range <A..B>', 'scan every commit in a range, commit by commit (CI, pull requests)')
    .option('--history', 'audit every commit reachable from any ref')
    .option('--baseline <file>', `baseline file (default: ${BASELINE_FILE} at the root, if any)`)
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(OUTPUT_FORMATS).default('text'),
    )
    .option('--no-redact', 'show full tokens (local debugging only; never in CI)')
    .option('-c, --config <file>', 'use this configuration file instead of the repository root one')
    .option(
      '--verify',
      "ask Segment's API whether each found token is live (sends the token to Segment)",
    )
    .option(
      '--api-url <url>',
      'Segment Public API base URL for --verify (default: https://api.segmentapis.com)',
    )
    .option('--timeout <ms>', 'time limit of each --verify request in milliseconds (default: 5000)')
    .addHelpText(
      'after',
      '\nExit codes: 0 nothing found, 1 tokens found (commit blocked), 2 could not scan.\nBypass once: SEG_HOOK_SKIP=1 (or SKIP=seg-hook), or git commit --no-verify.\n',
    )
    .showSuggestionAfterError(true)
    // Program options go before a subcommand; `verify` has its own --format and --api-url.
    .enablePositionalOptions()
    // `seg-hook help [command]`, so "help" is never taken for a file name.
    .helpCommand(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.out(text),
      writeErr: (text) => output.err(text),
      // Commander's own error text is replaced by our one-line form in reportError.
      outputError: () => undefined,
    })
    .action(async (paths: string[], options: Omit<ScanCommandOptions, 'paths'>) => {
      // The staged scan is the pre-commit hook's: its failure blocks the commit.
      setBlocked(options.range === undefined && !options.history ? stagedBlocked(env) : null);
      rejectMistypedCommand(program, paths);
      setExitCode(await runScanCommand({ ...options, paths }, context));
    });
  const context = { output, env, version: () => version };

  program
    .command('pre-push')
    .description("scan the commits a push would add (run by the pre-push hook; reads git's stdin)")
    .argument('[remote]', 'name of the remote, or its URL (passed by git)')
    .argument('[url]', 'URL of the remote (passed by git; unused)')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(OUTPUT_FORMATS).default('text'),
    )
    .option('--no-redact', 'show full tokens (local debugging only)')
    .option('-c, --config <file>', 'configuration file')
    .option('--baseline <file>', 'baseline file')
    .action(async (remote: string, _url: string, options: Omit<ScanCommandOptions, 'paths'>) => {
      setBlocked('push');
      const { runPrePushCommand } = await import('./scanCommand');
      const { readStdin } = await import('./stdin');
      setExitCode(
        await runPrePushCommand(remote, options, context, () =>
          readStdin(1 << 20, 'pre-push input is too large'),
        ),
      );
    });

  program
    .command('baseline')
    .description(`record the current findings (tracked tree, or --history) in ${BASELINE_FILE}`)
    .option('--history', 'record findings from every commit instead of the tracked tree')
    .option('-o, --output <file>', 'where to write the baseline', BASELINE_FILE)
    .option('-c, --config <file>', 'configuration file')
    .action(async (options: BaselineCommandOptions) => {
      const { runBaselineCommand } = await import('./baselineCommand');
      setExitCode(await runBaselineCommand(options, context));
    });

  program
    .command('explain')
    .description('print the full remediation runbook for an exposed token')
    .action(async () => {
      const { RUNBOOK } = await import('../report/runbook');
      output.out(RUNBOOK);
    });

  program
    .command('verify')
    .description("read a token from standard input and ask Segment's API whether it is active")
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .option('--api-url <url>', 'Segment Public API base URL', 'https://api.segmentapis.com')
    .option('--timeout <ms>', 'time limit of the request in milliseconds', '5000')
    .action(async (options: VerifyCommandOptions) => {
      const { runVerifyCommand } = await import('./verifyCommand');
      setExitCode(await runVerifyCommand(options, output));
    });

  registerInstallCommands(program, output, setExitCode);
  return program;
}

function reportError(
  error: unknown,
  output: Output,
  env: NodeJS.ProcessEnv,
  blocked: Blocked,
): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return ExitCode.CLEAN; // --help, --version
    // One line, keeping commander's "(Did you mean --format?)" that follows on the next.
    const reason = error.message
      .replace(/^error: /, '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' ');
    output.err(`${messages.badArguments(reason)}\n`);
    return ExitCode.CANNOT_SCAN;
  }
  return reportFailure(error, output, env, blocked);
}
