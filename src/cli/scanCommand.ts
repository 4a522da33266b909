/** The scan command: runs a staged scan and turns its result into output and an exit code. */
import { ScanResult } from '../types';
import { formatJsonReport } from '../report/jsonReport';
import { formatTextReport } from '../report/textReport';
import { messages } from '../report/messages';
import { scanStaged } from '../scan/scanStaged';
import { bypassVariable } from './bypass';
import { attachVerifications, parseVerifyOptions } from './verifyOptions';
import { ExitCode } from './exitCodes';
import { Output } from './output';

export type OutputFormat = 'text' | 'json';
export const OUTPUT_FORMATS: OutputFormat[] = ['text', 'json'];

export interface ScanCommandOptions {
  format: OutputFormat;
  redact: boolean;
  config?: string;
  paths: string[];
  /** Ask Segment's API whether each found token is live (opt-in: nothing is sent otherwise). */
  verify?: boolean;
  apiUrl?: string;
  timeout?: string;
}

export async function runScanCommand(
  options: ScanCommandOptions,
  output: Output,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const bypass = bypassVariable(env);
  if (bypass) {
    output.err(`${messages.bypassWarning(bypass)}\n`);
    return ExitCode.CLEAN;
  }
  const verifyOptions = options.verify ? await parseVerifyOptions(options) : null;
  const result = await scanStaged({ paths: options.paths, configPath: options.config, env });
  if (verifyOptions) await attachVerifications(result.findings, verifyOptions);
  writeReport(result, options, output);
  return result.findings.some((finding) => finding.blocking) ? ExitCode.FOUND : ExitCode.CLEAN;
}

function writeReport(result: ScanResult, options: ScanCommandOptions, output: Output): void {
  if (options.format === 'json') {
    output.out(formatJsonReport(result, options));
    return;
  }
  output.err(formatTextReport(result, { redact: options.redact, color: output.color }));
}
