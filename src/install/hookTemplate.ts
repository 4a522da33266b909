/**
 * The hook script install writes, rendered from hooks/pre-commit.sh. Plain git hooks get the
 * whole script (it chains the hook that was there before); husky gets it without the chained
 * section, as a helper next to its pre-commit file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { installMessages, messages } from '../report/messages';
import { findPackageRoot } from './packageRoot';
import { shellQuote, shellUnquote } from './shellQuote';

/** Bump when the rendered script changes: a hook with an older format is replaced. */
export const HOOK_FORMAT = 1;
const FORMAT_LINE = /^# seg-hook-managed-hook format=(\d+)$/m;
const PROJECT_LINE = /^seg_hook_project=(.*)$/m;
const CHAINED_SECTION = /^# >>> chained-hook[^\n]*\n[\s\S]*?^# <<< chained-hook\n/m;

export function loadTemplate(
  file = path.join(findPackageRoot(), 'hooks', 'pre-commit.sh'),
): string {
  return fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
}

export interface HookParams {
  /** Directory holding node_modules/.bin/seg-hook, relative to the work tree top ('.' for it). */
  projectDir: string;
  /** Plain git hooks run the previous pre-commit hook first; husky keeps the user's lines itself. */
  chain: boolean;
}

export function renderHook(template: string, params: HookParams): string {
  const binPath = path.posix.join(params.projectDir, 'node_modules/.bin/seg-hook');
  const body = params.chain
    ? template.replace(/^# (>>>|<<<) chained-hook.*\n/gm, '')
    : template.replace(CHAINED_SECTION, '');
  return body
    .replace('@PROJECT_DIR@', () => shellQuote(params.projectDir))
    .replace('@SKIPPED_MESSAGE@', () => shellQuote(messages.bypassWarning('SEG_HOOK_SKIP')))
    .replace('@MISSING_MESSAGE@', () => shellQuote(installMessages.missingBinary(binPath)));
}

export interface ManagedHook {
  format: number;
  projectDir: string | null;
}

/** Our marker, and the parameters a hook was written with; null for a file we did not write. */
export function parseManagedHook(content: string): ManagedHook | null {
  const format = FORMAT_LINE.exec(content);
  if (!format) return null;
  const project = PROJECT_LINE.exec(content);
  return {
    format: Number(format[1]),
    projectDir: project ? shellUnquote(project[1].trim()) : null,
  };
}

/** True when `content` is exactly what this version renders for the parameters it records. */
export function isPristine(content: string, template: string, chain: boolean): boolean {
  const managed = parseManagedHook(content);
  if (!managed || managed.format !== HOOK_FORMAT || managed.projectDir === null) return false;
  return renderHook(template, { projectDir: managed.projectDir, chain }) === content;
}
