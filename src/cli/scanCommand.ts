/** The scan commands: pick the mode from the flags (staged, range, history, pre-push) and run it. */
import { ScanError } from '../errors';
import { formatProgress } from '../report/progress';
import type { CommitScanOptions } from '../scan/scanCommits';
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
    if (mode === 'staged') return runStagedScan(options, context);
    const { scanHistory, scanRange } = await import('../scan/scanCommits');
    const progress = createProgress(context.output);
    try {
      const commitOptions = { ...repositoryOptions, ...progress.options };
      return mode === 'range'
        ? await scanRange(options.range ?? '', commitOptions)
        : await scanHistory(commitOptions);
    } finally {
      progress.done();
    }
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

/**
 * "scanned 76/2764 commits (2%), about 18 s left" on a terminal's stderr while a history or
 * range scan runs. Nothing otherwise (CI logs, pipes): not even the count is asked of git.
 */
function createProgress(output: Output): {
  options: Pick<CommitScanOptions, 'onCommit' | 'onTotal'>;
  done: () => void;
} {
  if (!output.isErrTTY) return { options: {}, done: () => undefined };
  let total: number | null = null;
  let commits = 0;
  let started = 0;
  let shown = 0;
  return {
    options: {
      onTotal(count) {
        total = count;
      },
      onCommit() {
        const now = Date.now();
        if (commits === 0) started = now;
        commits += 1;
        if (now - shown < 100) return;
        shown = now;
        // \x1b[K clears what a longer previous line left behind.
        output.err(`\r${formatProgress({ done: commits, total, elapsedMs: now - started })}\x1b[K`);
      },
    },
    done() {
      if (commits) output.err(`\rseg-hook: scanned ${commits} commits.\x1b[K\n`);
    },
  };
}
