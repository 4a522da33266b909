/**
 * Whether an existing hook script demonstrably runs seg-hook over every staged file (or, for
 * pre-push, over the pushed commits) and blocks when it fails. Mentioning seg-hook is not
 * enough: `seg-hook explain`, a comment, a line inside an `if`, `seg-hook --staged || true`,
 * or a line whose exit status a later line overwrites (sh without -e) protect nothing. Pure:
 * the script's text in, a verdict with its reason out. When in doubt the answer is no (and
 * install adds its hook: a file scanned twice is better than a file not scanned).
 */
import { HookKind, PRE_COMMIT } from './hookKinds';
import { isOurLine } from './hookText';

export interface CommandLine {
  /** 1-based line number. */
  line: number;
  text: string;
}

export type Verdict =
  { runs: true; line: CommandLine } | { runs: false; line: CommandLine | null; reason: string };

/** The ways a project starts its own binary: npx, npm exec, pnpm, yarn, bunx, a path. */
const LAUNCHER = String.raw`(?:(?:npx|bunx|pnpx)(?:\s+--no-install|\s+--no)?\s+|npm\s+exec\s+(?:--\s+)?|pnpm\s+(?:exec\s+)?|yarn\s+)?(?:[^\s'"]*/)?`;
/** Options of a staged scan that do not narrow what is scanned. */
const SCAN_OPTION = String.raw`(?:--staged|--no-redact|--verify|(?:-f|--format|-c|--config|--baseline)(?:\s+|=)[^\s;&|]+)`;
const TRAILER = String.raw`(?<trailer>\s*(?:\|\|.*|&&.*))?\s*;?\s*$`;
const EXIT_TRAILER = /^\|\|\s*exit(?:\s+(?:"\$\?"|\$\?|[1-9]\d*))?\s*;?$/;
const STAGED_SCAN = new RegExp(
  String.raw`^(?<exec>exec\s+)?${LAUNCHER}seg-hook(?:\s+${SCAN_OPTION})*${TRAILER}`,
);
const PUSH_SCAN = new RegExp(
  String.raw`^(?<exec>exec\s+)?${LAUNCHER}seg-hook\s+pre-push(?:\s+${SCAN_OPTION})*(?:\s+"\$@"|\s+"?\$1"?\s+"?\$2"?)?${TRAILER}`,
);
/** A lint-staged task command that scans the files it is given (lint-staged appends them). */
const TASK_SCAN = new RegExp(String.raw`^${LAUNCHER}seg-hook(?:\s+${SCAN_OPTION})*\s*$`);

export function isStagedScanCommand(command: string): boolean {
  return TASK_SCAN.test(command.trim());
}

/** lint-staged options that keep its normal run over every staged file and its own config. */
const LINT_STAGED_OPTION = String.raw`(?:-q|--quiet|-v|--verbose|-d|--debug|--allow-empty|--no-stash|-p\s+\d+|--concurrent\s+\S+)`;
const LINT_STAGED = new RegExp(
  String.raw`^(?:cd\s+\S+\s+&&\s+)?(?<exec>exec\s+)?${LAUNCHER}lint-staged(?:\s+${LINT_STAGED_OPTION})*${TRAILER}`,
);
/** `seg-hook` as a command word anywhere on a line (the text-only check install used to do). */
const MENTION = /(^|[\s/'"`;&|(=])seg-hook(?=$|[\s'"`;&|)])/;
const ERREXIT = /^\s*set\s+(?:-[a-zA-Z]*e[a-zA-Z]*|-o\s+errexit)\b/;
const OPENERS = /^(?:if|case|for|while|until|\{)\b|\(\)\s*\{\s*$|\{\s*$/;
const CLOSERS = /^(?:fi|esac|done|\})\b/;

/** The hook (or husky's file) runs seg-hook itself, over everything, blocking on failure. */
export function analyseDirectRun(
  content: string,
  hook: HookKind = PRE_COMMIT,
  errexit = false,
): Verdict {
  const pattern = hook.name === 'pre-push' ? PUSH_SCAN : STAGED_SCAN;
  return analyse(content, pattern, errexit, (line) =>
    hook.name === 'pre-push'
      ? `line ${line} mentions seg-hook but is not a seg-hook pre-push scan of the pushed commits`
      : `line ${line} mentions seg-hook but is not a scan of every staged file (a subcommand, paths, or a different mode)`,
  );
}

/** The hook runs lint-staged with its own configuration, blocking on failure. */
export function analyseLintStagedRun(content: string, errexit = false): Verdict {
  return analyse(
    content,
    LINT_STAGED,
    errexit,
    (line) => `line ${line} runs lint-staged with options that change what it runs`,
  );
}

function analyse(
  content: string,
  pattern: RegExp,
  errexitFromRunner: boolean,
  notAScan: (line: number) => string,
): Verdict {
  const lines = content.replace(/\r\n/g, '\n').split('\n');
  const commands = commandLines(lines);
  let errexit = errexitFromRunner || /^#!.*\s-[a-zA-Z]*e/.test(lines[0] ?? '');
  let mention: CommandLine | null = null;
  for (const [index, command] of commands.entries()) {
    if (ERREXIT.test(command.text) && command.depth === 0) errexit = true;
    const match = pattern.exec(command.text);
    if (!match) {
      if (
        !mention &&
        (MENTION.test(command.text) ||
          (pattern === LINT_STAGED && /lint-staged/.test(command.text)))
      ) {
        mention = { line: command.line, text: command.text };
      }
      continue;
    }
    const found = { line: command.line, text: command.text };
    if (command.depth !== 0) {
      return {
        runs: false,
        line: found,
        reason: `line ${found.line} runs inside a condition, a loop or a function`,
      };
    }
    const trailer = match.groups?.trailer?.trim() ?? '';
    const last = index === commands.length - 1;
    // sh -e does not stop at a failure before `&&` or `||`: only exec, `|| exit`, or being the
    // hook's last command make a failing scan the hook's failure there.
    const blocks =
      match.groups?.exec !== undefined ||
      (trailer.startsWith('||')
        ? EXIT_TRAILER.test(trailer)
        : trailer.startsWith('&&')
          ? last
          : errexit || last);
    if (!blocks) {
      return {
        runs: false,
        line: found,
        reason: trailer.startsWith('||')
          ? `line ${found.line} ignores a failure of seg-hook (${trailer})`
          : `a failure on line ${found.line} does not stop the hook (no set -e, no "|| exit", and more commands follow)`,
      };
    }
    return { runs: true, line: found };
  }
  if (mention) return { runs: false, line: mention, reason: notAScan(mention.line) };
  return { runs: false, line: null, reason: 'it does not run seg-hook' };
}

interface Command {
  line: number;
  text: string;
  /** How many if/case/loop/function blocks are open around it. */
  depth: number;
}

/** Non-comment lines (ours excluded), with a rough count of the shell blocks around each. */
function commandLines(lines: string[]): Command[] {
  const result: Command[] = [];
  let depth = 0;
  for (const [index, raw] of lines.entries()) {
    const text = raw.trim();
    if (text === '' || text.startsWith('#') || isOurLine(text)) continue;
    if (CLOSERS.test(text)) depth = Math.max(0, depth - 1);
    result.push({ line: index + 1, text, depth });
    const oneLine = /\b(?:fi|esac|done)\s*;?\s*$|\}\s*;?\s*$/.test(text) && !/^\}/.test(text);
    if (OPENERS.test(text) && !oneLine) depth++;
  }
  return result;
}
