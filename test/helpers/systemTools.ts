/**
 * Tests that need a system tool beside git and node: strace (to trace system calls) and
 * util-linux `script` (to give the CLI a terminal). Where the tool is missing or does not work,
 * such a test is skipped with a line saying which tool and how to install it; under CI (any
 * true value of CI, see ./ci.ts), where .ci/run installs both, it fails instead: a green CI run
 * never hides a test that did not run.
 */
import { spawnSync } from 'node:child_process';
import { IN_CI } from './ci';

interface Tool {
  /** The command and arguments that succeed only when the tool works here. */
  probe: [string, ...string[]];
  /** The Debian package that provides it. */
  debianPackage: string;
}

const TOOLS = {
  strace: { probe: ['strace', '-qq', '-e', 'trace=none', 'true'], debianPackage: 'strace' },
  script: { probe: ['script', '--version'], debianPackage: 'bsdutils' },
} satisfies Record<string, Tool>;

export type ToolName = keyof typeof TOOLS;

/** Why `name` cannot be used here, or null when it works. */
export function toolProblem(name: ToolName): string | null {
  const { probe, debianPackage } = TOOLS[name];
  if (name === 'strace' && process.platform !== 'linux') return 'strace needs Linux';
  const result = spawnSync(probe[0], probe.slice(1), { encoding: 'utf8' });
  if (result.error) return `${name} is not installed (apt-get install ${debianPackage})`;
  if (result.status !== 0) {
    const reason = (result.stderr ?? '').trim().split('\n')[0];
    return `${name} does not work here: ${reason || `exit ${result.status}`}`;
  }
  return null;
}

/**
 * `test`, when `name` works here. Otherwise a test that fails under CI with the reason, and
 * elsewhere a skipped one whose title and a warning say what is missing.
 */
export function testNeeding(name: ToolName): typeof test {
  const problem = toolProblem(name);
  if (problem === null) return test;
  const wrapped = (title: string, _fn: unknown, timeout?: number) => {
    if (IN_CI) {
      return test(
        title,
        () => {
          throw new Error(`cannot run under CI: ${problem} (.ci/run installs it)`);
        },
        timeout,
      );
    }
    console.warn(`seg-hook tests: SKIPPED "${title}": ${problem}`);
    return test.skip(`${title} [SKIPPED: ${problem}]`, () => undefined);
  };
  return wrapped as unknown as typeof test;
}
