/** The shape of `.seg-hookrc.json` / `package.json#seg-hook`. Unknown keys are errors. */
import * as z from 'zod/mini';

export const configSchema = z.strictObject({
  /** micromatch globs, matched against repo-relative paths; matching files are not scanned. */
  ignorePaths: z.optional(z.array(z.string().check(z.minLength(1)))),
  /** What a Sourcegraph-shaped `sgp_` token does: block the commit, warn only, or nothing. */
  sourcegraphTokens: z.optional(z.enum(['block', 'warn', 'off'])),
  /** What a secret-looking literal assigned to a Segment variable name does. */
  credentialAssignments: z.optional(z.enum(['block', 'warn', 'off'])),
  /** Warn when a file that usually should not be committed (`.env`, `credentials.js`) is staged. */
  riskyFileWarnings: z.optional(z.boolean()),
  /** Find tokens under encodings: all (true, the default), none (false), or per encoding. */
  decode: z.optional(
    z.union([
      z.boolean(),
      z.strictObject({
        percent: z.optional(z.boolean()),
        escape: z.optional(z.boolean()),
        hex: z.optional(z.boolean()),
        base64: z.optional(z.boolean()),
        utf16: z.optional(z.boolean()),
      }),
    ]),
  ),
});

export type RawConfig = z.infer<typeof configSchema>;
