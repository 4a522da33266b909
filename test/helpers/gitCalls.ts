/**
 * Which git commands a run of the CLI really started: a wrapper named `git`, first on PATH,
 * appends its arguments to a log and execs the real git. Tests that name a route of the staged
 * scan (src/scan/stagedCommands.ts) read the log to show that route ran.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The commands that tell the staged scan's routes apart. */
export type GitStep =
  | 'diff --raw -p' // the list of changes, followed by the whole patch
  | 'diff -p' // the patch of some or all changes, after the list
  | 'diff --numstat'
  | 'grep' // the needle lines of new files
  | string; // any other subcommand, by name

/** How a staged scan read the commit, from its steps. */
export type StagedRoute =
  | 'one patch' // up to 64 changes: the list and the patch from one git
  | 'patch' // more: git stopped after the list, the patch of every change read again
  | 'grep' // more, all new files: git grep alone
  | 'grep + patch'; // more: git grep for the new files, the patch of the others

export class GitCallLog {
  readonly dir: string;
  private readonly log: string;

  constructor() {
    this.dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-git-log-')));
    this.log = path.join(this.dir, 'calls.log');
    const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    if (realGit === '') throw new Error('git is not on PATH');
    // One record per call, NUL-terminated: a pathspec may hold a newline.
    fs.writeFileSync(
      path.join(this.dir, 'git'),
      `#!/bin/sh\nprintf '%s\\0' "$*" >> '${this.log}'\nexec '${realGit}' "$@"\n`,
      { mode: 0o755 },
    );
  }

  /** `env` with the wrapper first on PATH. */
  env(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return { ...env, PATH: `${this.dir}${path.delimiter}${env.PATH ?? process.env.PATH ?? ''}` };
  }

  /** The calls logged since the last `take`, each as its arguments joined by spaces; clears the log. */
  take(): string[] {
    if (!fs.existsSync(this.log)) return [];
    const text = fs.readFileSync(this.log, 'utf8');
    fs.rmSync(this.log);
    return text.split('\0').slice(0, -1);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** What one logged call did (see GitStep). */
export function stepOf(call: string): GitStep {
  const args = call.split(' ');
  let i = 0;
  // Global options before the subcommand: `-c key=value` pairs and flags.
  while (i < args.length && args[i].startsWith('-')) i += args[i] === '-c' ? 2 : 1;
  const command = args[i] ?? '';
  if (command === 'diff') {
    if (args.includes('--numstat')) return 'diff --numstat';
    if (args.includes('--raw') && args.includes('-p')) return 'diff --raw -p';
    if (args.includes('--cached') && args.includes('--unified=0')) return 'diff -p';
  }
  return command;
}

/** The route a staged scan took, from its logged calls; throws when they fit no route. */
export function stagedRouteOf(calls: string[]): StagedRoute {
  const steps = calls.map(stepOf).filter((step) => step !== 'diff --numstat');
  const reads = steps.filter((step) => step === 'diff -p' || step === 'grep');
  if (steps[0] !== 'diff --raw -p') throw new Error(`no list of changes first: ${steps}`);
  const greps = reads.filter((step) => step === 'grep').length;
  const patches = reads.filter((step) => step === 'diff -p').length;
  if (greps === 0 && patches === 0) return 'one patch';
  if (patches > 1) throw new Error(`more than one patch read after the list: ${steps}`);
  if (greps === 0) return 'patch';
  return patches === 0 ? 'grep' : 'grep + patch';
}
