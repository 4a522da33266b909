/** Which hook setup a hooks directory belongs to: plain git hooks, husky v8 or v9. */
import fs from 'node:fs';
import path from 'node:path';

export type HookSetup =
  { kind: 'plain'; hooksDir: string } | { kind: 'husky'; version: 8 | 9; huskyDir: string };

/**
 * husky v9 points core.hooksPath at `<dir>/_` (holding its `h` runner); husky v8 at `<dir>`,
 * with `<dir>/_/husky.sh`. Anything else is a plain hooks directory.
 */
export function detectSetup(hooksDir: string): HookSetup {
  if (path.basename(hooksDir) === '_') {
    if (fs.existsSync(path.join(hooksDir, 'h')) || !fs.existsSync(hooksDir)) {
      return { kind: 'husky', version: 9, huskyDir: path.dirname(hooksDir) };
    }
  }
  if (fs.existsSync(path.join(hooksDir, '_', 'husky.sh'))) {
    return { kind: 'husky', version: 8, huskyDir: hooksDir };
  }
  return { kind: 'plain', hooksDir };
}
