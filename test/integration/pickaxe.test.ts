/**
 * Bytes git's regex could trip over must not hide a token — invalid UTF-8, NUL bytes, CRLF, a
 * long line, a user locale — on every route of the staged scan: the whole patch (a small
 * commit), and past 64 changes the patch read again after the list, and git grep (new files).
 * Each case shows from git's recorded calls that its route ran.
 */
import { GitCallLog, StagedRoute, stagedRouteOf } from '../helpers/gitCalls';
import { isolatedEnv, TempRepo } from '../helpers/gitRepo';
import { makeToken } from '../helpers/tokens';

const FILLERS = 65;

function hardFiles(): Record<string, string | Buffer> {
  const tokens = [makeToken(64), makeToken(16), makeToken(32), makeToken(40)];
  return {
    'latin1.txt': Buffer.concat([
      Buffer.from([0xff, 0xfe, 0xe9, 0x20]),
      Buffer.from(`k=${tokens[0]}\n`),
    ]),
    'nul.bin': Buffer.concat([Buffer.from([0, 1, 0, 2]), Buffer.from(` ${tokens[1]}\n`)]),
    'crlf.txt': `first\r\nsecond ${tokens[2]}\r\n`,
    'long.js': `${'x=1;'.repeat(400_000)}"${tokens[3]}"\n`,
    'clean.txt': 'nothing here\n',
  };
}

function fillers(content: (i: number) => string): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILLERS; i++) files[`filler/${i}.txt`] = content(i);
  return files;
}

/** Committed empty, so that staging their content makes them modified, not new. */
function emptyVersions(files: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.keys(files).map((name) => [name, '']));
}

/** Stages the hard files so that the scan takes `route`. */
const SETUPS: Record<
  StagedRoute,
  (repo: TempRepo, files: Record<string, string | Buffer>) => void
> = {
  'one patch': (repo, files) => repo.stage(files),
  grep: (repo, files) => repo.stage({ ...files, ...fillers((i) => `filler ${i}\n`) }),
  patch: (repo, files) => {
    const filler = fillers((i) => `filler ${i}\n`);
    repo.stage({ ...emptyVersions(files), ...filler });
    repo.commit('empty versions');
    repo.stage({ ...files, ...fillers((i) => `filler ${i}, changed\n`) });
  },
  'grep + patch': (repo, files) => {
    repo.stage(emptyVersions(files));
    repo.commit('empty versions');
    repo.stage({ ...files, ...fillers((i) => `filler ${i}\n`) });
  },
};

describe('files git must not filter out', () => {
  let repo: TempRepo;
  const calls = new GitCallLog();
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.cleanup());
  afterAll(() => calls.cleanup());

  test.each(Object.keys(SETUPS) as StagedRoute[])(
    'a token after invalid UTF-8, after NUL bytes, in CRLF text and deep in a long line (%s)',
    (route) => {
      const files = hardFiles();
      SETUPS[route](repo, files);
      const changes = route === 'one patch' ? 5 : 5 + FILLERS;
      for (const locale of [undefined, 'C.UTF-8', 'en_US.UTF-8']) {
        const env = calls.env(isolatedEnv(locale ? { LC_ALL: locale, LANG: locale } : {}));
        const { status, report } = repo.segHookJson([], { env });
        expect(stagedRouteOf(calls.take())).toBe(route);
        expect(status).toBe(1);
        const found = report.findings.map((f) => [f.file, f.line]).sort();
        expect(found).toEqual([
          ['crlf.txt', 2],
          ['latin1.txt', 1],
          ['long.js', 1],
          ['nul.bin', 1],
        ]);
        expect(report.summary.filesScanned).toBe(changes);
      }
    },
  );
});
