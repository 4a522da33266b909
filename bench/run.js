#!/usr/bin/env node
/**
 * `npm run bench`: builds deterministic repositories in a temp dir and prints, for each, the
 * median wall time and peak RSS of seg-hook next to its floor (git diff alone), the
 * `git diff | grep` pipeline, and the peers installed on this machine, then PASS/FAIL per
 * target of the performance issue. It always exits 0 once it has run; targets are information.
 *
 * Peers are optional and never dependencies of this repository:
 *   apt-get install git-secrets
 *   npm install --prefix /tmp/bench-peers secretlint @secretlint/secretlint-rule-pattern
 *   gitleaks on PATH (or SEG_HOOK_BENCH_GITLEAKS=/path/to/gitleaks)
 * Knobs: SEG_HOOK_BENCH_RUNS (default 5), SEG_HOOK_BENCH_PEER_BUDGET_MS (default 30000: a slow
 * peer stops after that much time, after at least one run), SEG_HOOK_BENCH_PEERS_DIR,
 * SEG_HOOK_BENCH_COMPARE (another built checkout of seg-hook, e.g. an older commit: its hook
 * runs interleaved with this one in (a), (b), (c) and start-up, with a "within 10%" target
 * each; see docs/performance.md), SEG_HOOK_BENCH_HOSTILE_MB (e.g. 10: the hostile-input scenario
 * (e) once more with files of that many MB, after the default 1 MB; information only).
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Measurer, benchmark } = require('./lib/measure');
const { makeTempRoot, removeTempRoot } = require('./lib/gitRepo');
const scenarios = require('./lib/scenarios');
const commands = require('./lib/commands');
const { buildHistory } = require('./lib/history');
const hostile = require('./lib/hostile');
const { findPeers, gitVersion, segHookCli } = require('./lib/tools');
const {
  shortError,
  table,
  scenarioTable,
  targetLine,
  formatMs,
  formatMb,
  ratio,
} = require('./lib/report');

const REPO_ROOT = path.resolve(__dirname, '..');
const RUNS = positiveInt(process.env.SEG_HOOK_BENCH_RUNS, 5);
const PEER_BUDGET_MS = positiveInt(process.env.SEG_HOOK_BENCH_PEER_BUDGET_MS, 30000);
/** Slower than the compared build by more than this fails its target. */
const COMPARE_MARGIN = 1.1;
/** A hostile file slower than the benign one by more than this fails its target. */
const HOSTILE_MARGIN = 3;
const HOSTILE_MB = positiveInt(process.env.SEG_HOOK_BENCH_HOSTILE_MB, null);
const { MiB } = scenarios;

