/** The scan commands: pick the mode from the flags (staged, range, history, pre-push) and run it. */
import { ScanError } from '../errors';
import type { ScanMode } from '../report/textReport';
import { Output } from './output';
import {
  repositoryOptionsOf,
  runStagedScan,
  runWithReport,
  ScanCommandOptions,
  ScanContext,
} from './scanRun';

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
    return runStagedScan(options, context);
  });
}

/** The pre-push hook: git writes the pushed refs on standard input. */
export async function runPrePushCommand(
  remote: string | undefined,
  options: Omit<ScanCommandOptions, 'paths'>,
  context: ScanContext,
  readStdin: () => Promise<string>,
): Promise<number> {
  return runWithReport('push', { ...options, paths: [] }, context, async () => {
    const { scanPush } = await import('../scan/scanCommits');
    return scanPush(await readStdin(), { ...repositoryOptionsOf(options, context), remote });
  });
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
