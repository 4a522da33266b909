/**
 * Every shrunk counterexample the property suite found, replayed as a plain test. Each entry
 * is the scenario fast-check printed (a literal: tokens are derived from `salt` when played),
 * with the seed that found it and what was wrong.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitCallLog } from '../helpers/gitCalls';
import { HostileTools, writeHostileTools } from './support/hostileSettings';
import { playScenario } from './support/playScenario';
import { Scenario } from './support/scenario';

let toolDir: string;
let tools: HostileTools;
const gitCalls = new GitCallLog();
beforeAll(() => {
  toolDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-prop-tools-')));
  tools = writeHostileTools(toolDir);
});
afterAll(() => {
  fs.rmSync(toolDir, { recursive: true, force: true });
  gitCalls.cleanup();
});

interface Regression {
  found: string;
  bug: string;
  scenario: Scenario;
  /** Played as encodedScan.property.test.ts plays it: a decoding bound is a problem. */
  noDecodeBounds?: boolean;
}

const REGRESSIONS: Regression[] = [
  {
    found: 'seed 1, 150 runs (after 45 scenarios)',
    bug:
      'a path argument naming a staged symlink was resolved through the link, so the file it ' +
      'points to was scanned instead (a token there was reported "outside the paths asked for", ' +
      'and a link pointing outside the repository made the scan fail)',
    scenario: {
      salt: 0,
      names: ['a;b|c&d', 'h.txt', "\u001b[31mred/olml.js/@'@ab中"],
      settings: [],
      steps: [
        { kind: 'symlink', file: 2, target: { kind: 'name', file: 0 } },
        {
          kind: 'write',
          file: 0,
          lines: [
            {
              kind: 'token',
              lead: '',
              slots: [{ open: '', close: '', bodyLength: 16 }],
              gaps: ['', ''],
              trail: '',
            },
          ],
          eol: 'lf',
          finalNewline: false,
          staging: 'all',
          cut: 0,
        },
      ],
      finish: { kind: 'scan-paths', pick: [false, false, false, false, false, false] },
    },
  },
  {
    found: 'seed 20260501, 300 runs (after 164 scenarios)',
    bug:
      'two base64-encoded tokens on one line: only the first was found (the search inside a ' +
      'decoded window reset the shared pattern of the outer search, which found its first hit ' +
      'again until its hit limit)',
    scenario: {
      salt: 0,
      names: ['f.env', 'g.txt'],
      settings: [],
      steps: [
        {
          kind: 'write',
          file: 0,
          lines: [
            {
              kind: 'token',
              lead: '',
              slots: [
                { open: ' ', close: ' ', bodyLength: 16, encoding: ['base64'] },
                { open: ' ', close: ' ', bodyLength: 16, encoding: ['base64'] },
              ],
              gaps: ['', ''],
              trail: '',
            },
          ],
          eol: 'lf',
          finalNewline: false,
          staging: 'all',
          cut: 0,
        },
      ],
      finish: { kind: 'temp-index' },
    },
  },
  {
    found: 'seed 20260501, 300 runs (after 168 scenarios)',
    bug:
      'a base64 token after an escaped one was reported as escape>base64, one column off: the ' +
      'window of escapes passed the base64 text through, and its reading replaced the plain one',
    scenario: {
      salt: 0,
      names: ['f.md', 'g.txt'],
      settings: [],
      steps: [
        {
          kind: 'write',
          file: 0,
          lines: [
            {
              kind: 'token',
              lead: '',
              slots: [
                { open: ' ', close: ' ', bodyLength: 16, encoding: ['escape'] },
                { open: ' ', close: ' ', bodyLength: 16, encoding: ['base64'] },
              ],
              gaps: ['', ''],
              trail: '',
            },
          ],
          eol: 'lf',
          finalNewline: false,
          staging: 'all',
          cut: 0,
        },
      ],
      finish: { kind: 'scan' },
    },
  },
  {
    found:
      'encodedScan.property.test.ts, seed 20260501, 10 runs, against 881441e (fixed in 9c6a086)',
    bug:
      'a token whose inner encoding writes hex digits in upper case (7367705F, %5F, \\u005F) ' +
      'under base64 or hex is missed: the outer forms are built from the lower-case inner form only',
    scenario: {
      salt: 0,
      names: ['f.env', 'g.txt'],
      settings: [],
      steps: [
        {
          kind: 'write',
          file: 0,
          lines: [
            {
              kind: 'planted',
              line: {
                kind: 'short',
                planting: {
                  layers: [
                    { encoding: 'base64', lead: '', urlSafe: false, upper: false, short: false },
                    { encoding: 'hex', lead: '', urlSafe: false, upper: true, short: false },
                  ],
                  bodyLength: 16,
                  after: '.',
                  partial: null,
                },
                around: { open: ' ', close: ' ' },
                lead: '',
              },
            },
          ],
          eol: 'lf',
          finalNewline: false,
          staging: 'all',
          cut: 0,
        },
      ],
      finish: { kind: 'scan' },
    },
  },
  {
    found:
      'encodedScan.property.test.ts, seed 20260501, 25 runs, against 9c6a086 (after 2 scenarios)',
    bug:
      'three levels whose outer base64 starts one or two bytes into a group (lead `u`) over ' +
      'base64 or hex is missed (base64>base64>percent, base64>hex>percent, …): found at lead 0',
    scenario: {
      salt: 0,
      names: ['f.env', 'g.txt'],
      settings: [],
      steps: [
        {
          kind: 'write',
          file: 0,
          lines: [
            {
              kind: 'planted',
              line: {
                kind: 'short',
                planting: {
                  layers: [
                    { encoding: 'base64', lead: 'u', urlSafe: false, upper: false, short: false },
                    { encoding: 'base64', lead: '', urlSafe: false, upper: false, short: false },
                    { encoding: 'percent', lead: '', urlSafe: false, upper: false, short: false },
                  ],
                  bodyLength: 16,
                  after: '.',
                  partial: null,
                },
                around: { open: ' ', close: ' ' },
                lead: '',
              },
            },
          ],
          eol: 'lf',
          finalNewline: false,
          staging: 'all',
          cut: 0,
        },
      ],
      finish: { kind: 'scan' },
    },
  },
  {
    found: 'encodedScan.property.test.ts, seed 5, 60 runs, against 9c6a086 (bounds allowed)',
    bug:
      'a UTF-16 line holding base64 or hex of an inner form with upper-case hex digits ' +
      '(utf16>base64>HEX, utf16>hex>%5F, utf16>base64>\\u005F) is missed: found without utf16',
    scenario: {
      salt: 0,
      names: ['a', '0'],
      settings: [],
      steps: [
        {
          kind: 'write',
          file: 0,
          lines: [
            {
              kind: 'planted',
              line: {
                kind: 'utf16',
                planting: {
                  layers: [
                    { encoding: 'utf16', lead: '', urlSafe: false, upper: false, short: false },
                    { encoding: 'base64', lead: '', urlSafe: false, upper: false, short: false },
                    { encoding: 'hex', lead: '', urlSafe: false, upper: true, short: false },
                  ],
                  bodyLength: 16,
                  after: '.',
                  partial: null,
                },
                lead: '',
              },
            },
          ],
          eol: 'lf',
          finalNewline: false,
          staging: 'all',
          cut: 0,
        },
      ],
      finish: { kind: 'scan' },
    },
  },
  {
    found:
      'encodedScan.property.test.ts, seed 17, 75 runs (long lines), against 9c6a086 and 881441e',
    bug:
      'an encoded look-alike (`sgp_` + YourSegmentTokenHere, percent or percent>escape) across ' +
      'a 64 KiB segment cut is reported as a token: the cut reading is no words, and the whole ' +
      "reading from the next window (a placeholder) replaces it in the line's matches",
    scenario: {
      salt: 0,
      names: ['f.env', 'g.txt'],
      settings: [],
      steps: [
        {
          kind: 'write',
          file: 0,
          lines: [
            {
              kind: 'planted',
              line: {
                kind: 'lookalikes',
                planting: {
                  layers: [
                    {
                      encoding: 'quotedPrintable',
                      lead: '',
                      urlSafe: false,
                      upper: false,
                      short: false,
                    },
                  ],
                  bodyLength: 16,
                  after: '.',
                  partial: null,
                },
                around: { open: ' ', close: ' ' },
                count: 1000,
                forms: [0, 10, 0],
                words: [6, 5],
                separator: '&q=',
              },
            },
          ],
          eol: 'lf',
          finalNewline: false,
          staging: 'all',
          cut: 0,
        },
      ],
      finish: { kind: 'scan-paths', pick: [false, false, false, false, false, false] },
    },
  },
  {
    found:
      'node probe of every depth-3 chain, against 06ab141 (after its fix of lead `u` over base64)',
    bug:
      'three levels whose outer base64 starts one or two bytes into a group over hex ' +
      '(base64>hex>percent at lead `u`), or two bytes in over base64 (lead `uv`), are missed',
    scenario: {
      salt: 0,
      names: ['f.env', 'g.txt'],
      settings: [],
      steps: [
        {
          kind: 'write',
          file: 0,
          lines: [
            ...[
              { outer: 'u', middle: 'hex' as const },
              { outer: 'uv', middle: 'base64' as const },
            ].map(({ outer, middle }) => ({
              kind: 'planted' as const,
              line: {
                kind: 'short' as const,
                planting: {
                  layers: [
                    {
                      encoding: 'base64' as const,
                      lead: outer,
                      urlSafe: false,
                      upper: false,
                      short: false,
                    },
                    { encoding: middle, lead: '', urlSafe: false, upper: false, short: false },
                    {
                      encoding: 'percent' as const,
                      lead: '',
                      urlSafe: false,
                      upper: false,
                      short: false,
                    },
                  ],
                  bodyLength: 16,
                  after: '.',
                  partial: null,
                },
                around: { open: ' ', close: ' ' },
                lead: '',
              },
            })),
          ],
          eol: 'lf',
          finalNewline: false,
          staging: 'all',
          cut: 0,
        },
      ],
      finish: { kind: 'scan' },
    },
  },
  {
    found:
      'encodedScan.property.test.ts, seed 20260501, 60 runs (long lines), against 881441e and 9c6a086',
    bug:
      'three look-alikes of at most two levels each (percent>percent, base64, escape) on one ' +
      'line: the stage reads them together three deep and reports a depth bound (decode-bound ' +
      'warning), though every one was decoded to its end',
    noDecodeBounds: true,
    scenario: {
      salt: 0,
      names: ['f.env', 'g.txt'],
      settings: [],
      steps: [
        {
          kind: 'write',
          file: 0,
          lines: [
            {
              kind: 'planted',
              line: {
                kind: 'lookalikes',
                planting: {
                  layers: [
                    { encoding: 'percent', lead: '', urlSafe: false, upper: false, short: false },
                  ],
                  bodyLength: 16,
                  after: '.',
                  partial: { mask: 1, upper: 0 },
                },
                around: { open: ' ', close: ' ' },
                count: 3,
                forms: [9, 5, 3],
                words: [0],
                separator: ' ',
              },
            },
          ],
          eol: 'lf',
          finalNewline: false,
          staging: 'all',
          cut: 0,
        },
      ],
      finish: { kind: 'scan' },
    },
  },
];

describe('counterexamples found by the property suite', () => {
  test.each(REGRESSIONS.map((r) => [r.bug, r] as const))('%s', (_bug, regression) => {
    const context = { tools, gitCalls, noDecodeBounds: regression.noDecodeBounds };
    expect(() => playScenario(regression.scenario, context)).not.toThrow();
  });
});
