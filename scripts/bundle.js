#!/usr/bin/env node
/*
 * Bundles the CLI (replacing tsc's output for these files):
 *  - dist/cli/hook.js: the hook's path only (`seg-hook --staged`: the staged scan and the
 *    text report). It runs on every commit, and Node compiles every byte it loads, so
 *    commander and the range/history/install code are not in it, and zod and
 *    micromatch are loaded from node_modules only when a configuration needs them.
 *  - dist/cli/main.js, the binary: a small loader that turns on Node's compile cache, then
 *    runs hook.js (see src/cli/loader.ts).
 *  - dist/cli/program.js, the full CLI, loaded by hook.js for any other argument list.
 * Resolving and loading ~60 small files from node_modules would cost more than parsing one
 * bundle. The library entry (dist/index.js) stays tsc's per-module output.
 *
 * Both CLI bundles also carry the needles' renderings, computed here from this build's tsc
 * output (see src/detect/builtNeedles.ts): every run would otherwise compute them again.
 */
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');

/** main.ts's `import('./program')` stays a run-time require of the second bundle. */
const programStaysSeparate = {
  name: 'program-stays-separate',
  setup(build) {
    build.onResolve({ filter: /^\.\/program$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'cli', 'main.ts'))
        ? { path: './program.js', external: true }
        : undefined,
    );
  },
};

/** The needles, from the tsc output this build has just written (the same sources). */
function builtNeedleSources() {
  const { computeNeedleSources } = require('../dist/detect/findingNeedles.js');
  return computeNeedleSources();
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // import() of an external file (main.js -> program.js) stays a plain require: a real
  // import() would send a 350 KB CommonJS file through Node's ESM loader (~40 ms).
  supported: { 'dynamic-import': false },
  // Keep names readable in the rare internal-error case; strip only whitespace.
  minifyWhitespace: true,
  legalComments: 'linked',
  logLevel: 'warning',
};

// One string literal (JSON), parsed once: an object here would become a module of its own.
const needles = { SEG_HOOK_NEEDLE_SOURCES: JSON.stringify(JSON.stringify(builtNeedleSources())) };

Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile: path.join(root, 'dist/cli/hook.js'),
    plugins: [programStaysSeparate],
    // Needed only when a configuration file exists (zod) or has ignorePaths (micromatch):
    // required from node_modules then, not compiled on every commit.
    external: ['micromatch', 'zod', 'zod/*'],
    define: needles,
  }),
  esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'src/cli/program.ts')],
    outfile: path.join(root, 'dist/cli/program.js'),
    define: needles,
  }),
  esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'src/cli/loader.ts')],
    outfile: path.join(root, 'dist/cli/main.js'),
    external: ['./hook.js'],
  }),
]).catch(() => process.exit(1));
