/**
 * The hook scripts install writes, rendered from hooks/pre-commit.sh, one template for both
 * hooks. Its `# >>> name` … `# <<< name` sections are kept or dropped: `pre-commit` / `pre-push`
 * by the hook, `chained-hook` for plain git hooks (it runs the hook that was there before; husky
 * keeps the user's lines itself and gets the script as a helper next to its hook file).
 */
import type { FileSnapshot } from './fileOps';
import fs from 'node:fs';
import path from 'node:path';
import { installMessages, messages } from '../report/messages';
import { HookKind, HOOK_KINDS, PRE_COMMIT } from './hookKinds';
import { inlineBypassRule } from './bypassRule';
import { findPackageRoot } from './packageRoot';
import { shellQuote, shellUnquote } from './shellQuote';

/** Bump when a rendered script changes: a hook with an older format is replaced. */
export const HOOK_FORMAT = 2;
const FORMAT_LINE = /^# seg-hook-managed-hook format=(\d+)$/m;
const PROJECT_LINE = /^seg_hook_project=(.*)$/m;
const RECORDED_NODE_LINE = /^seg_hook_recorded_node=(.*)$/m;
const RECORDED_SCRIPT_LINE = /^seg_hook_recorded_script=(.*)$/m;
const CHAINED = 'chained-hook';

export function loadTemplate(
  file = path.join(findPackageRoot(), 'hooks', 'pre-commit.sh'),
): string {
  return inlineBypassRule(fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n'), path.dirname(file));
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
  return body
    .replace(/^# (>>>|<<<) [\w-]+.*\n/gm, '')
    .replace(/@FLAG@/g, hook.flag)
    .replace('@BLOCKED@', hook.gitCommand === 'commit' ? 'commits' : 'pushes')
    .replace(/@GIT_COMMAND@/g, hook.gitCommand)
    .replace(/@HOOK_NAME@/g, hook.name)
    .replace('@PROJECT_DIR@', () => shellQuote(params.projectDir))
    .replace('@RECORDED_NODE@', () => shellQuote(params.recorded?.node ?? ''))
    .replace('@RECORDED_SCRIPT@', () => shellQuote(params.recorded?.script ?? ''))
    .replace('@NO_NODE_MESSAGE@', () => shellQuote(installMessages.noNode(hook.gitCommand)))
    .replace('@RECORDED_GONE_MESSAGE@', () =>
      shellQuote(
        installMessages.recordedGone(
          params.recorded?.script ?? '',
          params.recorded?.node ?? '',
          hook.gitCommand,
          `seg-hook install${hook.flag} in this repository`,
        ),
      ),
    )
    .replace('@TEMP_FILE_MESSAGE@', () => shellQuote(installMessages.noTempFile))
    .replace('@SKIPPED_MESSAGE@', () => shellQuote(messages.bypassWarning('SEG_HOOK_SKIP')))
    .replace('@MISSING_MESSAGE@', () =>
      shellQuote(installMessages.missingBinary(binPath, hook.gitCommand)),
    );
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
