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
    super(oneLine(message));
    this.name = 'ScanError';
  }
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Messages quote things we do not control (file names, JSON parser snippets, git's stderr):
 * control characters are escaped so the message stays one line and cannot forge output.
 */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (ch) => {
    return ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

export function isScanError(value: unknown): value is ScanError {
  return value instanceof ScanError;
}
