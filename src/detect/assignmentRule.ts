/**
 * `segment-credential-assignment`: a literal, secret-looking value assigned to one of the seed
 * document's Segment variable names (SEGMENT_API_TOKEN, SEGMENT_TOKEN, SEGMENT_KEY,
 * SEGMENT_SECRET, SEGMENT_ACCESS_TOKEN) in any casing or separator style, in env/shell, JSON,
 * YAML, JS/TS and .NET appsettings shapes. It catches credentials without the `sgp_` prefix
 * (older Segment tokens). References (`process.env.X`, `${X}`, `$X`), templates, placeholders
 * and low-entropy values are not findings. SEGMENT_WRITE_KEY is a public client-side key, not
 * a credential, and is never flagged.
 */
import { anyCaseSource, CREDENTIAL_NAMES, SEGMENT_WORD } from './credentialNames';
import { isPlaceholderBody } from './entropy';
import { TOKEN_PREFIX, TokenCandidate } from './tokenRules';
export const MIN_VALUE_LENGTH = 16;
/**
 * The longest match of ASSIGNMENT below: quote + name 64 + quote + `]`, four runs of at most 32
 * spaces, `:&` + annotation 64 + `=`, quoted value 256 (392 + 4 x 32). An assignment cut
 * between two segments of a long line is found because the next segment looks back this far.
 */
export const MAX_ASSIGNMENT_LENGTH = 520;

/**
 * name (optionally quoted, optionally a subscript: `environ["X"]`) + assignment operator (or a
 * type annotation and `=`: `X: string =`; never `==`) + value (optionally quoted; an unquoted
 * one may end at a quote: `- "X=value"`).
 * Groups: 1 name quote, 2 name, 3 value quote, 4 quoted value, 5 unquoted value.
 * Every repetition is bounded (whitespace too: an unbounded run made a match longer than the
 * look-back across segment cuts, so a cut inside it hid the assignment) and a match may only
 * start where "segment" follows within the name: unbounded runs made long lines (minified
 * bundles, up to 64 KiB per segment) take time quadratic in their length.
 */
const ASSIGNMENT = new RegExp(
  '(?<![A-Za-z0-9_])(["\'`]?)(?=[A-Za-z0-9_.:-]{0,48}' +
    anyCaseSource(SEGMENT_WORD) +
    ')([A-Za-z_][A-Za-z0-9_.:-]{0,63})\\1\\]?\\s{0,32}(?::\\s{0,32}&?[A-Za-z_][\\w.<>[\\]]{0,63}\\s{0,32}=(?![=>])|:=|=>|=(?!=)|:)\\s{0,32}(?:(["\'`])([^"\'`\\s]{0,256})\\3|([A-Za-z0-9+/=_.~-]{1,256})(?=$|[\\s,;#)\\]}"\'`]))',
  'g',
);

/**
 * Placeholder words count only as whole words (letters on neither side), so a random value
 * that happens to contain "here" or "fake" is not dismissed (about 1 in 200,000 random
 * 40-character values still is, when digits or symbols surround such a word).
 */
const PLACEHOLDER_WORDS =
  /(?<![A-Za-z])(?:your|example|placeholder|change.?me|dummy|sample|redacted|x{4,}|here|insert|replace|fake|secret_?value|todo)(?![a-z])/i;

export function isCredentialName(name: string): boolean {
  const normalised = name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  return CREDENTIAL_NAMES.some((credential) => normalised.endsWith(credential));
}

/**
 * Why a value is not a credential, or null when it looks like one. A quoted literal of 20+
 * characters in mixed case counts even without digits (a random 40-character base62 value
 * has none about once in 1,150); an unquoted one needs digits, or every camelCase identifier
 * assigned to a Segment name would be reported.
 */
export function nonCredentialReason(value: string, quoted = false): string | null {
  if (value.length < MIN_VALUE_LENGTH) return 'too short';
  if (value.startsWith(TOKEN_PREFIX)) return 'an sgp_ token (the token rule reports those)';
  if (/[$%{}<>()[\]]/.test(value)) return 'a reference or template';
  // No Segment credential holds a colon; URIs and ARNs (op://…, arn:aws:…) point at one.
  if (value.includes(':')) return 'a URI or secret-manager reference';
  if (/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(value)) return 'a property path';
  const lettersAndDigits = /[0-9]/.test(value) && /[A-Za-z]/.test(value);
  const mixedCaseLiteral =
    quoted && value.length >= 20 && /[a-z]/.test(value) && /[A-Z]/.test(value);
  if (!lettersAndDigits && !mixedCaseLiteral) return 'not mixed letters and digits';
  if (PLACEHOLDER_WORDS.test(value)) return 'a placeholder';
  if (isPlaceholderBody(value)) return 'low entropy';
  return null;
}

export function findCredentialAssignments(text: string): TokenCandidate[] {
  return findAssignmentsWithNames(text).map(({ candidate }) => candidate);
}

/** Each candidate with where its whole match (the name) begins. */
export function findAssignmentsWithNames(
  text: string,
): { candidate: TokenCandidate; nameStart: number }[] {
  const candidates: { candidate: TokenCandidate; nameStart: number }[] = [];
  for (const match of text.matchAll(ASSIGNMENT)) {
    const name = match[2];
    const value = match[4] ?? match[5];
    const quoted = match[4] !== undefined;
    if (
      value === undefined ||
      !isCredentialName(name) ||
      nonCredentialReason(value, quoted) !== null
    )
      continue;
    // The value ends the match (a quoted one just before its closing quote).
    const end = (match.index ?? 0) + match[0].length - (match[3] ? 1 : 0);
    candidates.push({
      candidate: {
        ruleId: 'segment-credential-assignment',
        start: end - value.length,
        end,
        token: value,
        placeholder: false,
      },
      nameStart: match.index ?? 0,
    });
  }
  return candidates;
}
