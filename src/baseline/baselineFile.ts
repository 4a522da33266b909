/** Reading and writing the baseline file. A malformed one is an error, never ignored. */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ScanError } from '../errors';
import {
  Baseline,
  BASELINE_FILE,
  BaselineIndex,
  EMPTY_BASELINE,
  indexBaseline,
  serializeBaseline,
} from './baseline';

/** The baseline from `explicitPath`, else from the root's baseline file if there is one. */
export async function loadBaseline(root: string, explicitPath?: string): Promise<BaselineIndex> {
  const file = explicitPath ? resolve(explicitPath) : join(root, BASELINE_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!explicitPath && (error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_BASELINE;
    throw new ScanError(
      'bad-config',
      `${file}: cannot read the baseline (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return parseBaseline(text, file);
}

/** A baseline file's text (`file` names it in errors: a path, or a path at a commit). */
export async function parseBaseline(text: string, file: string): Promise<BaselineIndex> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ScanError('bad-config', `${file}: invalid JSON (${(error as Error).message})`);
  }
  const { baselineSchema } = await import('./baselineSchema');
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.join('.') || 'top level';
    const hint = issue.path.at(-1) === 'files' ? ' (the list of files the token may stay in)' : '';
    throw new ScanError('bad-config', `${file}: ${where}: ${issue.message}${hint}`);
  }
  return indexBaseline(parsed.data.entries);
}

/** Writes atomically (temp file + rename) so an interrupted run never leaves half a file. */
export function writeBaseline(file: string, baseline: Baseline): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, serializeBaseline(baseline));
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new ScanError(
      'bad-arguments',
      `cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}
