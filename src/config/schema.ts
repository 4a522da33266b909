/** The shape of `.seg-hookrc.json` / `package.json#seg-hook`. Unknown keys are errors. */
import { ENCODINGS } from '../decode/codec';
import * as z from 'zod/mini';
import { closestWord } from '../report/suggest';

const RULE_POLICY = ['block', 'warn', 'off'] as const;
/** The encodings `decode` turns on or off: the decoders' own list. */
const DECODE_KEYS = ENCODINGS;

export const configSchema = z.strictObject({
  /** micromatch globs, matched against repo-relative paths; matching files are not scanned. */
  ignorePaths: z.optional(z.array(z.string().check(z.minLength(1)))),
  /** What a Sourcegraph-shaped `sgp_` token does: block the commit, warn only, or nothing. */
  sourcegraphTokens: z.optional(z.enum(RULE_POLICY)),
  /** What a secret-looking literal assigned to a Segment variable name does. */
  credentialAssignments: z.optional(z.enum(RULE_POLICY)),
  /** Warn when a file that usually should not be committed (`.env`, `credentials.js`) is staged. */
  riskyFileWarnings: z.optional(z.boolean()),
  /** false: the commit and push hooks skip this repository (the opt-out from install --global). */
  enabled: z.optional(z.boolean()),
  /** Range and push scans: a finding hidden by the range's own policy change blocks, or warns. */
  policyChanges: z.optional(z.enum(['block', 'warn'])),
  /** Find tokens under encodings: all (true, the default), none (false), or per encoding. */
  decode: z.optional(
    z.union([
      z.boolean(),
      z.strictObject(
        Object.fromEntries(DECODE_KEYS.map((key) => [key, z.optional(z.boolean())])) as Record<
          (typeof DECODE_KEYS)[number],
          z.ZodMiniOptional<z.ZodMiniBoolean>
        >,
      ),
    ]),
  ),
});

export type RawConfig = z.infer<typeof configSchema>;

/** What each key takes, in the words an error shows. */
const EXPECTED: Record<keyof RawConfig, string> = {
  ignorePaths: 'a list of non-empty glob strings, e.g. ["docs/**", "*.md"]',
  sourcegraphTokens: 'one of "block", "warn", "off"',
  credentialAssignments: 'one of "block", "warn", "off"',
  riskyFileWarnings: 'true or false',
  enabled: 'true or false (false: the commit and push hooks skip this repository)',
  policyChanges: 'one of "block", "warn"',
  decode:
    'true, false, or an object of percent, escape, hex, base64, utf16, quotedPrintable each true or false, e.g. {"hex": false}',
};
const KEYS = Object.keys(EXPECTED) as (keyof RawConfig)[];
/** The keys of each object inside the configuration, by its path. */
const NESTED_KEYS: Record<string, readonly string[]> = { decode: DECODE_KEYS };

interface ConfigIssue {
  code: string;
  path: PropertyKey[];
  keys?: string[];
}

/** One problem of a configuration, with what was expected: "ignorePaths: expected …". */
export function describeConfigIssue(issue: ConfigIssue): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    // The keys of the object that holds the unknown one, not always the top level's.
    const where = issue.path.map(String).join('.');
    const keys = where === '' ? KEYS : (NESTED_KEYS[where] ?? []);
    const unknown = issue.keys.map((key) => {
      const near = closestWord(key, [...keys]);
      return `"${key}"${near ? ` (did you mean "${near}"?)` : ''}`;
    });
    const list = keys.length
      ? `; the keys${where ? ` of ${where}` : ''} are ${keys.join(', ')}`
      : '';
    return `${where ? `${where}: ` : ''}unknown key ${unknown.join(', ')}${list}`;
  }
  const key = issue.path[0];
  if (typeof key === 'string' && key in EXPECTED) {
    const where = issue.path.map(String).join('.');
    return `${where}: expected ${EXPECTED[key as keyof RawConfig]}`;
  }
  return 'top level: expected a JSON object such as {"ignorePaths": ["docs/**"]}';
}