function positiveInt(text, fallback) {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function printHeader(cli, measurer, peers, compare) {
  const cpus = os.cpus();
  console.log('seg-hook bench');
  console.log(`  seg-hook:  ${path.relative(REPO_ROOT, cli)} (package.json bin)`);
  if (compare) console.log(`  compared with: ${compare.cli} (SEG_HOOK_BENCH_COMPARE)`);
  console.log(`  node ${process.version}, ${gitVersion()}, ${os.platform()} ${os.release()}`);
  console.log(`  CPU: ${cpus.length} x ${cpus[0] ? cpus[0].model.trim() : 'unknown'}`);
  console.log(`  load average at start: ${loadAverage()}`);
  console.log(
    `  peak RSS: ${measurer.timeBin ? `${measurer.timeBin} -f %M` : 'n/a (no GNU time)'}`,
  );
  for (const peer of peers) {
    console.log(
      `  peer ${peer.name}: ${peer.missing ? peer.missing : `${peer.version} (${peer.bin})`}`,
    );
  }
  console.log(
    [
      '',
      `wall ms = median of ${RUNS} runs (commands interleaved round-robin); cpu ms = median user +`,
      'system time of the whole process tree (steadier than wall on a busy machine); peak RSS MB =',
      'median of the largest resident set of any single process in the command (node, git, grep,',
      'sh), MB = 2^20 bytes. seg-hook/this = seg-hook figure / row figure (below 1.00x: seg-hook is',
      `faster or smaller). Slow peers stop after ${PEER_BUDGET_MS / 1000} s of runs (see "runs").`,
      'Peers get the staged file list for free (computed once, untimed). Children run with',
      'LC_ALL=C, no global git config, and without NODE_EXTRA_CA_CERTS / NODE_OPTIONS.',
    ].join('\n'),
  );
}

function loadAverage() {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

function runStartup(root, measurer, cli, compare) {
  const empty = scenarios.buildEmpty(root);
  const rows = benchmark(
    measurer,
    [
      commands.nodeStartCommand(empty),
      commands.segHookCommand(empty, cli, ['--version'], 'seg-hook --version'),
      commands.segHookCommand(empty, cli, ['--staged'], 'seg-hook --staged (empty index)'),
      ...(compare ? [commands.compareCommand(empty, compare)] : []),
      { ...commands.floorCommand(empty), name: 'git diff --cached (empty index)' },
      commands.gitCommand(empty, ['rev-parse', '--show-toplevel']),
    ],
    RUNS,
  );
  const node = rows[0];
  console.log('\n== start-up (a repository with one commit, nothing staged) ==');
  console.log(
    table(
      ['command', 'runs', 'wall ms', 'cpu ms', 'peak RSS MB', 'wall ms over node -e 0'],
      rows.map((row) =>
        row.error
          ? [row.name, '0', 'error', '', '', shortError(row.error)]
          : [
              row.name,
              String(row.runs),
              formatMs(row.wallMs),
              formatMs(row.cpuMs),
              formatMb(row.rssMb),
              row === node ? '' : formatMs(row.wallMs - node.wallMs),
            ],
      ),
      [false, true, true, true, true, true],
    ),
  );
  console.log(
    '(--version loads every module but starts no git: its excess over node -e 0 is module\n' +
      'loading; the empty-index scan adds repository discovery, configuration and git diff.)',
  );
  return { nodeMs: node.wallMs, rows };
}

function runScenario(build, root, measurer, cli, peers, compare) {
  const started = Date.now();
  const scenario = build(root);
  const setupMs = Date.now() - started;
  // Untimed: the diff size, and a first read that warms the page cache for every command.
  const diffBytes = scenario.repo.git(...commands.FLOOR_ARGS).length;
  const verify = commands.verifySegHook(scenario, measurer, cli);
  const scratch = path.join(root, 'scratch');
  const rows = benchmark(
    measurer,
    [
      commands.segHookCommand(scenario, cli),
      ...(compare ? [commands.compareCommand(scenario, compare)] : []),
      commands.floorCommand(scenario),
      commands.pipelineCommand(scenario),
      ...commands.peerCommands(scenario, peers, scratch, PEER_BUDGET_MS),
    ],
    RUNS,
  );
  console.log(`\n== ${scenario.title}: ${scenario.description} ==`);
  console.log(
    `staged: ${scenario.stagedFiles.length} files, ${scenario.addedLines} added lines, ` +
      `diff ${(diffBytes / MiB).toFixed(1)} MB; planted ${scenario.expected} tokens ` +
      `(bodies of 16/32/40/64 and others) + ${scenario.decoys} decoys that must not count ` +
      `(generated in ${(setupMs / 1000).toFixed(1)} s)`,
  );
  console.log(scenarioTable(rows, scenario, verify));
  const segHook = rows.find((row) => row.role === 'seg-hook');
  const floor = rows.find((row) => row.role === 'floor');
  if (segHook.wallMs && floor.wallMs && diffBytes > MiB) {
    const rate = (row) => ((diffBytes / MiB) * 1000) / row.wallMs;
    console.log(
      `throughput: seg-hook ${rate(segHook).toFixed(0)} MB/s of diff, git diff alone ${rate(floor).toFixed(0)} MB/s`,
    );
  }
  for (const row of rows) {
    if (row.checkProblem) console.log(`WARNING ${row.name}: ${row.checkProblem}`);
  }
  fs.rmSync(scenario.repo.dir, { recursive: true, force: true });
  return { scenario, rows, verify };
}

/** `seg-hook --history` on 500 and 5,000 commits: exact counts, and flat peak RSS. */
function runHistory(root, measurer, cli) {
  console.log('\n== history audit: seg-hook --history on generated repositories ==');
  const rows = [];
  for (const commits of [500, 5000]) {
    const started = Date.now();
    const { repo, planted } = buildHistory(root, commits);
    const setupMs = Date.now() - started;
    const [row] = benchmark(
      measurer,
      [
        {
          name: `seg-hook --history (${commits} commits)`,
          role: 'seg-hook',
          cwd: repo.dir,
          env: repo.env,
          file: process.execPath,
          args: [cli, '--history', '--format', 'json'],
          okStatus: [1],
        },
      ],
      Math.min(RUNS, 3),
    );
    const report = JSON.parse(
      measurer.run({
        cwd: repo.dir,
        env: repo.env,
        file: process.execPath,
        args: [cli, '--history', '--format', 'json'],
      }).stdout,
    );
    rows.push({
      commits,
      planted,
      setupMs,
      row,
      found: report.findings.length,
      scanned: report.summary.commitsScanned,
    });
    fs.rmSync(repo.dir, { recursive: true, force: true });
  }
  console.log(
    table(
      ['commits', 'runs', 'wall ms', 'cpu ms', 'peak RSS MB', 'commits scanned', 'findings'],
      rows.map(({ commits, planted, row, found, scanned }) => [
        String(commits),
        String(row.runs ?? 0),
        row.error ? 'error' : formatMs(row.wallMs),
        row.error ? '' : formatMs(row.cpuMs),
        row.error ? shortError(row.error) : formatMb(row.rssMb),
        String(scanned),
        `${found} (${planted} planted)`,
      ]),
      [true, true, true, true, true, true, false],
    ),
  );
  return rows;
}

/**
 * (e) Hostile input: one new file of hostile lines per commit, each timed interleaved with a
 * commit adding a benign file of random base64 lines of the same length and size.
 */
function runHostile(root, measurer, cli, megabytes, runs) {
  const started = Date.now();
  const set = hostile.buildHostileSet(root, megabytes);
  const setupMs = Date.now() - started;
  // Untimed: the JSON report (token found? decode-bound warning?), which also warms the cache.
  const checks = set.map((scenario) => hostile.checkReport(scenario, measurer, cli));
  const rows = benchmark(
    measurer,
    set.map((scenario) =>
      commands.segHookCommand(scenario, cli, ['--staged'], `seg-hook --staged ${scenario.title}`),
    ),
    runs,
  );
  const [benign] = rows;
  console.log(
    `\n== (e) hostile input, ${megabytes} MB: one new file of ${hostile.LINE_LENGTH}-character lines per commit ==`,
  );
  console.log(
    `each file ${(set[0].bytes / MiB).toFixed(1)} MB, ${set[0].addedLines} lines; the last line ends with ` +
      `a real token, percent-encoded, after the line's own text (generated in ${(setupMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    table(
      [
        'command',
        'runs',
        'wall ms',
        'cpu ms',
        'peak RSS MB',
        'wall/benign',
        'cpu/benign',
        'token found',
        'decode-bound',
      ],
      rows.map((row, i) => {
        const check = checks[i];
        const checkCells = check.error
          ? [shortError(check.error), '']
          : [check.found ? 'yes' : 'NO', String(check.decodeBound)];
        if (row.error) return [row.name, '0', 'error', '', '', '', '', shortError(row.error), ''];
        return [
          row.name,
          String(row.runs),
          formatMs(row.wallMs),
          formatMs(row.cpuMs),
          formatMb(row.rssMb),
          ratio(row.wallMs, benign.wallMs),
          ratio(row.cpuMs, benign.cpuMs),
          ...checkCells,
        ];
      }),
      [false, true, true, true, true, true, true, false, true],
    ),
  );
  for (const row of rows) {
    if (row.checkProblem) console.log(`WARNING ${row.name}: ${row.checkProblem}`);
  }
  for (const scenario of set) fs.rmSync(scenario.repo.dir, { recursive: true, force: true });
  return { megabytes, set, rows, checks };
}

function hostileTargetLines({ megabytes, set, rows, checks }) {
  const lines = [];
  const benign = rows[0];
  set.forEach((scenario, i) => {
    const row = rows[i];
    const label = `(${scenario.key}) ${scenario.kindName}, ${megabytes} MB`;
    if (i > 0) {
      if (row.error || benign.error || !benign.wallMs) {
        lines.push(
          targetLine(
            null,
            `${label}: within ${HOSTILE_MARGIN}x the benign file: a figure is missing`,
          ),
        );
      } else {
        const r = row.wallMs / benign.wallMs;
        lines.push(
          targetLine(
            r <= HOSTILE_MARGIN,
            `${label}: seg-hook ${formatMs(row.wallMs)} ms within ${HOSTILE_MARGIN}x the benign file ${formatMs(benign.wallMs)} ms (${r.toFixed(2)}x)`,
          ),
        );
      }
    }
    const check = checks[i];
    const ok = !check.error && check.found && check.decodeBound === 0;
    const detail = check.error
      ? shortError(check.error)
      : `${check.found ? 'found' : 'NOT found'} (${check.findings} findings), ${check.decodeBound} decode-bound warnings`;
    lines.push(
      targetLine(
        ok,
        `${label}: percent-encoded token on the last line found, no decode-bound warning: ${detail}`,
      ),
    );
  });
  const leak = rows.map((row) => row.checkProblem).find(Boolean);
  if (leak) lines.push(targetLine(false, `(e) ${megabytes} MB: ${leak}`));
  return lines;
}

function historyTargetLines(rows) {
  const [small, large] = rows;
  const lines = rows.map(({ commits, planted, found }) =>
    targetLine(
      found === planted,
      `(history ${commits}) exact findings: ${found} found, ${planted} planted`,
    ),
  );
  const flat = small.row.rssMb && large.row.rssMb ? large.row.rssMb / small.row.rssMb : null;
  lines.push(
    targetLine(
      flat === null ? null : flat <= 1.2,
      `(history) peak RSS flat in history length: ${formatMb(small.row.rssMb)} MB at 500 commits, ${formatMb(large.row.rssMb)} MB at 5,000`,
    ),
  );
  return lines;
}

function byRole(result, role) {
  return result.rows.find((row) => row.role === role && !row.error);
}

/** The issue's targets, one line each. */
function targetLines(startup, results, compare) {
  const lines = [];
  const [a, b, c, d, dPlain] = results;
  const seg = (result) => byRole(result, 'seg-hook');
  const num = (value) => value !== null && value !== undefined;

  const segA = seg(a);
  const floorA = byRole(a, 'floor');
  if (segA && floorA && num(startup.nodeMs)) {
    const limit = 1.5 * (startup.nodeMs + floorA.wallMs);
    lines.push(
      targetLine(
        segA.wallMs <= limit,
        `(a) seg-hook ${formatMs(segA.wallMs)} ms <= 1.5 x (node -e 0 ${formatMs(startup.nodeMs)} + git diff ${formatMs(floorA.wallMs)}) = ${formatMs(limit)} ms`,
      ),
    );
  } else lines.push(targetLine(null, '(a) seg-hook vs node -e 0 + git diff: a figure is missing'));

  const segB = seg(b);
  const pipelineB = byRole(b, 'pipeline');
  if (segB && pipelineB) {
    const limit = 1.5 * pipelineB.wallMs;
    lines.push(
      targetLine(
        segB.wallMs <= limit,
        `(b) seg-hook ${formatMs(segB.wallMs)} ms <= 1.5 x git diff | grep ${formatMs(pipelineB.wallMs)} = ${formatMs(limit)} ms (${(segB.wallMs / pipelineB.wallMs).toFixed(2)}x)`,
      ),
    );
  } else lines.push(targetLine(null, '(b) seg-hook vs git diff | grep: a figure is missing'));

  const peersB = b.rows.filter((row) => row.role === 'peer');
  if (peersB.length === 0) lines.push(targetLine(null, '(b) faster than every peer: no peer'));
  for (const peer of peersB) {
    if (peer.error || !segB) {
      lines.push(targetLine(null, `(b) faster than ${peer.name}: not measured`));
      continue;
    }
    lines.push(
      targetLine(
        segB.wallMs < peer.wallMs,
        `(b) seg-hook ${formatMs(segB.wallMs)} ms < ${peer.name} ${formatMs(peer.wallMs)} ms`,
      ),
    );
  }

  const segC = seg(c);
  for (const [label, row] of [
    ['(b)', segB],
    ['(c)', segC],
  ]) {
    const rss = row && row.rssMb;
    lines.push(
      targetLine(
        num(rss) ? rss <= 150 : null,
        `${label} seg-hook peak RSS ${formatMb(rss)} MB <= 150 MB`,
      ),
    );
  }
  if (segB && segC && num(segB.rssMb) && num(segC.rssMb)) {
    const spread = Math.max(segB.rssMb, segC.rssMb) / Math.min(segB.rssMb, segC.rssMb);
    lines.push(
      targetLine(
        spread <= 1.2,
        `(b)/(c) peak RSS within 20%: ${formatMb(segB.rssMb)} vs ${formatMb(segC.rssMb)} MB (${((spread - 1) * 100).toFixed(0)}% apart)`,
      ),
    );
  } else lines.push(targetLine(null, '(b)/(c) peak RSS within 20%: a figure is missing'));

  const segD = d && seg(d);
  const segD0 = dPlain && seg(dPlain);
  if (segD && segD0 && num(segD.wallMs) && num(segD0.wallMs)) {
    const ratio = segD.wallMs / segD0.wallMs;
    lines.push(
      targetLine(
        ratio <= 1.5,
        `(d) base64-heavy 20 MB with decoding ${formatMs(segD.wallMs)} ms <= 1.5 x without ${formatMs(segD0.wallMs)} ms (${ratio.toFixed(2)}x)`,
      ),
    );
  } else lines.push(targetLine(null, '(d) decoding vs none: a figure is missing'));

  for (const result of results) {
    const { verify, scenario } = result;
    const found = verify.error ? `error (${shortError(verify.error)})` : String(verify.count);
    lines.push(
      targetLine(
        !verify.error && verify.count === scenario.expected,
        `(${scenario.key}) exact findings: ${found} found, ${scenario.expected} planted`,
      ),
    );
  }
  const leaks = results.flatMap((r) => [r.verify.leak, ...r.rows.map((row) => row.checkProblem)]);
  if (compare) lines.push(...compareTargetLines(startup, [a, b, c], compare));
  const leak = leaks.find(Boolean);
  lines.push(targetLine(!leak, `no full token in seg-hook's output${leak ? `: ${leak}` : ''}`));
  return lines;
}

/** (start-up), (a), (b), (c): this build's wall time within 10% of the compared build's. */
function compareTargetLines(startup, results, compare) {
  const pairs = [
    ['start-up', startup],
    ...results.map((result) => [`(${result.scenario.key})`, result]),
  ];
  return pairs.map(([label, { rows }]) => {
    const mine = rows.find((row) => row.name.startsWith('seg-hook --staged'));
    const theirs = rows.find((row) => row.role === 'compare');
    if (!mine || !theirs || mine.error || theirs.error) {
      return targetLine(null, `${label} within 10% of ${compare.label}: a figure is missing`);
    }
    const ratio = mine.wallMs / theirs.wallMs;
    return targetLine(
      ratio <= COMPARE_MARGIN,
      `${label} seg-hook ${formatMs(mine.wallMs)} ms <= 1.1 x ${compare.label} ${formatMs(theirs.wallMs)} ms (${ratio.toFixed(2)}x)`,
    );
  });
}

/** SEG_HOOK_BENCH_COMPARE: another built checkout whose hook runs beside this one. */
function compareBuild() {
  const dir = process.env.SEG_HOOK_BENCH_COMPARE;
  if (!dir) return null;
  const cli = segHookCli(path.resolve(dir));
  if (!fs.existsSync(cli)) {
    throw new Error(`SEG_HOOK_BENCH_COMPARE: ${cli} is missing; build that checkout first`);
  }
  return { cli, label: `compared build (${path.basename(path.resolve(dir))})` };
}

function main() {
  const cli = segHookCli(REPO_ROOT);
  if (!fs.existsSync(cli)) {
    console.error(`bench: ${cli} is missing; run npm run build first.`);
    process.exitCode = 2;
    return;
  }
  const root = makeTempRoot();
  const cleanUp = () => removeTempRoot(root);
  process.on('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  try {
    const started = Date.now();
    fs.mkdirSync(path.join(root, 'scratch'));
    const measurer = new Measurer(path.join(root, 'scratch'));
    const peers = findPeers();
    const compare = compareBuild();
    printHeader(cli, measurer, peers, compare);
    const startup = runStartup(root, measurer, cli, compare);
    const results = [scenarios.buildTypical, scenarios.buildLarge, scenarios.buildOneLine].map(
      (build) => runScenario(build, root, measurer, cli, peers, compare),
    );
    // (d): what decoding costs on base64-heavy content; peers would only repeat (c).
    for (const build of [scenarios.buildBase64Heavy, scenarios.buildBase64Plain])
      results.push(runScenario(build, root, measurer, cli, []));
    const hostileResults = [runHostile(root, measurer, cli, 1, RUNS)];
    if (HOSTILE_MB && HOSTILE_MB !== 1) {
      hostileResults.push(runHostile(root, measurer, cli, HOSTILE_MB, Math.min(RUNS, 3)));
    }
    const history = runHistory(root, measurer, cli);
    console.log('\n== targets ==');
    for (const line of targetLines(startup, results, compare)) console.log(line);
    for (const result of hostileResults) {
      for (const line of hostileTargetLines(result)) console.log(line);
    }
    for (const line of historyTargetLines(history)) console.log(line);
    console.log(
      `\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s; load average at end: ${loadAverage()}`,
    );
  } finally {
    cleanUp();
  }
}

main();
