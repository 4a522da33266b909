/**
 * Plays a scenario in a real temp repository, runs the built CLI the way the scenario finishes,
 * and checks its JSON report against the oracle. Throws an Error listing every violation (with
 * token numbers, never tokens) so fast-check can shrink the scenario.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_SEGMENT } from '../../../src/diff/lineSplitter';
import { GitCallLog, StagedRoute, stagedRouteOf } from '../../helpers/gitCalls';
import { isolatedEnv, JsonReport, RunResult, TempRepo } from '../../helpers/gitRepo';
import { CLI_UNDER_TEST } from './cliUnderTest';
import { git, readHead, readIndex, runGit } from './gitState';
import { applyHostileSettings, hasGrepSetting, HostileTools } from './hostileSettings';
import { checkReport, OracleInput, requiredEncoded, requiredOccurrences } from './oracle';
import { writeEncoded } from '../../helpers/encodings';
import { renderPlanted } from './encodedPlantings';
import { TokenFactory } from './plantedTokens';
import { Edit, Eol, LineSpec, Scenario, Step, TokenSlot } from './scenario';

/** Where the scanner cuts long lines: tokens are planted right at the first cut. */
const SEGMENT_LIMIT = DEFAULT_MAX_SEGMENT;

// ---------------------------------------------------------------------------------------------
// Rendering lines to bytes.

const endsWithTokenChar = (text: string) => /[A-Za-z0-9_]$/.test(text);
const startsWithAlphanumeric = (text: string) => /^[A-Za-z0-9]/.test(text);

/** An escape right before a token (`\n`, `%20`, `\u0022`) is a boundary, though it ends in a letter. */
const ENDS_WITH_ESCAPE = /(\\[nrt]|\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2}|%[0-9A-Fa-f]{2})$/;

/** Text + token + close, keeping a boundary on both sides whatever the neighbours are. */
function appendToken(line: string, slot: TokenSlot, tokens: TokenFactory, next: string): string {
  let result = line + slot.open;
  if (slot.encoding) {
    // Encoded: set apart from its neighbours, which must not extend its encoded run.
    const token = tokens.next(slot.bodyLength);
    const text = writeEncoded(`${token}.`, slot.encoding);
    tokens.encoded.push({ token, chain: slot.encoding, text });
    return `${result} ${text}${slot.close} ${next}`;
  }
  if (endsWithTokenChar(result) && !ENDS_WITH_ESCAPE.test(result)) result += ' ';
  result += tokens.next(slot.bodyLength) + slot.close;
  if (slot.close === '' && startsWithAlphanumeric(next)) result += ' ';
  return result + next;
}

/** `piece` repeated to exactly `bytes` bytes (padded with '.' so no character is cut). */
function filler(piece: string, bytes: number): string {
  if (bytes <= 0) return '';
  const unit = Buffer.byteLength(piece);
  const text = piece.repeat(Math.floor(bytes / unit));
  return text + '.'.repeat(bytes - Buffer.byteLength(text));
}

function sanitizeBytes(bytes: number[]): Buffer {
  const buffer = Buffer.from(bytes.map((byte) => (byte === 0x0a ? 0x20 : byte)));
  // Raw bytes never spell the token prefix or the word the assignment rule looks for.
  const latin = buffer
    .toString('latin1')
    .replace(/sgp_/gi, 'sgq_')
    .replace(/segment/gi, 'segmnt');
  return Buffer.from(latin, 'latin1');
}

