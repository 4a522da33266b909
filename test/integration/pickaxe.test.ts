/**
 * The staged scan asks git only for the patches of files that hold a needle (-G). Bytes git's
 * regex could trip over must not hide a token: invalid UTF-8, NUL bytes, CRLF, a long line,
 * a user locale.
 */
import { isolatedEnv, TempRepo } from '../helpers/gitRepo';
import { makeToken } from '../helpers/tokens';

describe('files git must not filter out', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.cleanup());

  test('a token after invalid UTF-8, after NUL bytes, in CRLF text and deep in a long line', () => {
    const tokens = [makeToken(64), makeToken(16), makeToken(32), makeToken(40)];
    repo.stage({
      'latin1.txt': Buffer.concat([
        Buffer.from([0xff, 0xfe, 0xe9, 0x20]),
        Buffer.from(`k=${tokens[0]}\n`),
      ]),
      'nul.bin': Buffer.concat([Buffer.from([0, 1, 0, 2]), Buffer.from(` ${tokens[1]}\n`)]),
      'crlf.txt': `first\r\nsecond ${tokens[2]}\r\n`,
      'long.js': `${'x=1;'.repeat(400_000)}"${tokens[3]}"\n`,
      'clean.txt': 'nothing here\n',
    });
    for (const locale of [undefined, 'C.UTF-8', 'en_US.UTF-8']) {
      const env = isolatedEnv(locale ? { LC_ALL: locale, LANG: locale } : {});
      const { status, report } = repo.segHookJson([], { env });
      expect(status).toBe(1);
      const found = report.findings.map((f) => [f.file, f.line]).sort();
      expect(found).toEqual([
        ['crlf.txt', 2],
        ['latin1.txt', 1],
        ['long.js', 1],
        ['nul.bin', 1],
      ]);
      expect(report.summary.filesScanned).toBe(5);
    }
  });
});
