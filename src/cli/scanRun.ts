/**
 * What every scan command shares: honour the bypass, check the --verify flags, scan, report,
 * and turn the findings into an exit code. Kept apart from the mode dispatch so the hook's
 * entry point (stagedHook.ts) does not pull in the range and history code.
 */
import { ScanError } from '../errors';
import { messages } from '../report/messages';
import { readSpeaker } from './invocation';
import type { ScanMode } from '../report/textReport';
import type { RepositoryOptions, RepositoryScan } from '../scan/repositoryScan';
import { scanStaged } from '../scan/scanStaged';
import { bypassVariable } from './bypass';
import { ExitCode } from './exitCodes';
import { Output } from './output';
import { attachVerifications, parseVerifyOptions } from './verifyOptions';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';
export const OUTPUT_FORMATS: OutputFormat[] = ['text', 'json', 'sarif', 'github'];

export interface ScanCommandOptions {
  format: OutputFormat;
  redact: boolean;
  config?: string;
  baseline?: string;
  paths: string[];
  staged?: boolean;
  range?: string;
  history?: boolean;
  /** Ask Segment's API whether each found token is live (opt-in: nothing is sent otherwise). */
  verify?: boolean;
  apiUrl?: string;
  timeout?: string;
}

export interface ScanContext {
  output: Output;
  env: NodeJS.ProcessEnv;
  /** seg-hook's version, read only by the reports that show it (SARIF). */
  version: () => string;
}

export function repositoryOptionsOf(
  options: Pick<ScanCommandOptions, 'config' | 'baseline'>,
  context: ScanContext,
): RepositoryOptions {
  return { configPath: options.config, baselinePath: options.baseline, env: context.env };
}

/** `--staged`, and the hook's own entry: the text report shows no counts, so none are made. */
export function runStagedScan(
  options: ScanCommandOptions,
  context: ScanContext,
): Promise<RepositoryScan> {
  const counts = options.format !== 'text';
  return scanStaged({
    ...repositoryOptionsOf(options, context),
    paths: options.paths,
    counts,
  });
}

export async function runWithReport(
  mode: ScanMode,
  options: ScanCommandOptions,
  context: ScanContext,
  scan: () => Promise<RepositoryScan>,
): Promise<number> {
  const bypass = bypassVariable(context.env);
  if (bypass) {
    context.output.err(`${messages.bypassWarning(bypass)}\n`);
    return ExitCode.CLEAN;
  }
  if (!options.verify && (options.apiUrl !== undefined || options.timeout !== undefined)) {
    // Without --verify nothing is sent: say so rather than ignore the flag.
    throw new ScanError('bad-arguments', '--api-url and --timeout only apply with --verify');
  }
  const verifyOptions = options.verify ? await parseVerifyOptions(options) : null;
  const result = await scan();
  if (result.optedOut !== undefined) {
    context.output.err(`${messages.optedOut(result.optedOut)}\n`);
    return ExitCode.CLEAN;
  }
  if (verifyOptions) await attachVerifications(result.findings, verifyOptions);
  await writeReport(result, mode, options, context);
  return result.findings.some((finding) => finding.blocking) ? ExitCode.FOUND : ExitCode.CLEAN;
}

async function writeReport(
  result: RepositoryScan,
  mode: ScanMode,
  options: ScanCommandOptions,
  { output, version, env }: ScanContext,
): Promise<void> {
  // How this seg-hook is run here: the command the advice and annotations print.
  const speaker = readSpeaker(env);
  const redact = { redact: options.redact, command: speaker.command };
  switch (options.format) {
    case 'json': {
      const { formatJsonReport } = await import('../report/jsonReport');
      output.out(formatJsonReport(result, redact));
      return;
    }
    case 'sarif': {
      const { formatSarifReport } = await import('../report/sarifReport');
      output.out(
        formatSarifReport(
          result.findings,
          version(),
          redact,
          result.policy?.changes ?? [],
          result.notices,
        ),
      );
      return;
    }
    case 'github': {
      const { formatGithubReport } = await import('../report/githubReport');
      output.out(
        formatGithubReport(result.findings, redact, result.policy?.changes ?? [], result.notices),
      );
      return;
    }
    default: {
      const { formatTextReport } = await import('../report/textReport');
      output.err(
        formatTextReport(result, { redact: options.redact, color: output.color, speaker }, mode),
      );
    }
  }
}
