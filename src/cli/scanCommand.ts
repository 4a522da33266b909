/** The scan commands: run a scan, then turn its result into output and an exit code. */
import { ScanError } from '../errors';
import { messages } from '../report/messages';
import type { ScanMode } from '../report/textReport';
import type { RepositoryOptions, RepositoryScan } from '../scan/repositoryScan';
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
  version: string;
}

export async function runScanCommand(
  options: ScanCommandOptions,
  context: ScanContext,
): Promise<number> {
  const mode = chooseMode(options);
  return runWithReport(mode, options, context, async () => {
    const repositoryOptions = repositoryOptionsOf(options, context);
    if (mode === 'range') {
      const { scanRange } = await import('../scan/scanCommits');
      return scanRange(options.range ?? '', repositoryOptions);
    }
    if (mode === 'history') {
      const { scanHistory } = await import('../scan/scanCommits');
      const progress = createProgress(context.output);
      try {
        return await scanHistory({ ...repositoryOptions, onCommit: progress.tick });
      } finally {
        progress.done();
      }
    }
    const { scanStaged } = await import('../scan/scanStaged');
    return scanStaged({ ...repositoryOptions, paths: options.paths });
  });
}

/** The pre-push hook: git writes the pushed refs on standard input. */
export async function runPrePushCommand(
  options: Omit<ScanCommandOptions, 'paths'>,
  context: ScanContext,
  readStdin: () => Promise<string>,
): Promise<number> {
  return runWithReport('range', { ...options, paths: [] }, context, async () => {
    const { scanPush } = await import('../scan/scanCommits');
    return scanPush(await readStdin(), repositoryOptionsOf(options, context));
  });
}

function repositoryOptionsOf(
  options: Pick<ScanCommandOptions, 'config' | 'baseline'>,
  context: ScanContext,
): RepositoryOptions {
  return { configPath: options.config, baselinePath: options.baseline, env: context.env };
}

async function runWithReport(
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
  if (verifyOptions) await attachVerifications(result.findings, verifyOptions);
  await writeReport(result, mode, options, context);
  return result.findings.some((finding) => finding.blocking) ? ExitCode.FOUND : ExitCode.CLEAN;
}

function chooseMode(options: ScanCommandOptions): ScanMode {
  const chosen = [
    options.staged && '--staged',
    options.range !== undefined && '--range',
    options.history && '--history',
  ].filter(Boolean);
  if (chosen.length > 1)
    throw new ScanError('bad-arguments', `${chosen.join(' and ')} cannot be combined`);
  if (options.paths.length && (options.range !== undefined || options.history)) {
    throw new ScanError('bad-arguments', 'paths can only limit a --staged scan');
  }
  if (options.range !== undefined) return 'range';
  return options.history ? 'history' : 'staged';
}

async function writeReport(
  result: RepositoryScan,
  mode: ScanMode,
  options: ScanCommandOptions,
  { output, version }: ScanContext,
): Promise<void> {
  const redact = { redact: options.redact };
  switch (options.format) {
    case 'json': {
      const { formatJsonReport } = await import('../report/jsonReport');
      output.out(formatJsonReport(result, redact));
      return;
    }
    case 'sarif': {
      const { formatSarifReport } = await import('../report/sarifReport');
      output.out(formatSarifReport(result.findings, version, redact));
      return;
    }
    case 'github': {
      const { formatGithubReport } = await import('../report/githubReport');
      output.out(formatGithubReport(result.findings, redact));
      return;
    }
    default: {
      const { formatTextReport } = await import('../report/textReport');
      output.err(formatTextReport(result, { ...redact, color: output.color }, mode));
    }
  }
}

/** "scanned N commits" on a terminal's stderr while a history scan runs; nothing otherwise. */
function createProgress(output: Output): { tick: () => void; done: () => void } {
  if (!output.isErrTTY) return { tick: () => undefined, done: () => undefined };
  let commits = 0;
  let last = 0;
  return {
    tick() {
      commits += 1;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      output.err(`\rseg-hook: scanned ${commits} commits…`);
    },
    done() {
      if (commits) output.err(`\rseg-hook: scanned ${commits} commits.   \n`);
    },
  };
}
