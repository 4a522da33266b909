/** Tokens made for a test file, and a check that no captured output ever holds one in full. */
import fs from 'node:fs';
import path from 'node:path';
import { CLI } from './gitRepo';
import { makeToken } from './tokens';

export class LeakGuard {
  private readonly tokens: string[] = [];

  token(bodyLength = 64): string {
    const value = makeToken(bodyLength);
    this.tokens.push(value);
    return value;
  }

  /** Every captured output is checked: no full token, ever. */
  check<T extends { stdout: string; stderr: string }>(result: T): T {
    for (const value of this.tokens)
      expect(`${result.stdout}${result.stderr}`).not.toContain(value);
    return result;
  }
}

/**
 * A project's own seg-hook: node_modules/.bin/seg-hook in `dir`, a shim that runs this
 * checkout's built CLI (`body` replaces the default `exec`, e.g. to record its input).
 */
export function writeSegHookShim(dir: string, body?: (run: string) => string): string {
  const bin = path.join(dir, 'node_modules', '.bin');
  fs.mkdirSync(bin, { recursive: true });
  const run = `"${process.execPath}" "${CLI}" "$@"`;
  fs.writeFileSync(path.join(bin, 'seg-hook'), `#!/bin/sh\n${body ? body(run) : `exec ${run}\n`}`, {
    mode: 0o755,
  });
  return bin;
}
