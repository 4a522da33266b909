/**
 * The documented ways to skip a scan: SEG_HOOK_SKIP=1, or SKIP=seg-hook (pre-commit's
 * convention). One rule, written twice: here, and in plain sh in hooks/pre-commit.sh for when
 * the binary is missing; test/integration/bypassRule.test.ts runs both over one table.
 *
 * - SEG_HOOK_SKIP bypasses unless, with the spaces and tabs around it removed, it is empty,
 *   `0` or `false` (any case).
 * - SKIP is a comma-separated list; an item that is exactly `seg-hook` once the spaces and
 *   tabs around it are removed bypasses.
 */
const AROUND_BLANKS = /^[ \t]+|[ \t]+$/g;

const stripBlanks = (value: string) => value.replace(AROUND_BLANKS, '');

export function bypassVariable(env: NodeJS.ProcessEnv): string | null {
  const skip = stripBlanks(env.SEG_HOOK_SKIP ?? '');
  if (skip !== '' && skip !== '0' && !/^false$/i.test(skip)) return 'SEG_HOOK_SKIP';
  const ids = (env.SKIP ?? '').split(',').map(stripBlanks);
  if (ids.includes('seg-hook')) return 'SKIP=seg-hook';
  return null;
}
