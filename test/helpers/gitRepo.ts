/**
 * Real git repositories in temp directories, isolated from the machine's global git config,
 * and a runner for the built CLI as a user would invoke it.
 */
import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CLI = path.resolve(__dirname, '../../dist/cli/main.js');

/** An environment without the caller's git settings: no global/system config, fixed identity. */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    // The caller's git settings, bypasses and HUSKY=0 (set by CI installs) must not leak in.
    if (!name.startsWith('GIT_') && !['SEG_HOOK_SKIP', 'SKIP', 'HUSKY'].includes(name))
      env[name] = value;
  }
  return {
    ...env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    NO_COLOR: '1',
    ...extra,
  };
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export class TempRepo {
  readonly dir: string;

  constructor(prefix = 'seg-hook-test-') {
    this.dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    this.git('init', '-q', '-b', 'main');
  }

  /** Run git in the repo; throws with git's stderr on failure. */
  git(...args: string[]): string {
    const result = this.run('git', args);
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  }

  /** Run git and return the whole result (for commits that a hook may block). */
  tryGit(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): RunResult {
    return this.run('git', args, options);
  }

  write(file: string, content: string | Buffer): void {
    const full = path.join(this.dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), 'utf8');
  }

  remove(file: string): void {
    fs.rmSync(path.join(this.dir, file), { force: true });
  }

  /** Write and stage files in one go. */
  stage(files: Record<string, string | Buffer>): void {
    for (const [file, content] of Object.entries(files)) this.write(file, content);
    this.git('add', '--', ...Object.keys(files));
  }

  commit(message = 'commit'): void {
    this.git('commit', '-q', '--no-verify', '-m', message);
  }

  /** Run the built seg-hook CLI. */
  segHook(args: string[] = [], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): RunResult {
    return this.run(process.execPath, [CLI, ...args], options);
  }

  /** Run the CLI with --format json and parse its stdout. */
  segHookJson(args: string[] = [], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
    const result = this.segHook(['--format', 'json', ...args], options);
    if (result.status === 2) throw new Error(`seg-hook could not scan: ${result.stderr}`);
    return { ...result, report: JSON.parse(result.stdout) as JsonReport };
  }

  run(
    command: string,
    args: string[],
    options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
  ): RunResult {
    const spawnOptions: SpawnSyncOptions = {
      cwd: options.cwd ?? this.dir,
      env: options.env ?? isolatedEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    };
    const result = spawnSync(command, args, spawnOptions);
    if (result.error) throw result.error;
    return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endColumn: number;
  secret: string;
  fingerprint: string;
  blocking: boolean;
  /** A token found under encodings: their chain, outermost first. */
  encoding?: string[];
}

export interface JsonReport {
  findings: JsonFinding[];
  warnings: Array<{ kind: string; file: string; line?: number; bound?: string }>;
  summary: Record<string, number>;
}
