/**
 * Shared support for the reliability suites: running the built CLI (optionally as an
 * unprivileged user, so permission bits mean something even when the tests run as root),
 * byte-level snapshots of a directory tree, and a leak sweep stricter than "no full token".
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isolatedEnv, RunResult } from '../helpers/gitRepo';
import { PREFIX } from '../helpers/tokens';
import { CLI_UNDER_TEST } from '../property/support/cliUnderTest';

export { CLI_UNDER_TEST };

export interface CliOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Run as this uid/gid (the caller must make the files accessible to it). */
  uid?: number;
}

export function runCli(args: string[], options: CliOptions): RunResult {
  if (options.uid !== undefined) {
    const problem = unreachableFor(options.uid);
    if (problem !== null) throw new Error(problem);
  }
  const result = spawnSync(process.execPath, [CLI_UNDER_TEST, ...args], {
    cwd: options.cwd,
    env: options.env ?? isolatedEnv(),
    input: options.input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

const reachability = new Map<number, string | null>();

/**
 * Why `uid` cannot run the built CLI, or null. A checkout under a private directory (a clone
 * in `mktemp -d`, mode 700) hides dist/ and node_modules from the unprivileged user: said in
 * one line, instead of a test failing later on an exit code.
 */
export function unreachableFor(uid: number): string | null {
  if (!reachability.has(uid)) {
    const needed = [
      CLI_UNDER_TEST,
      path.resolve(path.dirname(CLI_UNDER_TEST), '../../node_modules'),
    ];
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        'for (const p of process.argv.slice(1)) { try { require("fs").accessSync(p) } catch { console.log(p); process.exit(1) } }',
        ...needed,
      ],
      { uid, gid: uid, encoding: 'utf8', cwd: '/' },
    );
    const what = probe.error ? `node (${process.execPath})` : probe.stdout.trim();
    reachability.set(
      uid,
      probe.status === 0
        ? null
        : `this test runs the CLI as uid ${uid}, who cannot reach ${what}: ` +
            'make the checkout and node readable by all users (e.g. clone outside a private mktemp -d directory)',
    );
  }
  return reachability.get(uid) ?? null;
}

/** Fail closed: exit 2, exactly one line on stderr, nothing on stdout, no stack trace. */
export function expectOneLineFailure(result: RunResult, mentions: RegExp): void {
  expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 2, stdout: '' });
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at\s/m);
  expect(result.stderr).not.toMatch(/\b(TypeError|ReferenceError|RangeError|SyntaxError)\b/);
  expect(result.stderr).toMatch(mentions);
}

/** root ignores permission bits; an unprivileged uid makes a chmod 000 file really unreadable. */
export const RUNNING_AS_ROOT = process.getuid?.() === 0;
export const NOBODY = 65534;

/** Hands `dir` to the unprivileged user when running as root; returns the uid to run as. */
export function unprivilegedOwner(dir: string): number | undefined {
  if (!RUNNING_AS_ROOT) return undefined;
  const chown = spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, dir]);
  if (chown.status !== 0) throw new Error(`chown failed: ${chown.stderr}`);
  return NOBODY;
}

export interface Entry {
  type: 'file' | 'dir' | 'link' | 'other';
  mode: string;
  /** sha256 of a file's bytes, a link's target. */
  content?: string;
  /** Files: modification time, so a rewrite with identical bytes is noticed too. */
  mtimeMs?: number;
  inode?: number;
}

/** Every entry under `root` (the .git directory included), keyed by relative path. */
export function snapshotTree(
  root: string,
  options: { times?: boolean } = {},
): Record<string, Entry> {
  const result: Record<string, Entry> = {};
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const key = path.relative(root, full);
      const stat = fs.lstatSync(full);
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isDirectory()) {
        result[key] = { type: 'dir', mode };
        walk(full);
      } else if (stat.isSymbolicLink()) {
        result[key] = { type: 'link', mode, content: fs.readlinkSync(full) };
      } else if (stat.isFile()) {
        result[key] = {
          type: 'file',
          mode,
          content: createHash('sha256').update(fs.readFileSync(full)).digest('hex'),
          ...(options.times ? { mtimeMs: stat.mtimeMs, inode: stat.ino } : {}),
        };
      } else {
        result[key] = { type: 'other', mode };
      }
    }
  };
  walk(root);
  return result;
}

/**
 * A token leaks if any 8 consecutive characters of its body appear in an output: the contract
 * shows at most the prefix and 4 body characters (2 first, 2 last).
 */
export class LeakSweep {
  readonly tokens: string[] = [];

  add<T extends string>(token: T): T {
    this.tokens.push(token);
    return token;
  }

  /** Descriptions of every leak in `text` (which output it was is in `where`). */
  leaks(text: string, where: string): string[] {
    const found: string[] = [];
    this.tokens.forEach((token, index) => {
      const body = token.slice(PREFIX.length);
      for (let at = 0; at + 8 <= body.length; at++) {
        if (text.includes(body.slice(at, at + 8))) {
          found.push(
            `${where}: 8+ characters of token #${index} (${token.length} chars) at body offset ${at}`,
          );
          return;
        }
      }
    });
    return found;
  }

  expectClean(outputs: Record<string, string>): void {
    const found = Object.entries(outputs).flatMap(([where, text]) => this.leaks(text, where));
    expect(found).toEqual([]);
  }
}

export function writeExecutable(file: string, body: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** The real git binary (wrappers in tests put themselves first on PATH and call this). */
export function realGit(): string {
  const result = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' });
  const found = result.stdout.trim();
  if (result.status !== 0 || !found) throw new Error('git not found on PATH');
  return fs.realpathSync(found);
}
