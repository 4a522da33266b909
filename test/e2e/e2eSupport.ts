/**
 * A user's project for the end-to-end tests: a real git repository holding a copy of a project
 * where the packed seg-hook was `npm install`ed, driven through npx and git like a person would.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isolatedEnv, RunResult, TempRepo } from '../helpers/gitRepo';
import { copyProjectInto, InstalledProject } from '../helpers/pack';
import { makeToken } from '../helpers/tokens';

export const NPM_QUIET = {
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};

export class UserProject extends TempRepo {
  private readonly tokens: string[] = [];

  constructor(installed: InstalledProject) {
    super('seg-hook-e2e-');
    copyProjectInto(installed, this.dir);
    this.write('.gitignore', 'node_modules/\n');
    this.git('add', '.gitignore', 'package.json');
    this.commit('init');
  }

  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return isolatedEnv({ ...NPM_QUIET, ...extra });
  }

  token(): string {
    const value = makeToken();
    this.tokens.push(value);
    return value;
  }

  /** Runs a command in the project; no output may ever hold a full token. */
  exec(
    command: string,
    args: string[],
    options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
  ): RunResult {
    const result = this.run(command, args, { cwd: options.cwd, env: options.env ?? this.env() });
    for (const value of this.tokens)
      expect(`${result.stdout}${result.stderr}`).not.toContain(value);
    return result;
  }

  npx(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): RunResult {
    return this.exec('npx', args, options);
  }

  /** `npx seg-hook install` (or uninstall), which must succeed. */
  segHookCommand(args: string[]): RunResult {
    const result = this.npx(['seg-hook', ...args]);
    if (result.status !== 0) throw new Error(`npx seg-hook ${args.join(' ')}: ${result.stderr}`);
    return result;
  }

  gitCommit(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): RunResult {
    return this.exec('git', ['commit', ...args], options);
  }

  commits(): number {
    return Number(this.git('rev-list', '--count', 'HEAD').trim());
  }

  exists(file: string): boolean {
    return fs.existsSync(path.join(this.dir, file));
  }
}

export function expectBlocked(result: RunResult): void {
  expect(result.status).not.toBe(0);
  expect(
    result.stderr.match(/seg-hook: 1 token found in the staged changes\. Commit blocked\./g),
  ).toHaveLength(1);
  expect(result.stderr).toMatch(/How to fix:/);
  expect(result.stderr).toMatch(/sgp_\w{2}…\w{2}/);
}
