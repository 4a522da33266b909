import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** seg-hook's version, from its package.json (two levels above dist/cli and src/cli). */
export function packageVersion(): string {
  const manifest = join(__dirname, '..', '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
