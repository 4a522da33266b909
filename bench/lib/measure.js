/**
 * Runs a command and measures its wall time (hrtime around the child), its peak RSS (GNU time's
 * %M: the largest resident set of any single process in the child's tree, since the kernel
 * reports the maximum over waited-for descendants) and its CPU time (%U + %S, the whole tree:
 * steadier than wall time when other processes compete for the CPU). Without /usr/bin/time,
 * RSS and CPU are "n/a".
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { MAX_BUFFER } = require('./gitRepo');

const GNU_TIME = '/usr/bin/time';

function detectGnuTime() {
  if (!fs.existsSync(GNU_TIME)) return null;
  const probe = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/.test(probe.stderr.trim()) ? GNU_TIME : null;
}

class Measurer {
  constructor(scratchDir) {
    this.timeBin = detectGnuTime();
    this.usageFile = path.join(scratchDir, 'usage.txt');
  }

  /**
   * One run of `command` ({ file, args, cwd, env, stdout: 'pipe' | 'ignore' }). Returns wall ms,
   * RSS MB (or null), the exit status and the captured output.
   */
  run(command) {
    const argv = this.timeBin
      ? [this.timeBin, '-f', '%M %U %S', '-o', this.usageFile, command.file, ...command.args]
      : [command.file, ...command.args];
    const started = process.hrtime.bigint();
    const result = spawnSync(argv[0], argv.slice(1), {
      cwd: command.cwd,
      env: command.env,
      stdio: ['ignore', command.stdout || 'pipe', 'pipe'],
      maxBuffer: MAX_BUFFER,
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.error) throw result.error;
    const usage = this.timeBin ? this.readUsage() : { rssMb: null, cpuMs: null };
    return {
      wallMs,
      ...usage,
      status: result.status,
      stdout: result.stdout ? result.stdout.toString('utf8') : '',
      stderr: result.stderr ? result.stderr.toString('utf8') : '',
    };
  }

  /** GNU time writes "Command exited with non-zero status N" first; ours is the last line. */
  readUsage() {
    const lines = fs.readFileSync(this.usageFile, 'utf8').trim().split('\n');
    const [kib, user, system] = lines[lines.length - 1].split(' ').map(Number);
    return {
      rssMb: Number.isFinite(kib) ? kib / 1024 : null,
      cpuMs: Number.isFinite(user + system) ? (user + system) * 1000 : null,
    };
  }
}

function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function medianOrNull(values) {
  return values.includes(null) ? null : median(values);
}

/**
 * Runs every command `runs` times, round-robin so that load from other processes on the machine
 * spreads over all of them. A command with a `budgetMs` stops once it has spent that much (slow
 * peers), after at least one run. The first run's output gives the finding count.
 */
function benchmark(measurer, commands, runs) {
  const states = commands.map((command) => ({ command, samples: [], spentMs: 0, error: null }));
  for (let round = 0; round < runs; round++) {
    for (const state of states) {
      if (state.error) continue;
      if (state.samples.length > 0 && state.spentMs >= (state.command.budgetMs ?? Infinity)) {
        continue;
      }
      const sample = measurer.run(state.command);
      if (!state.command.okStatus.includes(sample.status)) {
        const firstLine = (sample.stderr.trim() || sample.stdout.trim()).split('\n')[0];
        state.error = `exit ${sample.status}: ${firstLine.slice(0, 160)}`;
        continue;
      }
      if (state.samples.length === 0 && state.command.count) {
        state.count = state.command.count(sample);
      }
      if (state.samples.length === 0 && state.command.check) {
        state.checkProblem = state.command.check(sample);
      }
      state.samples.push({ wallMs: sample.wallMs, rssMb: sample.rssMb, cpuMs: sample.cpuMs });
      state.spentMs += sample.wallMs;
    }
  }
  return states.map((state) => ({
    name: state.command.name,
    role: state.command.role,
    runs: state.samples.length,
    wallMs: median(state.samples.map((s) => s.wallMs)),
    rssMb: medianOrNull(state.samples.map((s) => s.rssMb)),
    cpuMs: medianOrNull(state.samples.map((s) => s.cpuMs)),
    count: state.count,
    countUnit: state.command.countUnit,
    checkProblem: state.checkProblem,
    error: state.error,
  }));
}

module.exports = { Measurer, benchmark, median };
