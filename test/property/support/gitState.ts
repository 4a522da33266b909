/**
 * Reading what git really holds, without any diff: index entries (`git ls-files -s -z`), HEAD's
 * tree (`git ls-tree -r -z`) and blob contents (`git cat-file --batch`). The oracle is built
 * from these bytes only.
 */
import { spawnSync } from 'node:child_process';

export interface GitRun {
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

/** git with an argument array (no shell), raw bytes in and out. */
export function runGit(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: Buffer | string,
): GitRun {
  const result = spawnSync('git', args, {
    cwd,
    env,
    input,
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

export function git(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: Buffer | string,
): Buffer {
  const result = runGit(cwd, args, env, input);
  if (result.status !== 0) {
    throw new Error(`git ${JSON.stringify(args)} failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout;
}

export interface Blob {
  /** Repo-relative path, the exact bytes of the name decoded as UTF-8. */
  path: string;
  mode: string;
  content: Buffer;
}

function splitZ(output: Buffer): string[] {
  const records: string[] = [];
  let start = 0;
  for (let nul = output.indexOf(0, start); nul !== -1; nul = output.indexOf(0, start)) {
    records.push(output.subarray(start, nul).toString('utf8'));
    start = nul + 1;
  }
  return records;
}

/** Contents of the given object ids, in order. */
export function readObjects(cwd: string, ids: string[], env: NodeJS.ProcessEnv): Buffer[] {
  if (ids.length === 0) return [];
  const output = git(cwd, ['cat-file', '--batch'], env, `${ids.join('\n')}\n`);
  const contents: Buffer[] = [];
  let at = 0;
  for (const id of ids) {
    const headerEnd = output.indexOf(0x0a, at);
    const header = output.subarray(at, headerEnd).toString('utf8');
    const [gotId, , size] = header.split(' ');
    if (gotId !== id || size === undefined) throw new Error(`cat-file: unexpected "${header}"`);
    const start = headerEnd + 1;
    contents.push(output.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return contents;
}

/** Every stage-0 entry of the index git would commit (GIT_INDEX_FILE in `env` is honoured). */
export function readIndex(cwd: string, env: NodeJS.ProcessEnv): Blob[] {
  const entries = splitZ(git(cwd, ['ls-files', '-s', '-z', '--full-name'], env))
    .map((record) => {
      const tab = record.indexOf('\t');
      const [mode, id, stage] = record.slice(0, tab).split(' ');
      return { mode, id, stage, path: record.slice(tab + 1) };
    })
    // A gitlink's "content" is a commit id, not a blob.
    .filter((entry) => entry.mode !== '160000');
  if (entries.some((entry) => entry.stage !== '0')) throw new Error('unmerged index entries');
  const contents = readObjects(
    cwd,
    entries.map((entry) => entry.id),
    env,
  );
  return entries.map((entry, i) => ({ path: entry.path, mode: entry.mode, content: contents[i] }));
}

/** Every blob of HEAD's tree; none on an unborn branch. */
export function readHead(cwd: string, env: NodeJS.ProcessEnv): Blob[] {
  if (runGit(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD'], env).status !== 0) return [];
  const entries = splitZ(git(cwd, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD'], env))
    .map((record) => {
      const tab = record.indexOf('\t');
      const [mode, type, id] = record.slice(0, tab).split(' ');
      return { mode, type, id, path: record.slice(tab + 1) };
    })
    .filter((entry) => entry.type === 'blob');
  const contents = readObjects(
    cwd,
    entries.map((entry) => entry.id),
    env,
  );
  return entries.map((entry, i) => ({ path: entry.path, mode: entry.mode, content: contents[i] }));
}
