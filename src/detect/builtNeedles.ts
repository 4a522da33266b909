/**
 * The needles' renderings (findingNeedles.ts) as the build computed them, or undefined.
 *
 * Rendering them means computing every encoded form of `sgp_` to depth 2: ~2 ms of code that
 * runs once per process, cold, on every commit (about 5% of a small commit's time, on every
 * Node version: a compile cache keeps code, not results). scripts/bundle.js computes them once
 * from the same functions (the tsc output of this build) and writes them into both CLI
 * bundles in place of SEG_HOOK_NEEDLE_SOURCES; everywhere else (the library, the tests' own
 * imports) this is undefined and they are computed at run time. builtNeedles.test.ts holds
 * each bundle's copy to what the sources compute.
 */
export interface NeedleSources {
  /** PCRE for git grep -P. */
  pcre: string;
  /** JavaScript, every needle. */
  js: string;
  /** JavaScript, only the encoded pieces. */
  encodedJs: string;
}

/** In the bundles, the JSON of NeedleSources; not defined anywhere else. */
declare const SEG_HOOK_NEEDLE_SOURCES: string | undefined;

export const BUILT_NEEDLE_SOURCES: NeedleSources | undefined =
  typeof SEG_HOOK_NEEDLE_SOURCES === 'undefined'
    ? undefined
    : (JSON.parse(SEG_HOOK_NEEDLE_SOURCES) as NeedleSources);
