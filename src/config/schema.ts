/** The shape of `.seg-hookrc.json` / `package.json#seg-hook`. Unknown keys are errors. */
import * as z from 'zod/mini';

export const configSchema = z.strictObject({
  /** micromatch globs, matched against repo-relative paths; matching files are not scanned. */
  ignorePaths: z.optional(z.array(z.string().check(z.minLength(1)))),
  /** What a Sourcegraph-shaped `sgp_` token does: block the commit, warn only, or nothing. */
  sourcegraphTokens: z.optional(z.enum(['block', 'warn', 'off'])),
});

export type RawConfig = z.infer<typeof configSchema>;
