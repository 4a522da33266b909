/** What a husky directory holds now: the snapshots planHuskyInstall/Uninstall work on. */
import fs from 'node:fs';
import path from 'node:path';
import { HookKind } from '../core/hookKinds';
import { installMessages } from '../installMessages';
import { readSnapshot } from '../core/readFiles';
import { HuskyState } from './huskyPlan';

export function readHuskyState(
  hook: HookKind,
  huskyDir: string,
  version: 8 | 9,
  display: (file: string) => string,
): HuskyState {
  return {
    huskyDir,
    version,
    hook,
    hookFile: readSnapshot(path.join(huskyDir, hook.name)),
    helper: readSnapshot(path.join(huskyDir, hook.huskyHelper)),
    display,
  };
}

/** A `.husky` folder git does not use: the hook went into plain hooks, and install says so. */
export function huskyNotSetUp(
  dirs: string[],
  display: (file: string) => string,
  installAgain: string,
): string[] {
  const found = dirs.map((dir) => path.join(dir, '.husky')).find((dir) => fs.existsSync(dir));
  return found ? [installMessages.huskyNotSetUp(display(found), installAgain)] : [];
}
