/**
 * Real-world false positives: scripts/false-positive-corpus.js stages every .js/.mjs/.cjs/.ts/
 * .json/.md file of every package in node_modules (code nobody here wrote) and expects zero
 * findings, then plants 300 tokens in it and expects every one at its exact place.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CLI_UNDER_TEST } from './support';

interface CorpusReport {
  ok: boolean;
  corpus: { packages: number; files: number; lines: number; megabytes: number };
  stageSeconds: number;
  clean: { findings: number; seconds: number; details: string[] };
  planted: {
    tokens: number;
    encoded: number;
    encodedFound: number;
    found: number;
    missed: string[];
    unexpected: string[];
    leaked: number;
    seconds: number;
  };
  totalSeconds: number;
}

test('node_modules as a corpus: 0 false positives, 100% of planted tokens found', () => {
  const script = path.resolve(__dirname, '../../scripts/false-positive-corpus.js');
  const result = spawnSync(process.execPath, [script, '--json', '--cli', CLI_UNDER_TEST], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as CorpusReport;
  const { corpus, clean, planted } = report;
  console.log(
    `false-positive corpus: ${corpus.packages} packages, ${corpus.files} files, ${corpus.lines} lines, ${corpus.megabytes} MB; ` +
      `clean scan ${clean.findings} findings in ${clean.seconds.toFixed(1)} s; ` +
      `planted ${planted.found}/${planted.tokens} found in ${planted.seconds.toFixed(1)} s; total ${report.totalSeconds.toFixed(1)} s`,
  );
  // Big enough to mean something.
  expect(corpus.packages).toBeGreaterThanOrEqual(20);
  expect(corpus.lines).toBeGreaterThan(100_000);
  expect(clean.details).toEqual([]);
  expect(planted.tokens).toBe(300);
  // Every encoding is planted (one in four plants): all found, each with its chain.
  expect(planted.encoded).toBeGreaterThan(40);
  expect(planted.encodedFound).toBe(planted.encoded);
  expect(planted.missed).toEqual([]);
  expect(planted.unexpected).toEqual([]);
  expect(planted.leaked).toBe(0);
  expect(report.ok).toBe(true);
  expect(result.status).toBe(0);
}, 120_000);
