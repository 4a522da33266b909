/** Turns a failure of a git process into a ScanError with a kind and one line of reason. */
import { ScanError } from '../errors';

export function gitFailure(error: unknown, what: string): ScanError {
  if (error instanceof ScanError) return error;
  const err = error as NodeJS.ErrnoException & { message?: string };
  const text = String(err?.message ?? error);
  if (err?.code === 'ENOENT' || /spawn git ENOENT/.test(text)) {
    return new ScanError('git-missing', 'git was not found on PATH');
  }
  return fromGitStderr(text, what);
}

export function fromGitStderr(stderr: string, what: string): ScanError {
  const lines = stderr.split('\n').map((line) => line.trim());
  // git's "fatal:" line says what went wrong ("index file corrupt"); an "error:" before it
  // is often a detail ("bad signature 0x…").
  const firstLine =
    lines.find((line) => line.startsWith('fatal:')) ??
    lines.find((line) => line.startsWith('error:')) ??
    lines.find((line) => line !== '') ??
    'git failed without a message';
  if (/not a git repository/i.test(firstLine)) {
    return new ScanError('not-a-repo', 'not inside a git repository');
  }
  if (/must be run in a work tree/i.test(firstLine)) {
    return new ScanError('not-a-repo', 'this is a bare repository (no work tree to commit from)');
  }
  return new ScanError('git-failed', `${what} failed: ${firstLine.trim()}`);
}
