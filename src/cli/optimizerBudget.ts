/**
 * V8 hands a function to its optimizing compiler (TurboFan) once the function has run for a
 * while: its "interrupt budget" of executed bytecode. A large commit's scan runs the matcher on
 * the few hundred lines that git grep and git diff -G select, 20-30 ms of JavaScript in which
 * TurboFan compiled some twenty functions, for ~40 ms of CPU that never paid back, on cores
 * the git processes need (npm run bench (b), 2,000 new files on 2 cores: 220 -> 196 ms). With
 * 8 times the default budget, short scans finish in the baseline tiers and long ones are still
 * optimized, a little later (20 MB of grep output, every line holding a needle: 1.40-1.54 s
 * with either budget, 3 runs each; 4.1 s with TurboFan off altogether).
 *
 * The CLI applies it once a commit is known to be large (scanStaged's onLargeCommit): loading
 * node:v8 costs ~1.7 ms, more than a small commit's scan would gain. It changes the whole
 * process, so the library API never does. Only on V8 11 (Node 20), where the flag and its
 * default (66 KB) were checked: an unknown flag would be reported on the process's output.
 */
const INTERRUPT_BUDGET = 8 * 66 * 1024;
const CHECKED_V8_MAJORS = [11];

export function delayOptimizingCompiler(): void {
  const major = Number(process.versions.v8.split('.')[0]);
  if (!CHECKED_V8_MAJORS.includes(major)) return;
  // Loaded here, not at the top: a small commit never pays for the module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const v8 = require('node:v8') as typeof import('node:v8');
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
