/**
 * The binary runs the hook's bundle with V8's code cache made at build time (src/cli/loader.ts,
 * scripts/codeCache.js). The cache may only make the start faster: a missing, damaged or stale
 * cache must give the very same result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CLI } from '../helpers/gitRepo';
import { isolatedEnv, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

interface Loader {
  HOOK_BUNDLE: string;
  compileHookBundle(useCache?: boolean): { cachedDataRejected?: boolean };
  cacheFor(source: Buffer): Buffer | undefined;
}

const distCli = path.dirname(CLI);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadLoader = (file: string) => require(file) as Loader;

test('the build made a cache that this Node accepts, for this very bundle', () => {
  const loader = loadLoader(CLI);
  const source = fs.readFileSync(loader.HOOK_BUNDLE);
  expect(loader.cacheFor(source)).toBeDefined();
  expect(loader.compileHookBundle(true).cachedDataRejected).toBe(false);
  // Another bundle gets no cache: the digest does not match, whether the bundle is one byte
  // longer (V8 would notice that too) or has one byte changed (V8 would not).
  expect(loader.cacheFor(Buffer.concat([source, Buffer.from('\n')]))).toBeUndefined();
  const edited = Buffer.from(source);
  edited[edited.indexOf('node')] = 'N'.charCodeAt(0);
  expect(edited.length).toBe(source.length);
  expect(loader.cacheFor(edited)).toBeUndefined();
});

describe('a binary whose cache is missing, damaged or stale', () => {
  const repo = session.repo();
  const token = session.token();
  repo.stage({ 'app.js': `const a = 1;\nconst key = "${token}";\n`, '.env': 'A=1\n' });
  const expected = session.scan(repo, ['--staged']);

  /** A copy of dist/cli, changed by `damage`; its binary's result on the repo. */
  function runCopy(damage: (dir: string) => void) {
    const dir = session.tempDir('seg-hook-dist-copy-');
    for (const file of ['main.js', 'hook.js', 'hook.cache', 'program.js']) {
      fs.copyFileSync(path.join(distCli, file), path.join(dir, file));
    }
    damage(dir);
    return session.run(repo, process.execPath, [path.join(dir, 'main.js'), '--staged'], {
      env: isolatedEnv(),
    });
  }

  test('the real one finds the token (exit 1)', () => {
    expect(expected.status).toBe(1);
    expect(expected.stderr).toContain('app.js:2:14');
  });

  test.each([
    ['an intact copy', () => undefined],
    ['no cache', (dir: string) => fs.rmSync(path.join(dir, 'hook.cache'))],
    ['a cache of garbage', (dir: string) => fs.writeFileSync(path.join(dir, 'hook.cache'), 'x')],
    [
      'a digest that matches but V8 data that does not',
      (dir: string) => {
        const cache = fs.readFileSync(path.join(dir, 'hook.cache'));
        fs.writeFileSync(path.join(dir, 'hook.cache'), cache.subarray(0, cache.length / 2));
      },
    ],
    ...[100, 1000, 0.25, 0.5, 0.75, -10].map((where): [string, (dir: string) => void] => [
      `a flipped byte in the V8 data (at ${where})`,
      (dir: string) => {
        const cache = fs.readFileSync(path.join(dir, 'hook.cache'));
        const at = where < 0 ? cache.length + where : where < 1 ? cache.length * where : where;
        cache[Math.floor(at)] ^= 0xff;
        fs.writeFileSync(path.join(dir, 'hook.cache'), cache);
      },
    ]),
    [
      'a bundle changed after the build',
      (dir: string) => fs.appendFileSync(path.join(dir, 'hook.js'), '\n// edited\n'),
    ],
  ])('%s: the same output and exit code', (_name, damage) => {
    const result = runCopy(damage);
    expect(result.status).toBe(expected.status);
    expect(result.stderr).toBe(expected.stderr);
    expect(result.stdout).toBe(expected.stdout);
  });
});
