/**
 * The per-repository opt-out (`"enabled": false`), read one way for the staged hook, the
 * pre-push hook and `seg-hook status`. It switches the hooks off, never an explicit scan.
 */
import { SegHookConfig } from './config';
import { loadConfig } from './loadConfig';

/** The file that switches this repository's hooks off, as shown to the user; null: none does. */
export function optOutFile(config: SegHookConfig, root: string): string | null {
  if (config.enabled) return null;
  const source = config.source ?? 'the configuration';
  return source.startsWith(`${root}/`) ? source.slice(root.length + 1) : source;
}

/**
 * The same, read from the work tree at `root`. A configuration that cannot be read switches
 * nothing off: the scan that follows reports it (exit 2), so the hook blocks.
 */
export async function readOptOut(root: string, configPath?: string): Promise<string | null> {
  let config: SegHookConfig;
  try {
    config = await loadConfig(root, configPath);
  } catch {
    return null;
  }
  return optOutFile(config, root);
}
