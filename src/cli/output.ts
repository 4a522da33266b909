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
  // Streams are touched only when something is written: a clean commit writes nothing.
  return {
    out: (text) => void tolerant(process.stdout).write(sweep(text)),
    err: (text) => void tolerant(process.stderr).write(sweep(text)),
    get color() {
      return wantsColor(env, Boolean(process.stderr.isTTY));
    },
    get isErrTTY() {
      return Boolean(process.stderr.isTTY);
    },
  };
}

const guarded = new WeakSet<NodeJS.WriteStream>();

/**
 * A reader that stops early (`seg-hook --help | head -1`) closes the pipe: the write fails
 * with EPIPE. That is no reason for a stack trace, nor for a different exit code: the rest of
 * the output is dropped and the scan's own exit code stands.
 */
function tolerant(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (!guarded.has(stream)) {
    guarded.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return stream;
}

export function wantsColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false')
    return true;
  return isTTY && env.TERM !== 'dumb';
}
