/**
 * Redaction: at most the `sgp_` prefix and 4 characters of the body are ever shown —
 * the first two and the last two (`sgp_Ab…yZ`).
 */
import { TOKEN_PREFIX as PREFIX } from '../detect/tokenRules';

export function redactToken(token: string): string {
  // Values of the credential-assignment rule have no prefix: show no more of them either.
  const prefix = token.startsWith(PREFIX) ? PREFIX : '';
  const body = token.slice(prefix.length);
  if (body.length < 8) return `${prefix}…`;
  return `${prefix}${body.slice(0, 2)}…${body.slice(-2)}`;
}

/**
 * Last line of defence for free text (error messages, git's stderr, file names): anything
 * token-shaped is redacted. Redacted output never matches again, so this is idempotent.
 */
export function redactTokensInText(text: string): string {
  return text.replace(/sgp_[A-Za-z0-9_]{5,}/g, (token) => redactToken(token));
}
