/**
 * Where the machine-wide hooks of `install --global` live and the state their dispatcher
 * records: read by install --global itself, by a per-repository install (which must not write
 * into that directory) and by `seg-hook status`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ScanError } from '../../errors';
import { readText } from '../core/readFiles';
import { DISPATCHER, GlobalState, parseDispatcher } from './globalHooks';

/** `${XDG_CONFIG_HOME:-$HOME/.config}/seg-hook/hooks`, beside git's own XDG config. */
export function globalHooksDir(env: NodeJS.ProcessEnv): string {
  const config = env.XDG_CONFIG_HOME || (env.HOME ? path.join(env.HOME, '.config') : '');
  if (!config) {
    throw new ScanError('install-failed', 'neither HOME nor XDG_CONFIG_HOME is set');
  }
  return path.join(config, 'seg-hook', 'hooks');
}

/** True when `dir` is the directory install --global writes. */
export function isGlobalHooksDir(dir: string, env: NodeJS.ProcessEnv): boolean {
  return (env.HOME || env.XDG_CONFIG_HOME) !== undefined && samePath(dir, globalHooksDir(env));
}

/** What the dispatcher in `dir` records; null where there is none of ours. */
export function readGlobalState(dir: string): GlobalState | null {
  const text = readText(path.join(dir, DISPATCHER));
  return text === null ? null : parseDispatcher(text);
}

/** The same file or directory, links resolved (a path that does not exist yet: as written). */
export function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}
