/**
 * The large-commit route gives V8's optimizing compiler a larger budget (src/cli/
 * optimizerBudget.ts): a short burst of work stays in the baseline tiers, a long one is still
 * optimized, and nothing is printed (V8 reports an unknown flag on the process's output).
 * Observed with --trace-opt in a child Node, which logs each function it marks for TurboFan.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const MODULE = path.resolve(__dirname, '../../dist/cli/optimizerBudget.js');

/** Runs a loop-heavy function `calls` times; returns the child's output. */
function run(calls: number, delay: boolean, traceOpt = true) {
  const script = [
    delay ? `require(${JSON.stringify(MODULE)}).delayOptimizingCompiler();` : '',
    'function hotSum(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i * 7) % 1000003; return s; }',
    `let total = 0; for (let k = 0; k < ${calls}; k++) total += hotSum(100);`,
  ].join('\n');
  const result = spawnSync(process.execPath, [...(traceOpt ? ['--trace-opt'] : []), '-e', script], {
    encoding: 'utf8',
  });
  return { ...result, marked: /marking .*hotSum/.test(result.stdout) };
}

describe('delayOptimizingCompiler', () => {
  test('work that the default budget optimizes stays unoptimized', () => {
    expect(run(40, false).marked).toBe(true);
    expect(run(40, true).marked).toBe(false);
  });

  test('longer work is still optimized', () => {
    expect(run(2000, true).marked).toBe(true);
  });

  test('prints nothing: this Node knows the flag', () => {
    const { stdout, stderr, status } = run(1, true, false);
    expect({ stdout, stderr, status }).toEqual({ stdout: '', stderr: '', status: 0 });
  });
});
