/**
 * End to end, like a user: the packed seg-hook installed next to husky (v9 via `npx husky
 * init`, v8 via `npx husky install`) and lint-staged, all from the npm registry.
 */
import fs from 'node:fs';
import path from 'node:path';
import { installPackedProject, InstalledProject } from '../helpers/pack';
import { expectBlocked, UserProject } from './e2eSupport';

jest.setTimeout(180_000);

const HUSKY_LINE = 'sh "$(dirname -- "$0")/seg-hook.sh" || exit "$?" # added by seg-hook install';

let installed: InstalledProject;
const projects: UserProject[] = [];

beforeAll(() => {
  installed = installPackedProject(['husky@9.1.7']);
});
afterAll(() => {
  projects.forEach((project) => project.cleanup());
  installed?.cleanup();
});

function project(): UserProject {
  const created = new UserProject(installed);
  projects.push(created);
  return created;
}

function npmInstall(user: UserProject, packages: string[]): void {
  const result = user.exec('npm', [
    'install',
    '--save-dev',
    '--no-audit',
    '--no-fund',
    ...packages,
  ]);
  expect(result).toMatchObject({ status: 0 });
}

function listing(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort())
    result[name] = fs.readFileSync(path.join(dir, name), 'utf8');
  return result;
}

test('husky v9 after npx husky init with a custom pre-commit', () => {
  const user = project();
  expect(user.npx(['husky', 'init'])).toMatchObject({ status: 0 });
  const custom = 'echo "lint step" >> steps.log\necho "test step" >> steps.log\n';
  user.write('.husky/pre-commit', custom);
  const internals = listing(path.join(user.dir, '.husky/_'));

  const result = user.segHookCommand(['install']);
  expect(result.stdout).toMatch(/husky v9 in \.husky/);
  expect(user.read('.husky/pre-commit')).toBe(`${HUSKY_LINE}\n${custom}`);
  expect(listing(path.join(user.dir, '.husky/_'))).toEqual(internals);
  user.segHookCommand(['install']);
  expect(user.read('.husky/pre-commit')).toBe(`${HUSKY_LINE}\n${custom}`);

  user.stage({ 'src/segment.ts': `export const token = "${user.token()}";\n` });
  expectBlocked(user.gitCommit(['-m', 'leak']));
  user.stage({ 'src/segment.ts': 'export const token = process.env.SEGMENT_API_TOKEN;\n' });
  user.git('add', '.husky', 'package.json');
  expect(user.gitCommit(['-m', 'clean'])).toMatchObject({ status: 0 });
  expect(user.read('steps.log')).toBe('lint step\ntest step\n');

  user.segHookCommand(['uninstall']);
  expect(user.read('.husky/pre-commit')).toBe(custom);
  expect(user.exists('.husky/seg-hook.sh')).toBe(false);
});

test('husky v8 layout (npx husky install + husky add)', () => {
  const user = project();
  npmInstall(user, ['husky@8.0.3']);
  expect(user.npx(['husky', 'install'])).toMatchObject({ status: 0 });
  expect(
    user.npx(['husky', 'add', '.husky/pre-commit', 'echo "v8 step" >> steps.log']),
  ).toMatchObject({
    status: 0,
  });
  const original = user.read('.husky/pre-commit');
  expect(original).toContain('_/husky.sh');

  const result = user.segHookCommand(['install']);
  expect(result.stdout).toMatch(/husky v8 in \.husky/);
  const edited = user.read('.husky/pre-commit');
  expect(edited).toBe(original.replace(/(husky\.sh"\n)/, `$1${HUSKY_LINE}\n`));
  expect(fs.statSync(path.join(user.dir, '.husky/pre-commit')).mode & 0o777).toBe(0o755);

  user.stage({ 'leak.txt': `${user.token()}\n` });
  expectBlocked(user.gitCommit(['-m', 'leak']));
  user.git('rm', '-q', '--cached', 'leak.txt');
  user.stage({ 'ok.txt': 'ok\n' });
  expect(user.gitCommit(['-m', 'ok'])).toMatchObject({ status: 0 });
  expect(user.read('steps.log')).toBe('v8 step\n');

  user.segHookCommand(['uninstall']);
  expect(user.read('.husky/pre-commit')).toBe(original);
});

test('lint-staged with the documented config: a staged token fails, a clean file passes', () => {
  const user = project();
  npmInstall(user, ['lint-staged@16']);
  const manifest = JSON.parse(user.read('package.json')) as Record<string, unknown>;
  manifest['lint-staged'] = { '*': 'seg-hook --staged' };
  user.write('package.json', `${JSON.stringify(manifest, null, 2)}\n`);

  user.stage({ 'clean.js': 'const a = 1;\n' });
  expect(user.npx(['lint-staged'])).toMatchObject({ status: 0 });

  user.stage({ 'dir with space/leak.js': `const t = "${user.token()}";\n` });
  const failed = user.npx(['lint-staged']);
  expect(failed.status).not.toBe(0);
  expect(`${failed.stdout}${failed.stderr}`).toMatch(/dir with space\/leak\.js:1:\d+/);

  // With husky running lint-staged, install adds no second scan.
  expect(user.npx(['husky'])).toMatchObject({ status: 0 });
  user.write('.husky/pre-commit', 'npx lint-staged\n');
  expect(user.segHookCommand(['install']).stdout).toMatch(/already runs through lint-staged/);
  expect(user.read('.husky/pre-commit')).toBe('npx lint-staged\n');
  const blocked = user.gitCommit(['-m', 'leak']);
  expect(blocked.status).not.toBe(0);
  expect(`${blocked.stdout}${blocked.stderr}`.match(/1 token found/g)).toHaveLength(1);
});
