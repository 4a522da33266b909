/**
 * The package as npm ships it: what a publish packs (a clean build, even over an old dist/), and
 * that installing the tarball, into a project or globally, prints no npm warning at all.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copySources, packIn, REPO_ROOT } from '../helpers/pack';

jest.setTimeout(300_000);

/** Hooks npm runs (and flags, "npm warn install-scripts") when the package is installed. */
const INSTALL_TIME_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];
const SHIPPED_TOP_LEVEL = ['package.json', 'README.md', 'LICENSE', '.pre-commit-hooks.yaml'];
/** dist/ files that esbuild writes, with no .ts file of the same name. */
const BUNDLE_OUTPUTS = /^dist\/cli\/(hook\.js|[\w.]+\.LEGAL\.txt)$/;

let workDir: string;
let tarball: string;
let shippedFiles: string[];

/** npm's own variables (set when jest runs under `npm test`) must not steer the user's install. */
function userNpmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name)) env[name] = value;
  }
  return { ...env, npm_config_update_notifier: 'false' };
}

function npm(args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync('npm', args, { cwd, env: userNpmEnv(), encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The .ts file a dist/ file was compiled from (dist/a/b.js and dist/a/b.d.ts: src/a/b.ts). */
function sourceOf(distFile: string): string {
  return path.join(
    REPO_ROOT,
    'src',
    distFile.replace(/^dist\//, '').replace(/(\.d)?\.ts$|\.js$/, '') + '.ts',
  );
}

function isShipped(file: string): boolean {
  if (SHIPPED_TOP_LEVEL.includes(file)) return true;
  if (/^hooks\/[\w-]+\.sh$/.test(file)) return fs.existsSync(path.join(REPO_ROOT, file));
  // The manual's depth: the README links into docs/, so the links work in node_modules too.
  if (/^docs\/[\w-]+\.md$/.test(file)) return fs.existsSync(path.join(REPO_ROOT, file));
  if (BUNDLE_OUTPUTS.test(file)) return true;
  return /^dist\/.+(\.d\.ts|\.js)$/.test(file) && fs.existsSync(sourceOf(file));
}

beforeAll(() => {
  workDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-package-')));
  const source = path.join(workDir, 'source');
  const output = path.join(workDir, 'out');
  fs.mkdirSync(output);
  copySources(source);
  // What an old build leaves behind once its source is gone: a publish must not ship it.
  fs.mkdirSync(path.join(source, 'dist/removed'), { recursive: true });
  fs.writeFileSync(path.join(source, 'dist/removed/oldModule.js'), 'module.exports = {};\n');
  const json = packIn(source, output);
  const [packed] = JSON.parse(json.slice(json.indexOf('['))) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  tarball = path.join(output, path.basename(packed.filename));
  shippedFiles = packed.files.map((file) => file.path).sort();
});

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

test('the tarball holds the built CLI, the library, the hook template and the manifest', () => {
  expect(shippedFiles).toEqual(
    expect.arrayContaining([
      'package.json',
      'README.md',
      '.pre-commit-hooks.yaml',
      'hooks/pre-commit.sh',
      'dist/cli/main.js',
      'dist/cli/hook.js',
      'dist/cli/program.js',
      'dist/index.js',
      'dist/index.d.ts',
    ]),
  );
});

test('nothing else: no tests, bench, scripts, sources, caches, or files of an older build', () => {
  expect(shippedFiles.filter((file) => !isShipped(file))).toEqual([]);
  expect(shippedFiles).not.toContain('dist/removed/oldModule.js');
  // No compiled-code cache: Node's compile cache is written at run time, by the user's own Node.
  expect(shippedFiles.filter((file) => /\.cache$|compile-cache/.test(file))).toEqual([]);
  const notForUsers =
    /^(test|bench|scripts|src|coverage|\.husky|\.ci|\.bench-tmp|node_modules)\/|\.tsbuildinfo$|\.tgz$|package-lock\.json$/;
  expect(shippedFiles.filter((file) => notForUsers.test(file))).toEqual([]);
});

test('the shipped package.json has no script npm runs at install time', () => {
  const extracted = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], {
    encoding: 'utf8',
  });
  expect(extracted.status).toBe(0);
  const scripts = (JSON.parse(extracted.stdout) as { scripts?: Record<string, string> }).scripts;
  expect(Object.keys(scripts ?? {}).filter((name) => INSTALL_TIME_SCRIPTS.includes(name))).toEqual(
    [],
  );
});

test('npm install -D <tarball> into a project prints no warning, and the binary runs', () => {
  const project = path.join(workDir, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'user-project', version: '1.0.0', private: true }),
  );
  const install = npm(['install', '-D', '--no-audit', '--no-fund', tarball], project);
  expect(install.status).toBe(0);
  expect(install.output).not.toMatch(/npm warn|npm WARN|install-scripts/);
  const version = spawnSync(path.join(project, 'node_modules/.bin/seg-hook'), ['--version'], {
    encoding: 'utf8',
  });
  expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
});

test('npm install -g <tarball> into a temp prefix prints no warning, and the binary runs', () => {
  const prefix = path.join(workDir, 'global');
  const install = npm(
    ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball],
    workDir,
  );
  expect(install.status).toBe(0);
  expect(install.output).not.toMatch(/npm warn|npm WARN|install-scripts/);
  const version = spawnSync(path.join(prefix, 'bin/seg-hook'), ['--version'], { encoding: 'utf8' });
  expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
});
