#!/usr/bin/env node
/*
 * Bundles the CLI into one file (dist/cli/main.js, replacing tsc's output for that file).
 * A hook starts on every commit: resolving and loading ~60 small files from node_modules costs
 * more than parsing one bundle. The library entry (dist/index.js) stays tsc's per-module output.
 */
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');

esbuild
  .build({
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile: path.join(root, 'dist/cli/main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Keep names readable in the rare internal-error case; strip only whitespace.
    minifyWhitespace: true,
    legalComments: 'linked',
    logLevel: 'warning',
  })
  .catch(() => process.exit(1));
