import { formatDuration, formatProgress, timeLeft } from '../../src/report/progress';

describe('formatProgress', () => {
  test('done/total, percent and the time left from the pace so far', () => {
    // 76 commits in 0.5 s: 2688 left at the same pace is 17.68 s, shown as 18 s.
    expect(formatProgress({ done: 76, total: 2764, elapsedMs: 500 })).toBe(
      'seg-hook: scanned 76/2764 commits (2%), about 18 s left',
    );
  });

  test('the first moments: no estimate yet', () => {
    expect(formatProgress({ done: 2, total: 100, elapsedMs: 900 })).toBe(
      'seg-hook: scanned 2/100 commits (2%), estimating time left…',
    );
    expect(timeLeft(50, 100, 100)).toBe('estimating time left…');
  });

  test('an unknown total: the count alone', () => {
    expect(formatProgress({ done: 7, total: null, elapsedMs: 5000 })).toBe(
      'seg-hook: scanned 7 commits…',
    );
  });

  test('more commits than counted (refs moved meanwhile) never shows more than 100%', () => {
    expect(formatProgress({ done: 12, total: 10, elapsedMs: 1000 })).toBe(
      'seg-hook: scanned 10/10 commits (100%), about 0 s left',
    );
  });

  test('durations: seconds, then minutes and seconds', () => {
    expect(formatDuration(400)).toBe('1 s');
    expect(formatDuration(59_000)).toBe('59 s');
    expect(formatDuration(61_000)).toBe('1 min 01 s');
    expect(formatDuration(600_000)).toBe('10 min 00 s');
  });
});
