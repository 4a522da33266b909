/**
 * What is measured in each repository: seg-hook, the floor (git diff alone), the
 * `git diff | grep` pipeline, and the installed peers, each configured for the Segment pattern.
 * Finding counts come from each tool's own output; peers may count lines rather than tokens.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PREFIX } = require('./tokens');

/** The Segment pattern as the issue states it, for grep and git-secrets (ERE). */
const SEGMENT_ERE = `${PREFIX}[A-Za-z0-9]{16,}`;
const FLOOR_ARGS = ['diff', '--cached', '-U0', '--text'];

function base(scenario) {
  return { cwd: scenario.repo.dir, env: scenario.repo.env };
}

/** seg-hook exactly as the hook runs it; the finding count comes from a separate JSON run. */
function segHookCommand(scenario, cli, args = ['--staged'], name = 'seg-hook --staged') {
  return {
    ...base(scenario),
    name,
    role: 'seg-hook',
    file: process.execPath,
    args: [cli, ...args],
    okStatus: args.includes('--staged') && scenario.expected > 0 ? [1] : [0],
    check: (sample) => leakedToken(scenario, sample.stdout + sample.stderr),
  };
}

/** Another build's hook (SEG_HOOK_BENCH_COMPARE), timed beside this one's. */
function compareCommand(scenario, compare) {
  return {
    ...segHookCommand(scenario, compare.cli, ['--staged'], `${compare.label} --staged`),
    role: 'compare',
  };
}

function nodeStartCommand(scenario) {
  return {
    ...base(scenario),
    name: 'node -e 0',
    role: 'node',
    file: process.execPath,
    args: ['-e', '0'],
    okStatus: [0],
  };
}

/** A plain git command, for the start-up breakdown. */
function gitCommand(scenario, args) {
  return {
    ...base(scenario),
    name: `git ${args.join(' ')}`,
    role: 'git',
    file: 'git',
    args,
    stdout: 'ignore',
    okStatus: [0],
  };
}

function floorCommand(scenario) {
  return {
    ...base(scenario),
    name: 'git diff --cached -U0 --text >/dev/null',
    role: 'floor',
    file: 'git',
    args: FLOOR_ARGS,
    stdout: 'ignore',
    okStatus: [0],
  };
}

function pipelineCommand(scenario) {
  return {
    ...base(scenario),
    name: 'git diff --cached -U0 --text | grep -cE',
    role: 'pipeline',
    file: 'sh',
    args: ['-c', `git ${FLOOR_ARGS.join(' ')} | grep -cE '${SEGMENT_ERE}'`],
    okStatus: [0, 1],
    count: (sample) => Number(sample.stdout.trim()),
    countUnit: 'lines',
  };
}

/** git-secrets' pre-commit scan: `git grep --cached` over the staged files. */
function gitSecretsCommand(scenario) {
  scenario.repo.git('secrets', '--add', SEGMENT_ERE);
  return {
    ...base(scenario),
    name: 'git secrets --scan --cached <staged>',
    role: 'peer',
    file: 'git',
    args: ['secrets', '--scan', '--cached', '--', ...scenario.stagedFiles],
    okStatus: [0, 1],
    // Matches go to stderr as path:line:text, one per line, before the "[ERROR]" banner.
    count: (sample) => sample.stderr.split('\n[ERROR]')[0].split('\n').filter(Boolean).length,
    countUnit: 'lines',
  };
}

function gitleaksCommand(scenario, peer, scratchDir) {
  const report = path.join(scratchDir, 'gitleaks.json');
  fs.rmSync(report, { force: true }); // never count a previous scenario's report
  const common = ['--no-banner', '--redact', '--report-format', 'json', '--report-path', report];
  const args =
    peer.subcommand === 'git'
      ? ['git', '--staged', ...common, '.']
      : ['protect', '--staged', ...common, '--source', '.'];
  return {
    ...base(scenario),
    name: `gitleaks ${peer.subcommand} --staged (default rules)`,
    role: 'peer',
    file: peer.bin,
    args,
    okStatus: [0, 1],
    count: () => JSON.parse(fs.readFileSync(report, 'utf8')).length,
  };
}

/** secretlint on the staged files, with one pattern rule for the Segment token. */
function secretlintCommand(scenario, peer, scratchDir, budgetMs) {
  const rc = path.join(scratchDir, 'secretlintrc.json');
  const pattern = `/(?<![A-Za-z0-9_])${SEGMENT_ERE}/`;
  const config = {
    rules: [
      {
        id: '@secretlint/secretlint-rule-pattern',
        options: { patterns: [{ name: 'Segment Public API token', patterns: [pattern] }] },
      },
    ],
  };
  fs.writeFileSync(rc, JSON.stringify(config));
  return {
    ...base(scenario),
    name: 'secretlint <staged> (pattern rule)',
    role: 'peer',
    file: peer.bin,
    args: [
      '--secretlintrc',
      rc,
      '--format',
      'unix',
      '--no-color',
      '--no-terminalLink',
      '--no-glob',
      ...scenario.stagedFiles,
    ],
    okStatus: [0, 1],
    budgetMs,
    count: (sample) => sample.stdout.split('\n').filter((line) => /:\d+:\d+: /.test(line)).length,
  };
}

function peerCommands(scenario, peers, scratchDir, budgetMs) {
  const commands = [];
  for (const peer of peers) {
    if (peer.missing) continue;
    if (peer.name === 'git-secrets') commands.push({ ...gitSecretsCommand(scenario), budgetMs });
    if (peer.name === 'gitleaks') {
      commands.push({ ...gitleaksCommand(scenario, peer, scratchDir), budgetMs });
    }
    if (peer.name === 'secretlint') {
      commands.push(secretlintCommand(scenario, peer, scratchDir, budgetMs));
    }
  }
  return commands;
}

/** A description of a planted token that appears in full in `output`, or null. */
function leakedToken(scenario, output) {
  const leaked = scenario.realTokens.find((token) => output.includes(token));
  return leaked ? `a full token (${leaked.length} chars) appears in seg-hook's output` : null;
}

/** One untimed `--format json` run: the exact finding count, and the redaction check. */
function verifySegHook(scenario, measurer, cli) {
  const sample = measurer.run({
    ...base(scenario),
    file: process.execPath,
    args: [cli, '--staged', '--format', 'json'],
  });
  if (sample.status !== 0 && sample.status !== 1) {
    return { error: `exit ${sample.status}: ${sample.stderr.trim().split('\n')[0]}` };
  }
  try {
    const report = JSON.parse(sample.stdout);
    return {
      count: report.findings.length,
      leak: leakedToken(scenario, sample.stdout + sample.stderr),
    };
  } catch {
    return { error: 'seg-hook --format json printed something that is not JSON' };
  }
}

module.exports = {
  segHookCommand,
  compareCommand,
  nodeStartCommand,
  floorCommand,
  gitCommand,
  pipelineCommand,
  peerCommands,
  verifySegHook,
  FLOOR_ARGS,
};
