/**
 * `node` missing from PATH (a GUI git client, a shell without nvm/fnm/volta): every kind of hook
 * seg-hook writes (plain pre-commit and pre-push, husky's helpers) blocks with one line that
 * names seg-hook, the cause and the fix. Real commits and pushes under a PATH without node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isolatedEnv, RunResult, TempRepo } from '../helpers/gitRepo';
import { LeakGuard, writeSegHookShim } from '../helpers/leakGuard';
import { pathWithoutNode } from '../helpers/pathWithoutNode';
import { installMessages } from '../../src/install/installMessages';

const HUSKY_BIN = path.resolve(__dirname, '../../node_modules/husky/bin.js');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));
const guard = new LeakGuard();
const check = (result: RunResult) => guard.check(result);

let noNodeEnv: NodeJS.ProcessEnv;
beforeAll(() => {
  const noNode = pathWithoutNode();
  cleanups.push(noNode.cleanup);
  // HOME without ~/.config/seg-hook/init.sh, so nothing puts node back.
  noNodeEnv = isolatedEnv({ PATH: noNode.path, HOME: noNode.path, XDG_CONFIG_HOME: undefined });
  const probe = new TempRepo('seg-hook-nonode-probe-');
  cleanups.push(() => probe.cleanup());
  expect(probe.run('sh', ['-c', 'command -v node || echo none'], { env: noNodeEnv }).stdout).toBe(
    'none\n',
  );
});

function newRepo(husky: boolean): { repo: TempRepo; remote: string } {
  const repo = new TempRepo('seg-hook-nonode-');
  cleanups.push(() => repo.cleanup());
  writeSegHookShim(repo.dir);
  repo.write('package.json', '{ "name": "app", "version": "1.0.0" }\n');
  repo.stage({ '.gitignore': 'node_modules/\n', 'package.json': repo.read('package.json') });
  repo.commit('init');
  if (husky) expect(repo.run(process.execPath, [HUSKY_BIN]).status).toBe(0);
  for (const args of [['install'], ['install', '--pre-push']]) {
    expect(check(repo.segHook(args)).status).toBe(0);
  }
  const remote = path.join(repo.dir, '.git', 'remote.git');
  repo.git('init', '-q', '--bare', remote);
  return { repo, remote };
}

/** Our one line, and nothing else but husky's own report of the failure. */
function expectOneLine(result: RunResult, gitCommand: 'commit' | 'push'): void {
  expect(result.status).not.toBe(0);
  const lines = result.stderr.trim().split('\n');
  expect(lines.filter((line) => line.startsWith('seg-hook'))).toEqual([
    installMessages.noNode(gitCommand),
  ]);
  // Besides ours, only husky's report of the failure and git's closing line of a refused push.
  const others = lines.filter(
    (line) =>
      !line.startsWith('seg-hook') &&
      !line.startsWith('husky - ') &&
      !line.startsWith('error: failed to push some refs'),
  );
  expect(others).toEqual([]);
  expect(installMessages.noNode(gitCommand)).toMatch(/Troubleshooting/);
}

describe.each([
  ['plain git hooks', false],
  ['husky v9', true],
])('%s', (_, husky) => {
  test('pre-commit and pre-push block with one line when node is not on PATH', () => {
    const { repo, remote } = newRepo(husky);
    repo.stage({ 'a.txt': 'nothing secret\n' });
    expectOneLine(check(repo.tryGit(['commit', '-m', 'a'], { env: noNodeEnv })), 'commit');
    repo.commit('a'); // --no-verify
    expectOneLine(check(repo.tryGit(['push', '-q', remote, 'main'], { env: noNodeEnv })), 'push');
    expect(fs.existsSync(path.join(remote, 'refs', 'heads', 'main'))).toBe(false);
  });
});
