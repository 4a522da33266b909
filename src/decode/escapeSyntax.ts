/**
 * The one definition of escape syntax: percent-escapes (`%73`), quoted-printable (`=73`) and
 * backslash escapes of JSON, JavaScript, Python and C strings (`\u0073`, `\x73`, `\n`). The
 * decoders read units with it, and the token rules ask it whether the characters before a
 * token close an escape (a token right after `Bearer%20` or `\n` is a token, not the tail of
 * an identifier).
 */

export function isHexCode(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x46) ||
    (code >= 0x61 && code <= 0x66)
  );
}

export function hexOf(code: number): string {
  return code.toString(16).padStart(2, '0');
}

function hexRunAt(text: string, at: number, width: number): boolean {
  if (at < 0 || at + width > text.length) return false;
  for (let i = at; i < at + width; i++) if (!isHexCode(text.charCodeAt(i))) return false;
  return true;
}

/** The byte of a `<lead>XX` escape at `at` (`%73`, `=73`), or -1. */
export function hexEscapeAt(text: string, at: number, lead: number): number {
  if (text.charCodeAt(at) !== lead || !hexRunAt(text, at + 1, 2)) return -1;
  return parseInt(text.slice(at + 1, at + 3), 16);
}

export const PERCENT = 0x25;
export const EQUALS = 0x3d;
const BACKSLASH = 0x5c;

/** Single-character backslash escapes and what they stand for. */
const SIMPLE: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  0: '\0',
  '"': '"',
  "'": "'",
  '\\': '\\',
  '/': '/',
};

export interface EscapeUnit {
  /** The character it stands for (\u above 0xFF: its low byte is never a token's, so \xff). */
  ch: string;
  width: number;
}

/** The backslash escape at `at`, or null. */
export function backslashEscapeAt(text: string, at: number): EscapeUnit | null {
  if (text.charCodeAt(at) !== BACKSLASH || at + 1 >= text.length) return null;
  const next = text[at + 1];
  const hexWidth = next === 'u' ? 4 : next === 'x' ? 2 : 0;
  if (hexWidth > 0 && hexRunAt(text, at + 2, hexWidth)) {
    const code = parseInt(text.slice(at + 2, at + 2 + hexWidth), 16);
    return { ch: code > 0xff ? '\u00ff' : String.fromCharCode(code), width: 2 + hexWidth };
  }
  return next in SIMPLE ? { ch: SIMPLE[next], width: 2 } : null;
}

/**
 * Whether the letters/digits just before `end` close an escape: a backslash escape (`\n`,
 * `\u0020`, `\x20`; `\\n` of JSON inside JSON too), a percent-escape whose `%` may itself be
 * percent-encoded (`%253D`: a URL inside a URL parameter), a quoted-printable one (`=3D`,
 * `=3D3D`), or a terminal style sequence (`ESC[1m`: saved CI logs print tokens in colour).
 * Entities (`&quot;`, `&#34;`) end in `;`, no token character, so they need no case here.
 */
export function endsEscape(text: string, end: number): boolean {
  for (const width of [2, 4, 6]) {
    const escape = backslashEscapeAt(text, end - width);
    if (escape && escape.width === width) return true;
  }
  return (
    endsHexEscape(text, end, PERCENT, '25') ||
    endsHexEscape(text, end, EQUALS, '3D') ||
    (text.charCodeAt(end - 1) === 0x6d &&
      ANSI_STYLE_END.test(text.slice(Math.max(0, end - 32), end)))
  );
}

// eslint-disable-next-line no-control-regex -- the raw ESC byte is what a saved log holds
const ANSI_STYLE_END = /(?:\x1b|\\x1b|\\033|\\u001b|\\e)\[[0-9;]*m$/i;

/** `<lead>XX`, or with the lead itself encoded by the same scheme any number of times. */
function endsHexEscape(text: string, end: number, lead: number, encodedLead: string): boolean {
  let start = end - 2; // the two hex digits
  if (start < 1 || !hexRunAt(text, start, 2)) return false;
  while (
    text.charCodeAt(start - 1) !== lead &&
    start >= 3 &&
    text.slice(start - 2, start).toUpperCase() === encodedLead
  ) {
    start -= 2;
  }
  return text.charCodeAt(start - 1) === lead;
}
