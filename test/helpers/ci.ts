/**
 * "Running in CI", defined once for every test that would skip on a missing tool: CI set to any
 * true value (`true`, `1`, `yes`, `TRUE`…; CI services set it to various ones). There a missing
 * tool fails its tests, so a green CI run never hides a test that did not run.
 */

/** Values of CI that mean "not CI". */
const FALSE_VALUES = new Set(['', '0', 'false', 'no', 'off']);

export function isCiValue(value: string | undefined): boolean {
  return !FALSE_VALUES.has((value ?? '').trim().toLowerCase());
}

export const IN_CI = isCiValue(process.env.CI);
