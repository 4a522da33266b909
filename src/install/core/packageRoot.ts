/**
 * The root of the running seg-hook package, found by walking up from this code to the nearest
 * package.json: the same answer from tsc's per-module output, the esbuild bundle and ts-jest.
 */
import fs from 'node:fs';
import path from 'node:path';

export function findPackageRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..', '..');
  }
}
