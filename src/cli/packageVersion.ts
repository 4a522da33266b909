import fs from 'node:fs';
import path from 'node:path';

/** seg-hook's version, from its package.json (two levels above dist/cli and src/cli). */
export function packageVersion(): string {
  const manifest = path.join(__dirname, '..', '..', 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}
