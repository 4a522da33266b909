import { createOutput, wantsColor } from '../../src/cli/output';
import { redactToken } from '../../src/report/redact';
import { makeToken } from '../helpers/tokens';

describe('wantsColor', () => {
  test('a TTY gets colour; a pipe does not', () => {
    expect(wantsColor({}, true)).toBe(true);
    expect(wantsColor({}, false)).toBe(false);
  });

  test('NO_COLOR (any non-empty value) turns colour off, even on a TTY and with FORCE_COLOR', () => {
    expect(wantsColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(wantsColor({ NO_COLOR: '0' }, true)).toBe(false);
    expect(wantsColor({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
  });

  test('an empty NO_COLOR is ignored (no-color.org)', () => {
    expect(wantsColor({ NO_COLOR: '' }, true)).toBe(true);
  });

  test.each([['1'], ['2'], ['3'], ['true'], ['']])(
    'FORCE_COLOR=%j forces colour without a TTY and with TERM=dumb',
    (value) => {
      expect(wantsColor({ FORCE_COLOR: value }, false)).toBe(true);
      expect(wantsColor({ FORCE_COLOR: value, TERM: 'dumb' }, false)).toBe(true);
    },
  );

  test.each([['0'], ['false']])('FORCE_COLOR=%j falls back to the TTY check', (value) => {
    expect(wantsColor({ FORCE_COLOR: value }, false)).toBe(false);
    expect(wantsColor({ FORCE_COLOR: value }, true)).toBe(true);
  });

  test('TERM=dumb turns colour off on a TTY', () => {
    expect(wantsColor({ TERM: 'dumb' }, true)).toBe(false);
    expect(wantsColor({ TERM: 'xterm-256color' }, true)).toBe(true);
  });
});

describe('createOutput', () => {
  let written: { stream: string; text: string }[];

  beforeEach(() => {
    written = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      jest.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push({ stream, text: String(chunk) });
        return true;
      });
    }
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  test('redacts tokens in everything it writes, to either stream', () => {
    const token = makeToken();
    const output = createOutput(true, {});
    output.out(`json ${token}\n`);
    output.err(`error: ${token}\n`);
    expect(written).toEqual([
      { stream: 'stdout', text: `json ${redactToken(token)}\n` },
      { stream: 'stderr', text: `error: ${redactToken(token)}\n` },
    ]);
  });

  test('passes text through unchanged with redaction off (--no-redact)', () => {
    const token = makeToken();
    createOutput(false, {}).err(`${token}\n`);
    expect(written).toEqual([{ stream: 'stderr', text: `${token}\n` }]);
  });

  test('its colour choice follows the environment', () => {
    expect(createOutput(true, { NO_COLOR: '1', FORCE_COLOR: '1' }).color).toBe(false);
    expect(createOutput(true, { FORCE_COLOR: '1' }).color).toBe(true);
  });
});
