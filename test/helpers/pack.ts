/**
 * End-to-end support: the package as a user gets it. `npm pack` runs once per content of the
 * package's inputs (cached in the temp dir, shared by test files and runs, under a lock), and
 * the tarball is installed with `npm install` into a temp project like a user's.
 */
import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
/** Inputs of the build and of the package's contents: a change to any of them means a new pack. */
const PACK_INPUTS = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts',
  'src',
  'hooks',
  '.pre-commit-hooks.yaml',
  'README.md',
  'docs',
];
const LOCK_WAIT_MS = 5 * 60 * 1000;

function run(command: string, args: string[], options: SpawnSyncOptions): string {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return String(result.stdout);
}

function hashInputs(): string {
  const hash = createHash('sha256');
  const add = (relative: string) => {
    const full = path.join(REPO_ROOT, relative);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) add(path.join(relative, name));
    } else {
      hash.update(`${relative}\0`).update(fs.readFileSync(full)).update('\0');
    }
  };
  PACK_INPUTS.forEach(add);
  return hash.digest('hex').slice(0, 16);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` while holding a directory lock (mkdir is atomic), so concurrent test files pack once. */
function withLock<T>(lockDir: string, fn: () => T): T {
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })!.mtimeMs;
      if (age > LOCK_WAIT_MS) fs.rmSync(lockDir, { recursive: true, force: true }); // stale
      if (Date.now() - started > LOCK_WAIT_MS) throw new Error(`timed out waiting for ${lockDir}`);
      sleep(250);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** The package's sources (not dist/) in `dir`, with this checkout's node_modules for the build. */
export function copySources(dir: string): void {
  for (const name of PACK_INPUTS) {
    const from = path.join(REPO_ROOT, name);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, name), { recursive: true });
  }
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

/** Path of `seg-hook-<version>.tgz`, built and packed from the current sources. */
export function packedTarball(): string {
  const cacheDir = path.join(os.tmpdir(), 'seg-hook-e2e-pack', hashInputs());
  fs.mkdirSync(path.dirname(cacheDir), { recursive: true });
  return withLock(`${cacheDir}.lock`, () => {
    const existing =
      fs.existsSync(cacheDir) && fs.readdirSync(cacheDir).find((f) => f.endsWith('.tgz'));
    if (existing) return path.join(cacheDir, existing);
    pruneOldPacks(path.dirname(cacheDir));
    const staging = `${cacheDir}.tmp-${process.pid}`;
    const source = path.join(staging, 'source');
    const output = path.join(staging, 'out');
    copySources(source);
    fs.mkdirSync(output);
    // The package has no pack-time script (npm would print its output where the pre-commit
    // framework reads the tarball's name): build the copy as `npm publish` does (its
    // prepublishOnly), then pack. This checkout's dist/, which other tests are running, is
    // never rewritten.
    const json = packIn(source, output);
    const [{ filename }] = JSON.parse(json.slice(json.indexOf('['))) as Array<{
      filename: string;
    }>;
    fs.renameSync(output, cacheDir);
    fs.rmSync(staging, { recursive: true, force: true });
    return path.join(cacheDir, path.basename(filename));
  });
}

/** `npm run prepublishOnly` (a clean build) then `npm pack --json` in `dir`; npm's JSON answer. */
export function packIn(dir: string, destination: string): string {
  const env = { ...process.env, npm_config_update_notifier: 'false' };
  run('npm', ['run', 'prepublishOnly'], { cwd: dir, env });
  return run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: dir, env });
}

/** Packs of older sources are dropped after a day, so the cache does not grow without bound. */
function pruneOldPacks(cacheRoot: string): void {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of fs.readdirSync(cacheRoot)) {
    const full = path.join(cacheRoot, name);
    if (!name.endsWith('.lock') && fs.statSync(full).mtimeMs < dayAgo) {
      fs.rmSync(full, { recursive: true, force: true });
    }
  }
}

export interface InstalledProject {
  /** A temp project with package.json and node_modules (seg-hook from the tarball, plus extras). */
  dir: string;
  cleanup(): void;
}

/** `npm install <tarball> [extras]` into a fresh temp project, like a user adding seg-hook. */
export function installPackedProject(extraPackages: string[] = []): InstalledProject {
  const tarball = packedTarball();
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-e2e-project-')));
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'e2e-project', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  run('npm', ['install', '--save-dev', '--no-audit', '--no-fund', tarball, ...extraPackages], {
    cwd: dir,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Copies an installed project's package.json, lock file and node_modules into `dir`. */
export function copyProjectInto(project: InstalledProject, dir: string): void {
  for (const name of ['package.json', 'package-lock.json', 'node_modules']) {
    const from = path.join(project.dir, name);
    if (fs.existsSync(from)) {
      fs.cpSync(from, path.join(dir, name), { recursive: true, verbatimSymlinks: true });
    }
  }
}
