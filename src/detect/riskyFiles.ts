/**
 * Files from the seed's list of places where Segment credentials hide that usually should not
 * be committed at all. Staging one is a warning, not a block: many teams commit a `.env`
 * with no secrets in it on purpose.
 */
const SAFE_ENV_SUFFIXES = ['.example', '.sample', '.template'];

export function isRiskyFile(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (base === 'credentials.js') return true;
  if (base === '.env') return true;
  return base.startsWith('.env.') && !SAFE_ENV_SUFFIXES.some((suffix) => base.endsWith(suffix));
}

/** A `.env` file (not an example): it belongs in .gitignore, not in the repository. */
export function isEnvFile(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return (base === '.env' || base.startsWith('.env.')) && isRiskyFile(file);
}
