/**
 * Shared support for the `seg-hook --staged` integration tests: every token a test makes is
 * remembered, and every output the CLI (or a hook it runs in) produces is swept for them.
 * A full token in any captured output fails the test, unless the run opted into --no-redact.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, isolatedEnv, JsonFinding, JsonReport, RunResult, TempRepo } from '../helpers/gitRepo';
import { makeSourcegraphToken, makeToken, PREFIX } from '../helpers/tokens';

export { CLI, isolatedEnv, PREFIX };
export type { JsonFinding, JsonReport, RunResult };

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Where a finding is: what tests compare across settings and names. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

export class ScanSession {
  private readonly tokens = new Set<string>();
  private readonly repos: TempRepo[] = [];
  private readonly dirs: string[] = [];

  /** A Segment-shaped token, remembered for the leak sweep. */
  token(bodyLength = 64): string {
    return this.remember(makeToken(bodyLength));
  }

  sourcegraphToken(shape: 'hex40' | 'id' | 'local' = 'hex40'): string {
    return this.remember(makeSourcegraphToken(shape));
  }

  remember(token: string): string {
    this.tokens.add(token);
    return token;
  }

  repo(): TempRepo {
    const repo = new TempRepo();
    this.repos.push(repo);
    return repo;
  }

  /** A temp directory that is not inside any git repository. */
  tempDir(prefix = 'seg-hook-plain-'): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    this.dirs.push(dir);
    return dir;
  }

  /** Run the built CLI in `repo`; its output is swept for tokens unless --no-redact was given. */
  scan(repo: TempRepo, args: string[] = [], options: RunOptions = {}): RunResult {
    const result = repo.segHook(args, { ...options, env: options.env ?? isolatedEnv() });
    if (!args.includes('--no-redact')) this.assertNoLeak(result);
    return result;
  }

  /** Run with --format json; returns the parsed report (stdout must be JSON). */
  json(
    repo: TempRepo,
    args: string[] = [],
    options: RunOptions = {},
  ): RunResult & { report: JsonReport } {
    const result = this.scan(repo, ['--format', 'json', ...args], options);
    if (result.status === 2) throw new Error(`seg-hook could not scan: ${result.stderr}`);
    return { ...result, report: JSON.parse(result.stdout) as JsonReport };
  }

  /** Findings' locations, in report order. */
  locations(repo: TempRepo, args: string[] = [], options: RunOptions = {}): Location[] {
    return this.json(repo, args, options).report.findings.map(({ file, line, column }) => ({
      file,
      line,
      column,
    }));
  }

  /** Run any command (e.g. `git commit` with a hook that runs the CLI); output is swept. */
  run(repo: TempRepo, command: string, args: string[], options: RunOptions = {}): RunResult {
    const result = repo.run(command, args, { ...options, env: options.env ?? isolatedEnv() });
    this.assertNoLeak(result);
    return result;
  }

  assertNoLeak(result: RunResult): void {
    for (const token of this.tokens) {
      for (const [stream, text] of [
        ['stdout', result.stdout],
        ['stderr', result.stderr],
      ] as const) {
        if (text.includes(token)) {
          // Say which token without printing it.
          throw new Error(
            `a full token (${token.slice(0, PREFIX.length + 2)}…, ${token.length} chars) leaked on ${stream}`,
          );
        }
      }
    }
  }

  cleanup(): void {
    for (const repo of this.repos.splice(0)) repo.cleanup();
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** 1-based line and column (UTF-16 code units) of `needle` in `content`, as seg-hook reports them. */
export function positionOf(
  content: string,
  needle: string,
  occurrence = 0,
): { line: number; column: number; endColumn: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = content.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`needle not found (occurrence ${occurrence})`);
  }
  const before = content.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  const column = index - lineStart + 1;
  return { line, column, endColumn: column + needle.length };
}

/** The redacted form the contract allows: the prefix, the first two and last two body chars. */
export function redactedForm(token: string): string {
  const body = token.slice(PREFIX.length);
  return `${PREFIX}${body.slice(0, 2)}…${body.slice(-2)}`;
}

/** Non-empty lines of a stream. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** A shell script (mode 755) in `dir`; used for hostile diff drivers and the test hook. */
export function writeScript(file: string, body: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}
