/** One step of a plan as the user reads it: planned (--dry-run) or done. */
import { installMessages } from '../installMessages';
import type { AppliedOp } from './applyPlan';
import { BACKUP_SUFFIX } from './fileOps';

export function describeOp(
  { op, backupPath }: AppliedOp,
  done: boolean,
  display: (file: string) => string = (file) => file,
): string {
  switch (op.kind) {
    case 'mkdir':
      return installMessages.opMkdir(done, display(op.path));
    case 'write':
      return installMessages.opWrite(done, display(op.path), op.replaces, op.mode);
    case 'rename':
      return installMessages.opRename(done, display(op.from), display(op.to));
    case 'backup':
      return installMessages.opBackup(
        done,
        display(op.path),
        display(backupPath ?? `${op.path}${BACKUP_SUFFIX}`),
      );
    case 'remove':
      return installMessages.opRemove(done, display(op.path));
    case 'chmod':
      return installMessages.opChmod(done, display(op.path), op.mode);
  }
}
