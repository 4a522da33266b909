/**
 * What every scan mode shares: find the repository, load its configuration and baseline, run
 * one git stream through the diff scanner, and leave out baselined findings.
 */
import { loadBaseline } from '../baseline/baselineFile';
import { applyBaseline, BaselineIndex, EMPTY_BASELINE } from '../baseline/baseline';
import { SegHookConfig } from '../config/config';
import { loadConfig } from '../config/loadConfig';
import { readRepositoryLocation } from '../git/repositoryRoot';
import type { ExplicitPolicyOptions } from '../policy/explicitPolicy';
import { ScanResult } from '../types';
import { createDiffScanner, DiffScannerOptions } from './diffScanner';

export interface RepositoryOptions extends ExplicitPolicyOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Repository {
  cwd: string;
  env: NodeJS.ProcessEnv;
  root: string;
  /** The index file git is using, when known (its size guides the staged scan). */
  indexFile: string | null;
  config: SegHookConfig;
  baseline: BaselineIndex;
}

export interface RepositoryScan extends ScanResult {
  root: string;
  config: SegHookConfig;
  /** Set when a hook scan did not run: the file that says `"enabled": false`. */
  optedOut?: string;
}

/** A hook scan in a repository whose configuration switches the hooks off: nothing read. */
export async function optedOutScan(repository: Repository, file: string): Promise<RepositoryScan> {
  return { ...(await scanGitStream(repository, async () => undefined)), optedOut: file };
}

export async function openRepository(options: RepositoryOptions): Promise<Repository> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const { root, indexFile } = await readRepositoryLocation(cwd, env);
  const config = await loadConfig(root, options.configPath);
  const baseline = options.ignoreBaseline
    ? EMPTY_BASELINE
    : await loadBaseline(root, options.baselinePath);
  return { cwd, env, root, indexFile, config, baseline };
}

export type GitStreamer = (onChunk: (chunk: Buffer) => void) => Promise<void>;

export async function scanGitStream(
  repository: Repository,
  stream: GitStreamer,
  scannerOptions: DiffScannerOptions = {},
): Promise<RepositoryScan> {
  return finishScan(repository, await scanStream(repository.config, stream, scannerOptions));
}

/** One git stream through a fresh diff scanner. */
export async function scanStream(
  config: SegHookConfig,
  stream: GitStreamer,
  scannerOptions: DiffScannerOptions = {},
): Promise<ScanResult> {
  const scanner = createDiffScanner(config, scannerOptions);
  await stream((chunk) => scanner.push(chunk));
  return scanner.end();
}

/** The baseline left out, and the repository's root and configuration attached. */
export function finishScan(repository: Repository, result: ScanResult): RepositoryScan {
  return {
    ...applyBaseline(result, repository.baseline),
    root: repository.root,
    config: repository.config,
  };
}
