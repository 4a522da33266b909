/**
 * How many entries the index git is committing holds, read from its header. git matches every
 * index entry against every pathspec it is given, so the staged scan uses it to decide whether
 * naming a large commit's other changes to the -G diff is cheaper than diffing them all
 * (scan/splitPlan.ts).
 */
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * "DIRC", a 4-byte version, a 4-byte entry count (big-endian): the index file's header. null
 * when the file cannot be read as one (then the staged scan keeps its single diff).
 */
export function readIndexEntryCount(file: string | null): number | null {
  if (file === null) return null;
  const header = Buffer.alloc(12);
  try {
    const fd = openSync(file, 'r');
    try {
      if (readSync(fd, header, 0, 12, 0) !== 12) return null;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  return header.toString('latin1', 0, 4) === 'DIRC' ? header.readUInt32BE(8) : null;
}
