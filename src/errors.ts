/**
 * Errors are values with a kind. The CLI maps every one of them to exit code 2 and a single
 * line; nothing below the CLI prints or exits.
 */
export type ScanErrorKind =
  | 'not-a-repo'
  | 'git-missing'
  | 'git-failed'
  | 'bad-diff'
  | 'bad-config'
  | 'bad-arguments'
  | 'install-failed';

export class ScanError extends Error {
  constructor(
    readonly kind: ScanErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ScanError';
  }
}

export function isScanError(value: unknown): value is ScanError {
  return value instanceof ScanError;
}
