/** The documented ways to skip a scan: SEG_HOOK_SKIP=1, or SKIP=seg-hook (pre-commit's convention). */
export function bypassVariable(env: NodeJS.ProcessEnv): string | null {
  const skip = env.SEG_HOOK_SKIP?.trim().toLowerCase();
  if (skip && skip !== '0' && skip !== 'false') return 'SEG_HOOK_SKIP';
  const ids = (env.SKIP ?? '').split(',').map((id) => id.trim());
  if (ids.includes('seg-hook')) return 'SKIP=seg-hook';
  return null;
}