export function renderLine(spec: LineSpec, tokens: TokenFactory): Buffer {
  switch (spec.kind) {
    case 'text':
      return Buffer.from(spec.text);
    case 'bytes':
      return sanitizeBytes(spec.bytes);
    case 'token': {
      let line = spec.lead;
      spec.slots.forEach((slot, i) => {
        const next = i === spec.slots.length - 1 ? spec.trail : spec.gaps[i % spec.gaps.length];
        line = appendToken(line, slot, tokens, next);
      });
      return Buffer.from(line);
    }
    case 'long': {
      if (!spec.token) return Buffer.from(filler(spec.piece, spec.size));
      const { at, jitter, slot } = spec.token;
      const tokenAt = (offset: number) => {
        const before = `${filler(spec.piece, offset - 1)} `;
        const withToken = appendToken(before, slot, tokens, ' ');
        return withToken + filler(spec.piece, spec.size - Buffer.byteLength(withToken));
      };
      if (at === 'start')
        return Buffer.from(appendToken('', slot, tokens, ' ') + filler(spec.piece, spec.size));
      if (at === 'end')
        return Buffer.from(appendToken(filler(spec.piece, spec.size), slot, tokens, ''));
      // The diff line is '+' + content: put `sgp_` within ±40 bytes of the first segment's end.
      if (at === 'segment-limit' && spec.size > SEGMENT_LIMIT)
        return Buffer.from(tokenAt(SEGMENT_LIMIT - 41 + jitter));
      return Buffer.from(tokenAt(Math.floor(spec.size / 2)));
    }
    case 'planted':
      return renderPlanted(spec.line, tokens);
  }
}

// ---------------------------------------------------------------------------------------------
// Contents as lines (each with its own terminator).

function splitLines(content: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  while (start < content.length) {
    const newline = content.indexOf(0x0a, start);
    const end = newline === -1 ? content.length : newline + 1;
    lines.push(content.subarray(start, end));
    start = end;
  }
  return lines;
}

const terminator = (eol: Eol) => (eol === 'crlf' ? '\r\n' : '\n');

function applyEdits(content: Buffer, edits: Edit[], tokens: TokenFactory): Buffer {
  let lines = splitLines(content);
  for (const edit of edits) {
    const at = edit.at % (lines.length + 1);
    const inserted = edit.insert.map((spec) =>
      Buffer.concat([renderLine(spec, tokens), Buffer.from(terminator(edit.eol))]),
    );
    // Inserting after an unterminated last line: end that line first (no accidental joining).
    if (inserted.length && at === lines.length && at > 0 && lines[at - 1].at(-1) !== 0x0a) {
      lines[at - 1] = Buffer.concat([lines[at - 1], Buffer.from('\n')]);
    }
    lines = [
      ...lines.slice(0, at),
      ...inserted,
      ...lines.slice(at + Math.min(edit.remove, lines.length - at)),
    ];
  }
  return Buffer.concat(lines);
}

// ---------------------------------------------------------------------------------------------
// The repository a scenario plays in.

export interface PlayContext {
  tools: HostileTools;
  /** Records git's calls, to show which route the large-commit replay took. */
  gitCalls: GitCallLog;
  /** A decoding bound reported (a `decode-bound` warning) is a problem. */
  noDecodeBounds?: boolean;
}

class Playground {
  readonly repo = new TempRepo('seg-hook-prop-');
  readonly env = isolatedEnv();
  readonly tokens: TokenFactory;
  readonly scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-prop-out-')));

  constructor(readonly scenario: Scenario) {
    this.tokens = new TokenFactory(scenario.salt);
  }

  get dir(): string {
    return this.repo.dir;
  }

  git(args: string[], input?: Buffer | string): Buffer {
    return git(this.dir, args, this.env, input);
  }

  /** git with pathspecs taken literally (names hold `*`, `[`, `:(`…). */
  gitPaths(args: string[]): Buffer {
    return this.git(['--literal-pathspecs', ...args]);
  }

  full(name: string): string {
    return path.join(this.dir, name);
  }

  lstat(name: string): fs.Stats | null {
    try {
      return fs.lstatSync(this.full(name));
    } catch {
      return null;
    }
  }

  indexEntry(name: string): { mode: string; id: string } | null {
    const out = this.gitPaths(['ls-files', '-s', '-z', '--', name]).toString('utf8');
    if (out === '') return null;
    const [mode, id] = out.slice(0, out.indexOf('\t')).split(' ');
    return { mode, id };
  }

  /** Current work-tree bytes of a regular file; empty when it is missing or not a file. */
  workContent(name: string): Buffer {
    const stat = this.lstat(name);
    return stat?.isFile() ? fs.readFileSync(this.full(name)) : Buffer.alloc(0);
  }

