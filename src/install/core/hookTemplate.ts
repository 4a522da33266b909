/**
 * The hook scripts install writes, from the templates in hooks/: the one loader and the one
 * renderer for all of them (the machine-wide dispatcher's values are in global/globalHooks.ts).
 * hooks/pre-commit.sh is one template for both per-repository hooks. Its `# >>> name` …
 * `# <<< name` sections are kept or dropped: `pre-commit` / `pre-push` by the hook,
 * `chained-hook` for plain git hooks (it runs the hook that was there before; husky keeps the
 * user's lines itself and gets the script as a helper next to its hook file).
 */
import type { FileSnapshot } from './fileOps';
import fs from 'node:fs';
import path from 'node:path';
import { messages } from '../../report/messages';
import { installMessages } from '../installMessages';
import { HookKind, HOOK_KINDS, PRE_COMMIT } from './hookKinds';
import { inlineFragments } from './hookFragments';
import { findPackageRoot } from './packageRoot';
import { shellQuote, shellUnquote } from './shellQuote';

/** Bump when a rendered script changes: a hook with an older format is replaced. */
export const HOOK_FORMAT = 2;
const FORMAT_LINE = /^# seg-hook-managed-hook format=(\d+)$/m;
const PROJECT_LINE = /^seg_hook_project=(.*)$/m;
const RECORDED_NODE_LINE = /^seg_hook_recorded_node=(.*)$/m;
const RECORDED_SCRIPT_LINE = /^seg_hook_recorded_script=(.*)$/m;
const CHAINED = 'chained-hook';

/** A template of this package's hooks/ folder. */
export function templateFile(name: 'pre-commit.sh' | 'global-hook.sh'): string {
  return path.join(findPackageRoot(), 'hooks', name);
}

/** A template with CRLF read as LF and the shared fragments of its folder inlined. */
export function loadTemplate(file = templateFile('pre-commit.sh')): string {
  return inlineFragments(fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n'), path.dirname(file));
}

/**
 * Every `@NAME@` of `template` replaced by `fields[NAME]`, as given (callers shell-quote
 * values). A placeholder without a field is a bug: it throws rather than write a broken hook.
 */
export function fillTemplate(template: string, fields: Record<string, string>): string {
  return template.replace(/@([A-Z_]+)@/g, (_placeholder, name: string) => {
    const value = fields[name];
    if (value === undefined) throw new Error(`hook template: no value for @${name}@`);
    return value;
  });
}

export interface HookParams {
  /** Directory holding node_modules/.bin/seg-hook, relative to the work tree top ('.' for it). */
  projectDir: string;
  /** Plain git hooks run the previous hook first; husky keeps the user's lines itself. */
  chain: boolean;
  /** Which hook (default pre-commit). */
  hook?: HookKind;
  /** The seg-hook to run when the project has no node_modules/.bin/seg-hook (a global install). */
  recorded?: RecordedCommand | null;
}

/** A seg-hook outside the project, and the node that runs it, both absolute. */
export interface RecordedCommand {
  node: string;
  script: string;
}

export function renderHook(template: string, params: HookParams): string {
  const hook = params.hook ?? PRE_COMMIT;
  const binPath = path.posix.join(params.projectDir, 'node_modules/.bin/seg-hook');
  let body = template;
  for (const other of HOOK_KINDS) if (other !== hook) body = dropSection(body, other.name);
  body = params.chain ? body : dropSection(body, CHAINED);
  const recordedGone = installMessages.recordedGone(
    params.recorded?.script ?? '',
    params.recorded?.node ?? '',
    hook.gitCommand,
    `seg-hook install${hook.flag} in this repository`,
  );
  return fillTemplate(body.replace(/^# (>>>|<<<) [\w-]+.*\n/gm, ''), {
    FLAG: hook.flag,
    BLOCKED: hook.gitCommand === 'commit' ? 'commits' : 'pushes',
    GIT_COMMAND: hook.gitCommand,
    HOOK_NAME: hook.name,
    PROJECT_DIR: shellQuote(params.projectDir),
    RECORDED_NODE: shellQuote(params.recorded?.node ?? ''),
    RECORDED_SCRIPT: shellQuote(params.recorded?.script ?? ''),
    NO_NODE_MESSAGE: shellQuote(installMessages.noNode(hook.gitCommand)),
    RECORDED_GONE_MESSAGE: shellQuote(recordedGone),
    TEMP_FILE_MESSAGE: shellQuote(installMessages.noTempFile),
    SKIPPED_MESSAGE: shellQuote(messages.bypassWarning('SEG_HOOK_SKIP')),
    MISSING_MESSAGE: shellQuote(installMessages.missingBinary(binPath, hook.gitCommand)),
  });
}

/** `template` without every `# >>> name` … `# <<< name` section. */
function dropSection(template: string, name: string): string {
  return template.replace(
    new RegExp(`^# >>> ${name}\\b[^\\n]*\\n[\\s\\S]*?^# <<< ${name}\\n`, 'gm'),
    '',
  );
}

export interface ManagedHook {
  format: number;
  projectDir: string | null;
  /** The recorded seg-hook, null when none was (or the line cannot be read back). */
  recorded: RecordedCommand | null;
}

/** Our marker, and the parameters a hook was written with; null for a file we did not write. */
export function parseManagedHook(content: string): ManagedHook | null {
  const format = FORMAT_LINE.exec(content);
  if (!format) return null;
  const project = PROJECT_LINE.exec(content);
  const node = readQuoted(RECORDED_NODE_LINE, content);
  const script = readQuoted(RECORDED_SCRIPT_LINE, content);
  return {
    format: Number(format[1]),
    projectDir: project ? shellUnquote(project[1].trim()) : null,
    recorded: node && script ? { node, script } : null,
  };
}

function readQuoted(line: RegExp, content: string): string | null {
  const found = line.exec(content);
  return found ? shellUnquote(found[1].trim()) : null;
}

/** True when `content` is exactly what this version renders for the parameters it records. */
export function isPristine(
  content: string,
  template: string,
  chain: boolean,
  hook: HookKind = PRE_COMMIT,
): boolean {
  const managed = parseManagedHook(content);
  if (!managed || managed.format !== HOOK_FORMAT || managed.projectDir === null) return false;
  const { projectDir, recorded } = managed;
  return renderHook(template, { projectDir, chain, hook, recorded }) === content;
}

/** Mode of every hook file we write. */
export const HOOK_MODE = 0o755;

/** A regular file (not a link) holding a script we wrote. */
export function isOurHook(file: FileSnapshot | null): boolean {
  return file !== null && !file.symlink && parseManagedHook(file.content) !== null;
}
