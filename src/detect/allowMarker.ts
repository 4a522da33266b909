/** A line containing this marker yields no finding (for documented examples and test data). */
export const ALLOW_MARKER = 'seg-hook:allow';
