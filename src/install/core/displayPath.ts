import path from 'node:path';

/** How install and status show a path: relative to the work tree top inside it, else in full. */
export function displayPath(worktreeRoot: string): (file: string) => string {
  return (file) => {
    const relative = path.relative(worktreeRoot, file);
    if (relative === '') return '.';
    if (relative.startsWith('..') || path.isAbsolute(relative)) return file;
    return relative.split(path.sep).join('/');
  };
}
