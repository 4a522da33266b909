/**
 * The binary turns on Node's compile cache (Node >= 22.1) in the package's `.compile-cache`
 * directory (src/cli/loader.ts). The cache may only make the start faster: a first run, a
 * damaged cache or a directory that cannot be made must give the very same result as the hook's
 * bundle run without the loader. Node 20 has no compile cache: there, no directory is made.
 * Whether Node read the cache is taken from its own debug output (NODE_DEBUG_NATIVE).
 */
import fs from 'node:fs';
import * as nodeModule from 'node:module';
import path from 'node:path';
import { CLI } from '../helpers/gitRepo';
import { isolatedEnv, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

const NODE_HAS_COMPILE_CACHE =
  typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const distCli = path.dirname(CLI);
const repoRoot = path.resolve(distCli, '..', '..');

/** A copy of the package (its bin and bundles), so each test has its own cache directory. */
function packageCopy(): { root: string; main: string; cacheDir: string } {
  const root = session.tempDir('seg-hook-package-copy-');
  fs.mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
  for (const file of ['main.js', 'hook.js', 'program.js']) {
    fs.copyFileSync(path.join(distCli, file), path.join(root, 'dist', 'cli', file));
  }
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'));
  return {
    root,
    main: path.join(root, 'dist', 'cli', 'main.js'),
    cacheDir: path.join(root, '.compile-cache'),
  };
}

/** Every file under `dir` (none if it does not exist). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const repo = session.repo();
const token = session.token();
repo.stage({ 'app.js': `const a = 1;\nconst key = "${token}";\n`, '.env': 'A=1\n' });

function runBinary(main: string, debug = false) {
  const env = isolatedEnv(debug ? { NODE_DEBUG_NATIVE: 'COMPILE_CACHE' } : {});
  const result = session.run(repo, process.execPath, [main, '--staged'], { env });
  const debugLines = result.stderr.split('\n').filter((line) => line.startsWith('[compile cache]'));
  const stderr = result.stderr
    .split('\n')
    .filter((line) => !line.startsWith('[compile cache]'))
    .join('\n');
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: unnamed(stderr, main),
    debugLines,
  };
}

/** The report names the binary that ran (its path, here): the copies differ only in that. */
function unnamed(text: string, binary: string): string {
  return text.split(binary).join('<seg-hook>');
}

// The reference: the hook's bundle run directly, never through a cache.
const reference = session.run(repo, process.execPath, [path.join(distCli, 'hook.js'), '--staged']);
const expected = {
  status: reference.status,
  stdout: reference.stdout,
  stderr: unnamed(reference.stderr, path.join(distCli, 'hook.js')),
};

test('the reference run finds the token (exit 1)', () => {
  expect(expected.status).toBe(1);
  expect(expected.stderr).toContain('app.js:2:14');
});

test(`the first run writes the cache, the second reads it (this Node has one: ${NODE_HAS_COMPILE_CACHE})`, () => {
  const copy = packageCopy();
  const first = runBinary(copy.main);
  expect({ status: first.status, stdout: first.stdout, stderr: first.stderr }).toEqual(expected);
  expect(filesUnder(copy.cacheDir).length > 0).toBe(NODE_HAS_COMPILE_CACHE);
  expect(fs.existsSync(copy.cacheDir)).toBe(NODE_HAS_COMPILE_CACHE);

  const second = runBinary(copy.main, true);
  expect({ status: second.status, stdout: second.stdout, stderr: second.stderr }).toEqual(expected);
  const accepted = second.debugLines.some((line) => /hook\.js was accepted/.test(line));
  expect(accepted).toBe(NODE_HAS_COMPILE_CACHE);
});

test('the cache directory is private to its owner', () => {
  const copy = packageCopy();
  runBinary(copy.main);
  const mode = fs.existsSync(copy.cacheDir) ? fs.statSync(copy.cacheDir).mode & 0o777 : null;
  expect(mode).toBe(NODE_HAS_COMPILE_CACHE ? 0o700 : null);
});

describe('a cache that is damaged, or cannot be made: the same output and exit code', () => {
  /** Overwrites every cache file with what `damage` makes of it. */
  const damageEach = (damage: (bytes: Buffer) => Buffer) => (cacheDir: string) => {
    const files = filesUnder(cacheDir);
    expect(files.length > 0).toBe(NODE_HAS_COMPILE_CACHE);
    for (const file of files) fs.writeFileSync(file, damage(fs.readFileSync(file)));
  };
  const flipAt = (where: number) => (bytes: Buffer) => {
    const at = Math.floor(where < 1 ? bytes.length * where : where);
    const copy = Buffer.from(bytes);
    copy[at] ^= 0xff;
    return copy;
  };

  test.each([
    ['garbage', damageEach(() => Buffer.from('x'))],
    ['cut in half', damageEach((bytes) => bytes.subarray(0, bytes.length / 2))],
    ['a flipped byte in the header', damageEach(flipAt(4))],
    ['a flipped byte in the middle', damageEach(flipAt(0.5))],
    ['a flipped byte near the end', damageEach(flipAt(0.95))],
  ])('%s', (_name, damage) => {
    const copy = packageCopy();
    runBinary(copy.main);
    damage(copy.cacheDir);
    const damaged = runBinary(copy.main, true);
    expect({ status: damaged.status, stdout: damaged.stdout, stderr: damaged.stderr }).toEqual(
      expected,
    );
    // Node noticed: it did not take the damaged data as hook.js's code.
    expect(damaged.debugLines.some((line) => /hook\.js was accepted/.test(line))).toBe(false);
  });

  test('a file where the directory would be', () => {
    const copy = packageCopy();
    fs.writeFileSync(copy.cacheDir, 'not a directory');
    const result = runBinary(copy.main);
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual(
      expected,
    );
    expect(fs.readFileSync(copy.cacheDir, 'utf8')).toBe('not a directory');
  });

  test('a bundle changed after the cache was written', () => {
    const copy = packageCopy();
    runBinary(copy.main);
    fs.appendFileSync(path.join(path.dirname(copy.main), 'hook.js'), '\n// edited\n');
    const edited = runBinary(copy.main, true);
    expect({ status: edited.status, stdout: edited.stdout, stderr: edited.stderr }).toEqual(
      expected,
    );
    expect(edited.debugLines.some((line) => /hook\.js was accepted/.test(line))).toBe(false);
  });
});
