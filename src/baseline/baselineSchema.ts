import * as z from 'zod/mini';

export const baselineSchema = z.object({
  version: z.literal(1),
  entries: z.array(
    z.object({
      fingerprint: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
      ruleId: z.string(),
      // Required: an entry is suppressed only in the files it lists (see baseline.ts).
      files: z.array(z.string()),
    }),
  ),
});
