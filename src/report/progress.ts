/**
 * The progress line of a long scan (`--history`, `--range`) on a terminal: done/total,
 * percent and the time left, estimated from the pace so far. Pure: the clock is passed in.
 */
export interface ProgressState {
  done: number;
  /** From `git rev-list --count`; null when unknown (then only the count is shown). */
  total: number | null;
  elapsedMs: number;
}

/** "scanned 76/2764 commits (2%), about 17 s left" */
export function formatProgress({ done, total, elapsedMs }: ProgressState): string {
  if (total === null || total <= 0) return `seg-hook: scanned ${done} commits…`;
  const shown = Math.min(done, total);
  const percent = Math.floor((shown / total) * 100);
  return `seg-hook: scanned ${shown}/${total} commits (${percent}%), ${timeLeft(shown, total, elapsedMs)}`;
}

/** Estimated from the average pace; "estimating…" until a few commits and half a second. */
export function timeLeft(done: number, total: number, elapsedMs: number): string {
  if (done < 3 || elapsedMs < 500) return 'estimating time left…';
  const leftMs = (elapsedMs / done) * (total - done);
  return `about ${formatDuration(leftMs)} left`;
}

export function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
}