  indexContent(name: string): Buffer {
    const entry = this.indexEntry(name);
    if (!entry || !entry.mode.startsWith('100')) return Buffer.alloc(0);
    return this.git(['cat-file', 'blob', entry.id]);
  }

  /** Replaces whatever is at `name` (file or symlink; never follows a link) with `content`. */
  writeFile(name: string, content: Buffer): void {
    const full = this.full(name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.rmSync(full, { force: true });
    fs.writeFileSync(full, content);
  }

  /** Stages `content` for `name` without touching the work tree (what `git add -p` ends with). */
  stageContent(name: string, content: Buffer): void {
    const id = this.git(['hash-object', '-w', '--stdin'], content).toString('utf8').trim();
    const existing = this.indexEntry(name);
    const mode = existing?.mode === '100755' ? '100755' : '100644';
    this.git(['update-index', '--add', '-z', '--index-info'], `${mode} ${id}\t${name}\0`);
  }

  add(name: string): void {
    this.gitPaths(['add', '-A', '--', name]);
  }
}

function playStep(ground: Playground, step: Step): void {
  const { names } = ground.scenario;
  const tokens = ground.tokens;
  switch (step.kind) {
    case 'write': {
      const name = names[step.file];
      const rendered = step.lines.map((spec, i) => {
        const isLast = i === step.lines.length - 1;
        const eol = step.eol === 'mixed' ? (i % 2 ? 'crlf' : 'lf') : step.eol;
        return Buffer.concat([
          renderLine(spec, tokens),
          Buffer.from(isLast && !step.finalNewline ? '' : terminator(eol)),
        ]);
      });
      ground.writeFile(name, Buffer.concat(rendered));
      if (step.staging === 'all') ground.add(name);
      if (step.staging === 'partial')
        ground.stageContent(
          name,
          Buffer.concat(rendered.slice(0, step.cut % (rendered.length + 1))),
        );
      return;
    }
    case 'edit': {
      const name = names[step.file];
      const indexBase = step.staging === 'partial' ? ground.indexContent(name) : null;
      ground.writeFile(name, applyEdits(ground.workContent(name), step.edits, tokens));
      if (step.staging === 'all') ground.add(name);
      if (indexBase) {
        const staged = step.edits.slice(0, step.cut % (step.edits.length + 1));
        ground.stageContent(name, applyEdits(indexBase, staged, tokens));
      }
      return;
    }
    case 'delete': {
      const name = names[step.file];
      const tracked = ground.indexEntry(name) !== null;
      if (step.how === 'work-tree' || !tracked) fs.rmSync(ground.full(name), { force: true });
      else if (step.how === 'git-rm') ground.gitPaths(['rm', '-q', '-f', '--', name]);
      else ground.gitPaths(['rm', '-q', '-f', '--cached', '--', name]);
      return;
    }
    case 'rename': {
      const from = names[step.from];
      const to = names[step.to];
      if (from === to || !ground.indexEntry(from) || !ground.lstat(from)) return;
      fs.mkdirSync(path.dirname(ground.full(to)), { recursive: true });
      ground.gitPaths(['mv', '-f', '--', from, to]);
      if (step.edits.length && !ground.lstat(to)?.isSymbolicLink()) {
        ground.writeFile(to, applyEdits(ground.workContent(to), step.edits, tokens));
        ground.add(to);
      }
      return;
    }
    case 'chmod': {
      const name = names[step.file];
      const sign = step.executable ? '+x' : '-x';
      if (step.how === 'index') {
        if (ground.indexEntry(name)?.mode.startsWith('100'))
          ground.gitPaths(['update-index', `--chmod=${sign}`, '--', name]);
      } else if (ground.lstat(name)?.isFile()) {
        fs.chmodSync(ground.full(name), step.executable ? 0o755 : 0o644);
        ground.add(name);
      }
      return;
    }
    case 'symlink': {
      const name = names[step.file];
      const full = ground.full(name);
      let target: Buffer;
      if (step.target.kind === 'name') {
        const other = names[step.target.file];
        target = Buffer.from(path.relative(path.dirname(full), ground.full(other)) || '.');
      } else {
        // A link target holds no NUL; a space keeps the token's boundary.
        const bytes = renderLine(step.target, tokens);
        target = Buffer.from(bytes.map((byte) => (byte === 0 ? 0x20 : byte)));
        if (target.length === 0) target = Buffer.from('x');
      }
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.rmSync(full, { force: true });
      fs.symlinkSync(target, full);
      ground.add(name);
      return;
    }
    case 'commit':
      ground.git(['commit', '-q', '--no-verify', '--allow-empty', '-m', 'step']);
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// Finishing: how the CLI is run, and what it is checked against.

interface Outcome {
  oracle: OracleInput;
  status: number | null;
  report: JsonReport;
  outputs: string[];
  /** Extra problems found while running (a hook that did not block, …). */
  problems: string[];
  /** The route of the replay with more than 64 changes, when there was one. */
  largeRoute?: StagedRoute;
}

function pickNames(names: string[], pick: boolean[]): string[] {
  const picked = names.filter((_name, i) => pick[i % pick.length]);
  return picked.length ? picked : names.slice(0, 1);
}

function runCli(
  ground: Playground,
  hostileEnv: NodeJS.ProcessEnv,
  args: string[],
  extra: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): RunResult {
  return ground.repo.run(process.execPath, [CLI_UNDER_TEST, '--format', 'json', ...args], {
    cwd: extra.cwd ?? ground.dir,
    env: isolatedEnv({ ...hostileEnv, ...extra.env }),
  });
}

function parseReport(result: {
  stdout: string;
  stderr: string;
  status: number | null;
}): JsonReport {
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`the CLI could not scan (exit ${result.status}): ${result.stderr.trim()}`);
  }
  return JSON.parse(result.stdout) as JsonReport;
}

/** Runs `body` with 65 new files staged (nothing to find in them), then unstages and removes them. */
function withManyChanges(ground: Playground, body: () => RunResult): RunResult {
  const dir = path.join(ground.dir, 'many—fillers');
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 65; i++) fs.writeFileSync(path.join(dir, `${i}.txt`), `filler ${i}\n`);
  git(ground.dir, ['add', '--', 'many—fillers'], ground.env);
  try {
    return body();
  } finally {
    git(ground.dir, ['rm', '-r', '-q', '--cached', '--', 'many—fillers'], ground.env);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A report's findings, where they are (for comparing two runs). */
function findingsOf(result: RunResult): unknown {
  if (result.status !== 0 && result.status !== 1) return `exit ${result.status}`;
  return (JSON.parse(result.stdout) as JsonReport).findings.map((f) => [f.file, f.line, f.column]);
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

function finish(ground: Playground, hostileEnv: NodeJS.ProcessEnv, gitCalls: GitCallLog): Outcome {
  const { finish: how } = ground.scenario;
  const tokens = ground.tokens.tokens;
  const head = readHead(ground.dir, ground.env);
  switch (how.kind) {
    case 'scan':
    case 'scan-subdir': {
      const cwd = how.kind === 'scan' ? ground.dir : path.join(ground.dir, 'sub—dir', 'deeper');
      fs.mkdirSync(cwd, { recursive: true });
      const index = readIndex(ground.dir, ground.env);
      const result = runCli(ground, hostileEnv, [], { cwd });
      const problems = result.stderr === '' ? [] : [`stderr is not empty: ${result.stderr}`];
      const outputs = [result.stdout, result.stderr];
      let largeRoute: StagedRoute | undefined;
      // Past 64 changes the scan takes its other route (git grep for new files, the patch for
      // the rest): with 65 new files beside the changes (several greps), the same findings.
      if (how.kind === 'scan') {
        gitCalls.take();
        const other = withManyChanges(ground, () =>
          runCli(ground, hostileEnv, [], { cwd, env: { PATH: gitCalls.env(process.env).PATH } }),
        );
        largeRoute = stagedRouteOf(gitCalls.take());
        if (largeRoute === 'one patch') {
          problems.push('with more than 64 changes, the whole patch was still read');
        }
        outputs.push(other.stdout, other.stderr);
        const [first, second] = [result, other].map((r) => JSON.stringify(findingsOf(r)));
        if (other.status !== result.status || first !== second) {
          problems.push(
            `with more than 64 changes: exit ${other.status}, findings ${second}; ` +
              `without: exit ${result.status}, findings ${first}; stderr: ${other.stderr.trim()}`,
          );
        }
      }
      return {
        oracle: { index, head, tokens },
        status: result.status,
        report: parseReport(result),
        outputs,
        problems,
        largeRoute,
      };
    }
    case 'scan-paths': {
      const index = readIndex(ground.dir, ground.env);
      const scope = pickNames(
        index.map((blob) => blob.path),
        how.pick,
      );
      const result = runCli(
        ground,
        hostileEnv,
        scope.length ? scope.map((name) => ground.full(name)) : [],
      );
      return {
        oracle: { index, head, tokens, scope: scope.length ? new Set(scope) : undefined },
        status: result.status,
        report: parseReport(result),
        outputs: [result.stdout, result.stderr],
        problems: result.stderr === '' ? [] : [`stderr is not empty: ${result.stderr}`],
      };
    }
    case 'temp-index': {
      const indexFile = path.join(ground.scratch, 'next-index');
      const realIndex = path.join(ground.dir, '.git', 'index');
      if (fs.existsSync(realIndex)) fs.copyFileSync(realIndex, indexFile);
      const env = { GIT_INDEX_FILE: indexFile };
      git(ground.dir, ['add', '-u'], { ...ground.env, ...env });
      const result = runCli(ground, hostileEnv, [], { env });
      return {
        oracle: { index: readIndex(ground.dir, { ...ground.env, ...env }), head, tokens },
        status: result.status,
        report: parseReport(result),
        outputs: [result.stdout, result.stderr],
        problems: result.stderr === '' ? [] : [`stderr is not empty: ${result.stderr}`],
      };
    }
    case 'hook':
      return finishWithHook(ground, hostileEnv, how.style, how.pick, head);
  }
}

/** A real `git commit` whose pre-commit hook keeps a copy of the index it was given. */
function finishWithHook(
  ground: Playground,
  hostileEnv: NodeJS.ProcessEnv,
  style: 'plain' | 'all' | 'only' | 'include',
  pick: boolean[],
  head: ReturnType<typeof readHead>,
): Outcome {
  const out = ground.scratch;
  const hook = path.join(ground.dir, '.git', 'hooks', 'pre-commit');
  fs.mkdirSync(path.dirname(hook), { recursive: true });
  fs.writeFileSync(
    hook,
    [
      '#!/bin/sh',
      `out=${shellQuote(out)}`,
      'cp "${GIT_INDEX_FILE:-.git/index}" "$out/index" || exit 3',
      `${shellQuote(process.execPath)} ${shellQuote(CLI_UNDER_TEST)} --format json >"$out/report.json" 2>"$out/stderr"`,
      'status=$?',
      'printf %s "$status" >"$out/status"',
      'exit "$status"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const tracked = readIndex(ground.dir, ground.env).map((blob) => blob.path);
  const paths = tracked.length ? pickNames(tracked, pick) : [];
  const args =
    style === 'all'
      ? ['commit', '-a', '--allow-empty', '-q', '-m', 'hook']
      : (style === 'only' || style === 'include') && paths.length
        ? [
            '--literal-pathspecs',
            'commit',
            `--${style}`,
            '--allow-empty',
            '-q',
            '-m',
            'hook',
            '--',
            ...paths,
          ]
        : ['commit', '--allow-empty', '-q', '-m', 'hook'];
  const headBefore = runGit(ground.dir, ['rev-parse', '--verify', '--quiet', 'HEAD'], ground.env)
    .stdout.toString()
    .trim();
  const commit = runGit(ground.dir, args, isolatedEnv(hostileEnv));
  const statusFile = path.join(out, 'status');
  if (!fs.existsSync(statusFile)) {
    throw new Error(`git commit failed before the hook ran (${commit.status}): ${commit.stderr}`);
  }
  const status = Number(fs.readFileSync(statusFile, 'utf8'));
  const stdout = fs.readFileSync(path.join(out, 'report.json'), 'utf8');
  const stderr = fs.readFileSync(path.join(out, 'stderr'), 'utf8');
  const headAfter = runGit(ground.dir, ['rev-parse', '--verify', '--quiet', 'HEAD'], ground.env)
    .stdout.toString()
    .trim();
  const problems: string[] = [];
  if (stderr !== '') problems.push(`stderr is not empty: ${stderr}`);
  if (status === 0 && commit.status !== 0)
    problems.push(`clean scan, but the commit failed: ${commit.stderr}`);
  if (status !== 0 && (commit.status === 0 || headAfter !== headBefore))
    problems.push(`the scan exited ${status} but the commit went through`);
  const indexCopy = path.join(out, 'index');
  return {
    oracle: {
      index: readIndex(ground.dir, { ...ground.env, GIT_INDEX_FILE: indexCopy }),
      head,
      tokens: ground.tokens.tokens,
    },
    status,
    report: parseReport({ stdout, stderr, status }),
    outputs: [stdout, stderr, commit.stdout.toString('utf8'), commit.stderr],
    problems,
  };
}

/** What a played scenario exercised (the suite asserts the properties were not vacuous). */
export interface PlayStats {
  finish: string;
  planted: number;
  /** Occurrences the oracle required to be reported (new in the index). */
  required: number;
  /** The same for tokens planted under encodings. */
  requiredEncoded: number;
  reported: number;
  exitCode: number | null;
  /** The route of the replay with more than 64 changes, when there was one. */
  largeRoute?: StagedRoute;
  /** Whether the scenario set anything that changes how git grep runs. */
  grepSettings: boolean;
}

/** Characters of an encoded form that hold about 8 of the token's characters or more. */
const ENCODED_PIECE = 16;

/** Plays `scenario`; throws an Error describing every violation. */
export function playScenario(scenario: Scenario, context: PlayContext): PlayStats {
  const ground = new Playground(scenario);
  try {
    const hostileEnv = applyHostileSettings(
      scenario.settings,
      path.join(ground.dir, '.git'),
      context.tools,
      (key, value) => ground.git(['config', key, value]),
    );
    for (const step of scenario.steps) playStep(ground, step);
    const outcome = finish(ground, hostileEnv, context.gitCalls);
    outcome.oracle.encoded = ground.tokens.encoded;
    const problems = [
      ...outcome.problems,
      ...checkReport(outcome.oracle, outcome.status, outcome.report),
    ];
    if (context.noDecodeBounds) {
      for (const warning of outcome.report.warnings ?? []) {
        if (warning.kind === 'decode-bound')
          problems.push(`decoding bound ${warning.bound} reported at line ${warning.line}`);
      }
    }
    const tokens = ground.tokens.tokens;
    outcome.outputs.forEach((output) => {
      tokens.forEach((token, i) => {
        if (output.includes(token)) problems.push(`token #${i} leaked in full in the output`);
      });
      // Nor a piece of an encoded form long enough to rebuild much of the token.
      for (const { text, chain } of ground.tokens.encoded) {
        for (let at = 0; at + ENCODED_PIECE <= text.length; at += 4) {
          if (output.includes(text.slice(at, at + ENCODED_PIECE))) {
            problems.push(`a piece of a ${chain.join('>')} encoded token leaked in the output`);
            break;
          }
        }
      }
    });
    if (problems.length) {
      throw new Error(`${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    }
    const finishKind =
      scenario.finish.kind === 'hook' ? `hook ${scenario.finish.style}` : scenario.finish.kind;
    return {
      finish: finishKind,
      planted: tokens.length,
      required: requiredOccurrences(outcome.oracle).length,
      requiredEncoded: requiredEncoded(outcome.oracle).length,
      reported: outcome.report.findings.length,
      exitCode: outcome.status,
      largeRoute: outcome.largeRoute,
      grepSettings: hasGrepSetting(scenario.settings),
    };
  } finally {
    ground.repo.cleanup();
    fs.rmSync(ground.scratch, { recursive: true, force: true });
  }
}
