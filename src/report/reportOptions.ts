import type { Speaker } from './messages';

export interface ReportOptions {
  /** Show tokens redacted (the default). `--no-redact` turns this off for local debugging. */
  redact: boolean;
  color: boolean;
  /** The command to print and whether a hook runs it (default: `seg-hook`, by hand). */
  speaker?: Speaker;
}

export const BY_HAND: Speaker = { command: 'seg-hook', fromHook: false };
