/**
 * Issue #19's acceptance for the property suite: encoded tokens planted in real repositories,
 * scanned by the built CLI and checked by the oracle (support/oracle.ts: every planted token
 * new in the index is reported, with its chain, inside its encoded text; nothing else is),
 * with hostile git settings and every way the staged scan finishes. See
 * support/encodedPlantings.ts for what is planted: random chains of up to three encodings at
 * random base64 alignments and alphabets, partial percent forms of the prefix, base64 wrapped
 * at 60 to 80 columns with LF or CRLF, UTF-16 lines, lines longer than 200 KiB with the token
 * across a 64 KiB segment cut, and thousands of encoded look-alikes before the token. No
 * decoding bound may be reported on any of them.
 *
 * Replay: SEG_HOOK_PROPERTY_SEED=<seed> [SEG_HOOK_ENCODED_RUNS=<n>] [SEG_HOOK_PROPERTY_PATH=<path>]
 *   npx jest test/property/encodedScan.property.test.ts
 */
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitCallLog } from '../helpers/gitCalls';
import { plantedLine } from './support/encodedPlantings';
import { HOSTILE_SETTING_IDS, HostileTools, writeHostileTools } from './support/hostileSettings';
import { playScenario, PlayStats } from './support/playScenario';
import { finish, LineSpec, namePool, sanitize, Scenario, Step } from './support/scenario';

const DEFAULT_SEED = 20260501;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value))
    throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return value;
}

const SEED = intFromEnv('SEG_HOOK_PROPERTY_SEED', DEFAULT_SEED);
/** Scenarios of short lines; long ones (200 KiB lines, look-alike runs) get a tenth of that. */
const RUNS = intFromEnv('SEG_HOOK_ENCODED_RUNS', 25);
const LONG_RUNS = Math.max(1, Math.round(RUNS / 5));
const REPLAY_PATH = process.env.SEG_HOOK_PROPERTY_PATH || undefined;

let toolDir: string;
let tools: HostileTools;
const gitCalls = new GitCallLog();

beforeAll(() => {
  toolDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-prop-tools-')));
  tools = writeHostileTools(toolDir);
  console.log(
    `seg-hook encoded property suite: seed=${SEED} runs=${RUNS}+${LONG_RUNS}` +
      ` (replay with SEG_HOOK_PROPERTY_SEED=${SEED} SEG_HOOK_ENCODED_RUNS=${RUNS})`,
  );
});

afterAll(() => {
  fs.rmSync(toolDir, { recursive: true, force: true });
  gitCalls.cleanup();
});

const textLine: fc.Arbitrary<LineSpec> = fc
  .string({ unit: 'grapheme-ascii', maxLength: 30 })
  .map((text) => ({ kind: 'text' as const, text: sanitize(text) }));

function steps(fileCount: number, long: boolean): fc.Arbitrary<Step[]> {
  const planted = plantedLine({ long }).map((line) => ({ kind: 'planted' as const, line }));
  const write: fc.Arbitrary<Step> = fc.record({
    kind: fc.constant('write' as const),
    file: fc.nat(fileCount - 1),
    lines: fc.array(
      fc.oneof({ arbitrary: planted, weight: 3 }, { arbitrary: textLine, weight: 1 }),
      long ? { minLength: 1, maxLength: 2 } : { minLength: 1, maxLength: 8 },
    ),
    eol: fc.constantFrom('lf' as const, 'crlf' as const, 'mixed' as const),
    finalNewline: fc.boolean(),
    staging: fc.constantFrom('all' as const, 'all' as const, 'all' as const, 'partial' as const),
    cut: fc.nat(8),
  });
  return fc.array(
    fc.oneof(
      { arbitrary: write, weight: 4 },
      { arbitrary: fc.constant({ kind: 'commit' as const }), weight: 1 },
    ),
    { minLength: 1, maxLength: long ? 2 : 4 },
  );
}

function encodedScenario(long: boolean): fc.Arbitrary<Scenario> {
  return namePool.chain((names) =>
    fc.record({
      salt: fc.nat(),
      names: fc.constant(names),
      settings: fc.subarray([...HOSTILE_SETTING_IDS], { maxLength: 4 }),
      steps: steps(names.length, long),
      finish,
    }),
  );
}

function run(long: boolean, numRuns: number): PlayStats[] {
  const stats: PlayStats[] = [];
  fc.assert(
    fc.property(encodedScenario(long), (generated) => {
      stats.push(playScenario(generated, { tools, gitCalls, noDecodeBounds: true }));
    }),
    { seed: SEED, numRuns, path: REPLAY_PATH },
  );
  const sum = (pick: (s: PlayStats) => number) => stats.reduce((total, s) => total + pick(s), 0);
  console.log(
    `seg-hook encoded property suite (${long ? 'long lines' : 'short lines'}): ${stats.length} scenarios,` +
      ` ${sum((s) => s.planted)} tokens planted, ${sum((s) => s.requiredEncoded)} encoded occurrences required,` +
      ` ${sum((s) => s.reported)} findings checked`,
  );
  return stats;
}

test(
  `encoded tokens are found in ${RUNS} random scenarios of short and wrapped lines (seed ${SEED})`,
  () => {
    const stats = run(false, RUNS);
    if (REPLAY_PATH) return;
    // Not vacuous: most scenarios had encoded tokens to find.
    expect(stats.reduce((n, s) => n + s.requiredEncoded, 0)).toBeGreaterThan(RUNS * 2);
  },
  10 * 60 * 1000,
);

test(
  `encoded tokens are found in ${LONG_RUNS} random scenarios of 200 KiB lines and look-alike runs (seed ${SEED})`,
  () => {
    const stats = run(true, LONG_RUNS);
    if (REPLAY_PATH) return;
    expect(stats.reduce((n, s) => n + s.requiredEncoded, 0)).toBeGreaterThan(LONG_RUNS / 2);
  },
  10 * 60 * 1000,
);
