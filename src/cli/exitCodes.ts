/** The exit-code contract: the hook blocks on anything but CLEAN. */
export const ExitCode = {
  CLEAN: 0,
  FOUND: 1,
  CANNOT_SCAN: 2,
} as const;
