/**
 * Decoding of git's C-style quoted path names (quote.c: quote_c_style).
 *
 * git quotes a name when it holds a control character, `"`, `\`, or (with core.quotePath,
 * which we force on) any byte >= 0x80. Inside the quotes: \a \b \t \n \v \f \r \" \\ and
 * three-digit octal escapes for every other byte. The result is the exact bytes of the name,
 * which we decode as UTF-8.
 */
import { ScanError } from '../errors';

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 0x07,
  b: 0x08,
  t: 0x09,
  n: 0x0a,
  v: 0x0b,
  f: 0x0c,
  r: 0x0d,
  '"': 0x22,
  '\\': 0x5c,
};

export interface Unquoted {
  /** The decoded name. */
  name: string;
  /** Index in the input just past the closing quote. */
  end: number;
}

/**
 * Unquote a C-quoted string starting at `input[start] === '"'`. Throws a `bad-diff` ScanError
 * on anything git would never produce (unterminated quote, unknown escape, bad octal).
 */
export function unquoteCString(input: string, start = 0): Unquoted {
  if (input[start] !== '"') throw badQuote('expected an opening quote', input);
  const bytes: number[] = [];
  let i = start + 1;
  while (i < input.length) {
    const ch = input[i];
    if (ch === '"') {
      return { name: Buffer.from(bytes).toString('utf8'), end: i + 1 };
    }
    if (ch !== '\\') {
      // Unescaped characters are ASCII in git's output, but accept any and keep their UTF-8 bytes.
      const code = input.charCodeAt(i);
      if (code < 0x80) bytes.push(code);
      else for (const byte of Buffer.from(ch, 'utf8')) bytes.push(byte);
      i += 1;
      continue;
    }
    const next = input[i + 1];
    if (next === undefined) break;
    if (next in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[next]);
      i += 2;
      continue;
    }
    const octal = input.slice(i + 1, i + 4);
    if (/^[0-3][0-7]{2}$/.test(octal)) {
      bytes.push(parseInt(octal, 8));
      i += 4;
      continue;
    }
    throw badQuote(`unknown escape \\${next}`, input);
  }
  throw badQuote('unterminated quoted name', input);
}

function badQuote(problem: string, input: string): ScanError {
  return new ScanError(
    'bad-diff',
    `unexpected git output: ${problem} in ${JSON.stringify(input.slice(0, 200))}`,
  );
}
