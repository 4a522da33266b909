/**
 * A PATH like the one a GUI git client or a shell without nvm/fnm/volta gives a hook: every
 * tool of the system (git, sh, sed…), but no node, npm or npx.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const NODE_TOOLS = new Set(['node', 'nodejs', 'npm', 'npx', 'corepack', 'nodeenv']);

/** A temp directory of links to /usr/bin and /bin without Node's tools; its path is the PATH. */
export function pathWithoutNode(): { path: string; cleanup: () => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-nonode-')));
  for (const source of ['/usr/bin', '/bin', '/usr/local/bin']) {
    if (!fs.existsSync(source)) continue;
    for (const name of fs.readdirSync(source)) {
      const link = path.join(dir, name);
      if (NODE_TOOLS.has(name) || fs.existsSync(link)) continue;
      fs.symlinkSync(path.join(source, name), link);
    }
  }
  return { path: dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
