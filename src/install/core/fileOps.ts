/**
 * A plan is a list of file operations, computed from what is on disk without touching it.
 * The planners are pure (unit-tested on strings); applyPlan.ts carries a plan out atomically.
 */

/** A file as install found it. */
export interface FileSnapshot {
  content: string;
  /** How `content` was decoded ('latin1' for a file that is not valid UTF-8). */
  encoding: 'utf8' | 'latin1';
  /** Permission bits (mode & 0o777). */
  mode: number;
  symlink: boolean;
}

export type FileOp =
  /** Create a directory (and its parents). */
  | { kind: 'mkdir'; path: string }
  /** Create or replace a file atomically (temp file + rename). */
  | {
      kind: 'write';
      path: string;
      content: string;
      encoding?: 'utf8' | 'latin1';
      mode: number;
      replaces: boolean;
    }
  /** Move a file; `replaces` when the destination exists and is ours to overwrite. */
  | { kind: 'rename'; from: string; to: string; replaces: boolean }
  /** Copy a file next to itself (`<name>.seg-hook-backup[-n]`) before it is replaced or removed. */
  | { kind: 'backup'; path: string }
  /** Delete a file install wrote (callers back up anything that is not pristine first). */
  | { kind: 'remove'; path: string }
  | { kind: 'chmod'; path: string; mode: number; previousMode: number };

/** What a planner decided: the operations, and what to tell the user about them. */
export interface Plan {
  ops: FileOp[];
  /** One sentence for the user: what was (or would be) done, or why nothing is needed. */
  outcome: string;
  notes: string[];
}

export const BACKUP_SUFFIX = '.seg-hook-backup';
