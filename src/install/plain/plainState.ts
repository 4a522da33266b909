/** What a plain hooks directory holds now: the snapshots planPlainInstall/Uninstall work on. */
import fs from 'node:fs';
import path from 'node:path';
import { HookKind } from '../core/hookKinds';
import { readSnapshot } from '../core/readFiles';
import { PlainHooksState } from './plainPlan';

export function readPlainState(
  hook: HookKind,
  hooksDir: string,
  display: (file: string) => string,
): PlainHooksState {
  return {
    hooksDir,
    dirExists: fs.existsSync(hooksDir),
    hook,
    hookFile: readSnapshot(path.join(hooksDir, hook.name)),
    chained: readSnapshot(path.join(hooksDir, hook.chainedName)),
    display,
  };
}
