import { isScanError } from '../../src/errors';
import {
  isDeletion,
  isNewBranch,
  parsePrePushInput,
  PushUpdate,
  pushRevisions,
} from '../../src/scan/prePushUpdates';

const ZERO = '0'.repeat(40);
const sha = (digit: string, length = 40) => digit.repeat(length);

function update(localSha: string, remoteSha: string, ref = 'refs/heads/main'): PushUpdate {
  return { localRef: ref, localSha, remoteRef: ref, remoteSha };
}

describe('parsePrePushInput', () => {
  test('reads one update per line (githooks(5) format)', () => {
    const text = [
      `refs/heads/main ${sha('a')} refs/heads/main ${sha('b')}`,
      `refs/tags/v1 ${sha('c')} refs/tags/v1 ${ZERO}`,
      '',
    ].join('\n');
    expect(parsePrePushInput(text)).toEqual([
      update(sha('a'), sha('b')),
      { localRef: 'refs/tags/v1', localSha: sha('c'), remoteRef: 'refs/tags/v1', remoteSha: ZERO },
    ]);
  });

  test('a deletion: git writes "(delete)" and a zero local id', () => {
    const [deletion] = parsePrePushInput(`(delete) ${ZERO} refs/heads/feat ${sha('d')}\n`);
    expect(deletion).toEqual({
      localRef: '(delete)',
      localSha: ZERO,
      remoteRef: 'refs/heads/feat',
      remoteSha: sha('d'),
    });
    expect(isDeletion(deletion)).toBe(true);
    expect(isNewBranch(deletion)).toBe(false);
  });

  test('empty input (nothing to push) gives no updates; CRLF and blank lines are tolerated', () => {
    expect(parsePrePushInput('')).toEqual([]);
    expect(parsePrePushInput('\n\n')).toEqual([]);
    expect(parsePrePushInput(`HEAD ${sha('a')} refs/heads/x ${ZERO}\r\n\r\n`)).toEqual([
      { localRef: 'HEAD', localSha: sha('a'), remoteRef: 'refs/heads/x', remoteSha: ZERO },
    ]);
  });

  test('SHA-256 repositories (64-digit ids) are accepted', () => {
    const [u] = parsePrePushInput(
      `refs/heads/main ${sha('e', 64)} refs/heads/main ${'0'.repeat(64)}`,
    );
    expect(u.localSha).toBe(sha('e', 64));
    expect(isNewBranch(u)).toBe(true);
  });

  test.each([
    ['three fields', `refs/heads/main ${sha('a')} refs/heads/main`],
    ['five fields', `refs/heads/main ${sha('a')} refs/heads/main ${sha('b')} extra`],
    ['an abbreviated id', `refs/heads/main ${sha('a', 12)} refs/heads/main ${sha('b')}`],
    ['an upper-case id', `refs/heads/main ${sha('A')} refs/heads/main ${sha('b')}`],
    ['a revision instead of an id', `refs/heads/main HEAD refs/heads/main ${sha('b')}`],
    ['an option-looking id', `refs/heads/main --all refs/heads/main ${sha('b')}`],
    ['tabs for spaces', `refs/heads/main\t${sha('a')}\trefs/heads/main\t${sha('b')}`],
  ])('anything else (%s) is a one-line bad-arguments error', (_what, line) => {
    let error: unknown;
    try {
      parsePrePushInput(`refs/heads/ok ${sha('1')} refs/heads/ok ${sha('2')}\n${line}\n`);
    } catch (caught) {
      error = caught;
    }
    expect(isScanError(error) && error.kind).toBe('bad-arguments');
    expect((error as Error).message).toMatch(/^unexpected pre-push input line: /);
    expect((error as Error).message).not.toMatch(/[\n\t]/);
  });

  test('the error quotes at most 200 characters of a huge line', () => {
    const line = `x ${'y'.repeat(100_000)}`;
    expect(() => parsePrePushInput(line)).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^.{0,260}$/) }),
    );
  });
});

describe('pushRevisions', () => {
  const tracking = [sha('7'), sha('8')];

  test('nothing but deletions: nothing to scan (null)', () => {
    expect(pushRevisions([update(ZERO, sha('d'))], new Set([sha('d')]), tracking)).toBeNull();
    expect(pushRevisions([], new Set(), [])).toBeNull();
  });

  test("a new branch: its commits that none of this remote's tracking refs reach", () => {
    expect(pushRevisions([update(sha('a'), ZERO)], new Set(), tracking)).toEqual([
      sha('a'),
      '--not',
      ...tracking,
    ]);
  });

  test('an update whose old remote commit we have: also exclude what the remote had', () => {
    expect(pushRevisions([update(sha('a'), sha('b'))], new Set([sha('b')]), tracking)).toEqual([
      sha('a'),
      '--not',
      sha('b'),
      ...tracking,
    ]);
  });

  test('a force push over a remote commit we do not have: only the tracking refs are excluded', () => {
    // Excluding an id git does not know would make git log fail (and the push blocked for
    // the wrong reason).
    expect(pushRevisions([update(sha('a'), sha('b'))], new Set(), tracking)).toEqual([
      sha('a'),
      '--not',
      ...tracking,
    ]);
  });

  test('nothing known of the remote (a push to a URL): everything reachable is scanned', () => {
    expect(pushRevisions([update(sha('a'), ZERO)], new Set(), [])).toEqual([sha('a'), '--not']);
  });

  test('several refs at once: each pushed commit once, deletions ignored, known olds excluded', () => {
    const updates = [
      update(sha('a'), sha('b'), 'refs/heads/main'),
      update(sha('a'), ZERO, 'refs/heads/copy'),
      update(ZERO, sha('c'), 'refs/heads/gone'),
      update(sha('e'), sha('b'), 'refs/heads/other'),
      update(sha('f'), sha('9'), 'refs/tags/v2'),
    ];
    expect(pushRevisions(updates, new Set([sha('b'), sha('c')]), [sha('b')])).toEqual([
      sha('a'),
      sha('e'),
      sha('f'),
      '--not',
      sha('b'),
    ]);
  });
});
