/**
 * The only writer to stdout/stderr. Unless --no-redact was given, every line passes through
 * the token redaction sweep on its way out, whatever produced it.
 */
import { redactTokensInText } from '../report/redact';

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Colours for stderr: a TTY, NO_COLOR unset (or FORCE_COLOR set), TERM not "dumb". */
  readonly color: boolean;
  /** stderr is a terminal (progress indicators are shown only there). */
  readonly isErrTTY: boolean;
}

export function createOutput(redact: boolean, env: NodeJS.ProcessEnv = process.env): Output {
  const sweep = redact ? redactTokensInText : (text: string) => text;
  return {
    out: (text) => void process.stdout.write(sweep(text)),
    err: (text) => void process.stderr.write(sweep(text)),
    color: wantsColor(env, Boolean(process.stderr.isTTY)),
    isErrTTY: Boolean(process.stderr.isTTY),
  };
}

export function wantsColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false')
    return true;
  return isTTY && env.TERM !== 'dumb';
}
